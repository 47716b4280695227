"""The project's cache folder, ``.matterlint_cache/``, shared by the result cache
(:mod:`matterlint.cache`) and the remote schema cache (:mod:`matterlint.fetch`): git-ignored,
removed whole by ``matterlint clean``, and written one whole entry at a time."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

DIRECTORY = ".matterlint_cache"


def replace_file(folder: str, entry: str, data: bytes) -> None:
    """Write ``entry`` (in ``folder``) as a whole or not at all: a temporary file renamed over
    it, so a concurrent reader sees the old or the new contents. Raises ``OSError``."""
    import tempfile  # runs with --no-cache, and cached runs, never write

    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, entry)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def ignore_in_git(directory: Path) -> None:
    marker = directory / ".gitignore"
    if not marker.exists():
        marker.write_text("# Made by matterlint: the cache is never committed.\n*\n")
