"""Command-line arguments → the ordered list of files to lint.

Directories are walked; ``.gitignore`` files (each directory's, as git reads them) and the
configured excludes prune the walk. A file named on the command line is linted even when
excluded, because pre-commit names staged files explicitly; ``--force-exclude`` makes
excludes apply to it too (Ruff's rule). Patterns use gitignore syntax everywhere, so that
`drafts/` and `**/*.tmp.md` mean what they mean in ``.gitignore``.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec

from matterlint.config import Settings

_GLOB_MAGIC = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Target:
    """A file to lint: where it is (``location``, as the operating system takes it), and how
    the report names it (as the user wrote it).

    Text, not a :class:`Path`: a run holds every target at once, and 100,000 paths cost 47 MB
    as ``Path`` objects, a third of that as strings (on POSIX both fields share one string).
    """

    location: str
    display: str

    @property
    def path(self) -> Path:
        return Path(self.location)


class _Ignores:
    """Exclude patterns and ``.gitignore`` files for one run, each directory's read once.

    Paths are absolute strings here: on a tree of 10,000 posts, ``pathlib`` arithmetic per file
    cost more than linting them.
    """

    def __init__(self, settings: Settings) -> None:
        self._root = os.path.abspath(settings.root)
        self._exclude = pathspec.GitIgnoreSpec.from_lines(settings.exclude)
        # Directory patterns (`drafts/`) are applied when the walk prunes; only other patterns
        # need checking against every file.
        self._files_too = any(
            line.strip() and not line.startswith("#") and not line.rstrip().endswith("/")
            for line in settings.exclude
        )
        self._respect_gitignore = settings.respect_gitignore
        self._specs: dict[str, tuple[tuple[str, pathspec.GitIgnoreSpec], ...]] = {}

    def excluded(self, path: str, is_dir: bool, *, walked: bool = True) -> bool:
        """Whether an absolute path is excluded by the settings or a ``.gitignore``. A file
        found by the walk lies in a directory the walk did not prune; a file named on the
        command line may lie anywhere."""
        suffix = "/" if is_dir else ""
        if is_dir or self._files_too or not walked:
            relative = _inside(path, self._root)
            name = relative if relative is not None else os.path.basename(path)
            if self._exclude.match_file(name + suffix):
                return True
        if not self._respect_gitignore:
            return False
        for base, spec in self._applicable(os.path.dirname(path)):
            inner = _inside(path, base)
            if inner is not None and spec.match_file(inner + suffix):
                return True
        return False

    def _applicable(self, directory: str) -> tuple[tuple[str, pathspec.GitIgnoreSpec], ...]:
        """The ``.gitignore`` rules that apply in a directory: its own and its parents', up to
        the top of the git work tree (files above it do not apply)."""
        found = self._specs.get(directory)
        if found is not None:
            return found
        parent = os.path.dirname(directory)
        top = os.path.exists(os.path.join(directory, ".git")) or parent == directory
        inherited = () if top else self._applicable(parent)
        own = _gitignore(directory)
        found = (*inherited, (directory, own)) if own is not None else inherited
        self._specs[directory] = found
        return found


def _gitignore(directory: str) -> pathspec.GitIgnoreSpec | None:
    try:
        with open(os.path.join(directory, ".gitignore"), encoding="utf-8") as handle:
            return pathspec.GitIgnoreSpec.from_lines(handle.read().splitlines())
    except (OSError, UnicodeDecodeError):
        return None


def _inside(path: str, base: str) -> str | None:
    """``path`` relative to ``base``, with ``/``, if it lies inside it."""
    if path == base:
        return ""
    prefix = base if base.endswith(os.sep) else base + os.sep
    if not path.startswith(prefix):
        return None
    return path[len(prefix) :].replace(os.sep, "/")


def excluded(path: Path, settings: Settings) -> bool:
    """Whether a file is excluded by the configuration or a ``.gitignore``."""
    return _Ignores(settings).excluded(os.path.abspath(path), is_dir=False, walked=False)


def discover(
    arguments: Sequence[str], settings: Settings, *, force_exclude: bool
) -> Iterator[Target]:
    """The files to lint, each once, in the order of how they are displayed.

    One directory (the commonest large run) streams: its walk yields files already in that
    order, so no list of them is held and memory does not grow with the size of the tree.
    Other arguments are gathered, deduplicated and sorted.
    """
    ignores = _Ignores(settings)
    if len(arguments) == 1 and os.path.isdir(arguments[0]):
        yield from _walk(Path(arguments[0]), settings, ignores)
        return
    found: dict[str, Target] = {}
    for argument in arguments:
        for target in _expand(argument, settings, ignores, force_exclude):
            found.setdefault(os.path.abspath(target.location), target)
    yield from sorted(found.values(), key=_display)


def _display(target: Target) -> str:
    return target.display


def _expand(
    argument: str, settings: Settings, ignores: _Ignores, force_exclude: bool
) -> Iterator[Target]:
    path = Path(argument)
    if os.path.isdir(path):
        yield from _walk(path, settings, ignores)
        return
    if os.path.lexists(path) or not _GLOB_MAGIC & set(argument):
        # Named explicitly: linted even if excluded, and reported if it cannot be read.
        if force_exclude and ignores.excluded(os.path.abspath(path), False, walked=False):
            return
        yield Target(str(path), path.as_posix())
        return
    for match in sorted(glob.glob(argument, recursive=True)):
        matched = Path(match)
        if matched.is_dir():
            yield from _walk(matched, settings, ignores)
        elif matched.suffix.lower() in settings.extensions and not ignores.excluded(
            os.path.abspath(matched), False, walked=False
        ):
            yield Target(match, matched.as_posix())


def _walk(top: Path, settings: Settings, ignores: _Ignores) -> Iterator[Target]:
    """Files under ``top`` in the order of their displayed paths, found depth first.

    Sorting whole paths equals visiting each directory's entries by name, a directory's name
    taken with its ``/`` (so ``c.md`` comes before ``c/…``, which comes before ``c0.md``).
    Like :func:`os.walk`, symbolic links to directories are not followed; other entries,
    broken links included, are files (reported if they cannot be read).
    """
    extensions = settings.extensions
    pending: list[Iterator[tuple[str, str, bool]]] = [_entries(str(top), ignores)]
    while pending:
        entry = next(pending[-1], None)
        if entry is None:
            pending.pop()
            continue
        path, absolute, is_dir = entry
        if is_dir:
            pending.append(_entries(path, ignores, absolute))
        elif os.path.splitext(path)[1].lower() in extensions and not ignores.excluded(
            absolute, is_dir=False
        ):
            path = os.path.normpath(path)
            yield Target(path, path if os.sep == "/" else path.replace(os.sep, "/"))


def _entries(
    directory: str, ignores: _Ignores, absolute: str | None = None
) -> Iterator[tuple[str, str, bool]]:
    """A directory's files and walkable subdirectories as (path, absolute path, is a
    directory), sorted by name, each directory's name with its ``/``."""
    absolute = absolute or os.path.abspath(directory)
    found: list[tuple[str, str, str, bool]] = []
    try:
        with os.scandir(directory) as scan:
            for entry in scan:
                try:
                    is_dir = entry.is_dir()
                    walkable = is_dir and not entry.is_symlink()
                except OSError:
                    is_dir = walkable = False
                inner = os.path.join(absolute, entry.name)
                if walkable and ignores.excluded(inner, is_dir=True):
                    continue
                if is_dir and not walkable:
                    continue
                key = entry.name + "/" if walkable else entry.name
                found.append((key, os.path.join(directory, entry.name), inner, walkable))
    except OSError:
        return
    found.sort()
    for _, path, inner, walkable in found:
        yield path, inner, walkable
