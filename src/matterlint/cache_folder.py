"""The project's cache folder, ``.matterlint_cache/``, shared by the result cache
(:mod:`matterlint.cache`) and the remote schema cache (:mod:`matterlint.fetch`): git-ignored,
removed whole by ``matterlint clean``, and written one whole entry at a time."""

from __future__ import annotations

import contextlib
import itertools
import os
from pathlib import Path

from matterlint.source import write_all

DIRECTORY = ".matterlint_cache"


_WRITTEN = itertools.count()


def replace_file(folder: str, entry: str, data: bytes) -> None:
    """Write ``entry`` (in ``folder``) as a whole or not at all: a temporary file renamed over
    it, so a concurrent reader sees the old or the new contents. Raises ``OSError``.

    The temporary name is this process's ID and a count, not ``tempfile.mkstemp``'s random
    one: no live process has the same ID, so a file of that name is a dead one's leftover, and
    is removed (never written through: it may be a link planted in a cache folder that came
    with a pull request)."""
    temporary = os.path.join(folder, f".{os.getpid()}-{next(_WRITTEN)}.tmp")
    try:
        try:
            descriptor = os.open(temporary, _WRITE_FLAGS, 0o600)
        except FileExistsError:
            os.unlink(temporary)
            descriptor = os.open(temporary, _WRITE_FLAGS, 0o600)
        try:
            write_all(descriptor, data)
        finally:
            os.close(descriptor)
        os.replace(temporary, entry)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


_WRITE_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOFOLLOW", 0)
)


def ignore_in_git(directory: Path) -> None:
    marker = directory / ".gitignore"
    if not marker.exists():
        marker.write_text("# Made by matterlint: the cache is never committed.\n*\n")
