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
    """A file to lint: where it is, and how the report names it (as the user wrote it)."""

    path: Path
    display: str


class _Ignores:
    """Gitignore rules for one directory tree, read lazily per directory."""

    def __init__(self, settings: Settings) -> None:
        self._root = settings.root
        self._exclude = pathspec.GitIgnoreSpec.from_lines(settings.exclude)
        self._respect_gitignore = settings.respect_gitignore
        self._gitignores: dict[Path, tuple[pathspec.GitIgnoreSpec | None, bool]] = {}

    def excluded(self, path: Path, is_dir: bool) -> bool:
        suffix = "/" if is_dir else ""
        relative = _relative(path, self._root)
        if relative is not None and self._exclude.match_file(relative + suffix):
            return True
        if relative is None and self._exclude.match_file(path.name + suffix):
            return True
        if not self._respect_gitignore:
            return False
        for directory in path.parents:
            spec, repository_root = self._gitignore(directory)
            if spec is not None:
                inner = _relative(path, directory)
                if inner is not None and spec.match_file(inner + suffix):
                    return True
            if repository_root:
                break
        return False

    def _gitignore(self, directory: Path) -> tuple[pathspec.GitIgnoreSpec | None, bool]:
        """A directory's ``.gitignore`` rules, and whether it is the top of a git work tree
        (``.gitignore`` files above it do not apply)."""
        if directory not in self._gitignores:
            spec = None
            try:
                lines = (directory / ".gitignore").read_text(encoding="utf-8").splitlines()
                spec = pathspec.GitIgnoreSpec.from_lines(lines)
            except (OSError, UnicodeDecodeError):
                spec = None
            self._gitignores[directory] = (spec, (directory / ".git").exists())
        return self._gitignores[directory]


def _relative(path: Path, base: Path) -> str | None:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return None


def excluded(path: Path, settings: Settings) -> bool:
    """Whether a file is excluded by the configuration or a ``.gitignore``."""
    return _Ignores(settings).excluded(path.absolute(), is_dir=False)


def discover(arguments: Sequence[str], settings: Settings, *, force_exclude: bool) -> list[Target]:
    """The files to lint, each once, sorted by how they are displayed."""
    ignores = _Ignores(settings)
    found: dict[Path, Target] = {}
    for argument in arguments:
        for target in _expand(argument, settings, ignores, force_exclude):
            found.setdefault(target.path.absolute(), target)
    return sorted(found.values(), key=lambda t: t.display)


def _expand(
    argument: str, settings: Settings, ignores: _Ignores, force_exclude: bool
) -> Iterator[Target]:
    path = Path(argument)
    if os.path.isdir(path):
        yield from _walk(path, settings, ignores)
        return
    if os.path.lexists(path) or not _GLOB_MAGIC & set(argument):
        # Named explicitly: linted even if excluded, and reported if it cannot be read.
        if force_exclude and ignores.excluded(path.absolute(), is_dir=False):
            return
        yield Target(path, path.as_posix())
        return
    for match in sorted(glob.glob(argument, recursive=True)):
        matched = Path(match)
        if matched.is_dir():
            yield from _walk(matched, settings, ignores)
        elif matched.suffix.lower() in settings.extensions and not ignores.excluded(
            matched.absolute(), False
        ):
            yield Target(matched, matched.as_posix())


def _walk(top: Path, settings: Settings, ignores: _Ignores) -> Iterator[Target]:
    extensions = settings.extensions
    for directory, subdirectories, filenames in os.walk(top):
        base = Path(directory)
        absolute = base.absolute()
        subdirectories[:] = sorted(
            d for d in subdirectories if not ignores.excluded(absolute / d, is_dir=True)
        )
        for name in sorted(filenames):
            if os.path.splitext(name)[1].lower() not in extensions:
                continue
            if ignores.excluded(absolute / name, is_dir=False):
                continue
            path = base / name
            yield Target(path, path.as_posix())
