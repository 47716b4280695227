"""The result cache: a post whose bytes, path, settings, schemas and matterlint are unchanged
gets its previous result back without being parsed or checked.

Each result is filed under two keys: under its bytes (so that a fresh clone, as CI restores a
cache into, finds what another checkout stored) and under the file's status (size,
modification and change times, inode and device), so that a second run over unchanged files
finds it with one ``stat`` instead of reading and hashing every post, as ``git status`` does.
The change time cannot be set back by any tool (``touch -d`` sets it to now), and a status is
stored only for a file that had been unchanged for ``SETTLED`` seconds when the status was
taken: a file written again within the same tick of the file system's clock, after it was
read, would otherwise keep a status whose result is stale (git's "racy clean" problem). Only
on POSIX systems, where the change time means that.

Entries are JSON (:mod:`matterlint.entries`), kept in a database that concurrent runs share
(:mod:`matterlint.cache_store`); an unreadable or stale entry is simply a miss. Only results
that depend on nothing but those inputs are stored (not a post naming its own schema with
``$schema``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import time
from dataclasses import fields, is_dataclass
from enum import Enum
from pathlib import Path
from typing import NamedTuple

import matterlint
from matterlint import entries
from matterlint.cache_folder import DIRECTORY, ignore_in_git
from matterlint.cache_store import UNUSED_DAYS, Store
from matterlint.results import FileResult

FORMAT = 6


def settings_key(settings: object, schema_sources: dict[str, str]) -> str:
    """What, besides a post's bytes and path, decides its result: the settings, the schemas'
    contents and matterlint itself (its version, and its source files' sizes and times, so an
    edited checkout never reads results of the code it replaced)."""
    package = Path(matterlint.__file__).parent
    code = sorted(
        (str(p.relative_to(package)), p.stat().st_size, p.stat().st_mtime_ns)
        for p in package.rglob("*.py")
    )
    blob = json.dumps(
        [
            FORMAT,
            matterlint.__version__,
            code,
            _canonical(settings),
            sorted(schema_sources.items()),
        ],
        sort_keys=True,
        default=str,
    )
    return hashlib.blake2b(blob.encode(), digest_size=16).hexdigest()


def _canonical(value: object) -> object:
    """Settings as JSON-able data in a stable order (sets sorted, paths and enums as text)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical(v) for v in value), key=str)
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


# A file changed less than this many seconds ago gets no entry under its status.
SETTLED = 2.0


class ResultCache:
    """Entries live in ``.matterlint_cache/v<FORMAT>/<settings>/``, in a database
    (:mod:`matterlint.cache_store`)."""

    def __init__(self, root: Path, settings: str) -> None:
        self._cache = root / DIRECTORY
        self._directory = self._cache / f"v{FORMAT}" / settings[:32]
        self._store = Store(str(self._directory))
        # SHA-256: twice as fast as BLAKE2 where the CPU has SHA instructions, and a post's
        # bytes are hashed whenever its status is not known yet.
        self._prefix = hashlib.sha256(settings.encode())

    def prune(self) -> None:
        """Mark this run's settings as in use, and remove the folders of other settings (or of
        other cache formats) that no run has used for ``UNUSED_DAYS``: each change of
        configuration, schemas or matterlint starts a new folder, and nothing else would
        remove the old ones. Another matterlint (pre-commit's own copy) may share the cache
        and still use its folder. Never raises: a concurrent run may remove the same folder,
        and an entry that vanishes is a miss."""
        now = time.time()
        with contextlib.suppress(OSError):
            self._directory.mkdir(parents=True, exist_ok=True)
            ignore_in_git(self._cache)
            os.utime(self._directory, (now, now))
        for folder in self._cache.glob("v*/*"):
            with contextlib.suppress(OSError):
                stale = now - folder.stat().st_mtime > UNUSED_DAYS * 86_400
                if stale and folder.is_dir() and folder != self._directory:
                    shutil.rmtree(folder, ignore_errors=True)

    def key(self, path: str, raw: bytes) -> Key:
        """The key of a file's bytes: made once, for the lookup and for the result stored
        after a miss (hashing a post twice cost a first run 6 µs a post)."""
        digest = self._prefix.copy()
        digest.update(b"\0" + path.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(raw)
        return Key(path, digest.digest()[:16])

    def _status_key(self, path: str, status: Status) -> bytes:
        """A key no bytes can have: their digests hash the path between two NUL bytes, this
        one after a 1 byte."""
        digest = self._prefix.copy()
        digest.update(f"\1{path}\0{status}".encode("utf-8", "surrogatepass"))
        return digest.digest()[:16]

    def get(self, key: Key, status: Status | None = None) -> FileResult | None:
        """The result stored for these bytes, or ``None``; never raises. A result found is
        filed under the file's status too, when it is settled, so that the next run finds it
        by status."""
        entry = self._store.find(key.digest)
        if entry is None:
            return None
        result = entries.decode(entry)
        if result is not None and status is not None and status.settled:
            self._store.alias(self._status_key(key.path, status), key.digest, entry)
        return result

    def recall(self, path: str, status: Status | None) -> bytes | None:
        """The entry stored for a file of this status, or ``None``; never raises. It is not
        decoded here: a worker sends it to the parent as it is (:func:`entries.decode`)."""
        if status is None:
            return None
        return self._store.find(self._status_key(path, status))

    def put(self, key: Key, result: FileResult, status: Status | None = None) -> None:
        """Store a result under its bytes, and under the file's status when it is settled."""
        entry = entries.encode(result)
        keys = [key.digest]
        if status is not None and status.settled:
            keys.append(self._status_key(key.path, status))
        self._store.add(entry, keys)

    def flush(self) -> None:
        """Write the entries kept in memory; never raises. Called by a worker when the parent
        has no more chunks for it (the parent calls :meth:`finish`)."""
        self._store.flush()

    def close(self) -> None:
        """Write the entries kept in memory and close the database until its next use;
        never raises. Called before workers are forked."""
        self._store.close()

    def finish(self) -> None:
        """Write the entries kept in memory, and leave the database in one file; never
        raises. Called at the end of a run."""
        self._store.checkpoint()


class Key(NamedTuple):
    """A file's path and the digest of its bytes with the settings."""

    path: str
    digest: bytes


class Status(NamedTuple):
    """What says a file is unchanged without reading it (its text is part of a key), and
    whether the file had been unchanged for ``SETTLED`` seconds when it was taken."""

    size: int
    modified_ns: int
    changed_ns: int
    inode: int
    device: int
    settled: bool

    def __str__(self) -> str:
        return ":".join(map(str, self[:5]))


def status(location: str) -> Status | None:
    """A regular file's status, ``None`` for anything else, on error, or where the change
    time is a creation time (Windows); never raises.

    Settled is judged against the clock read before the ``stat``, as git judges against its
    index's time: a write after the status was taken then has a later time, so a status
    filed as settled always describes the bytes that were read (a file system whose clock
    ticks every 2 seconds, as FAT's, included)."""
    if os.name != "posix":
        return None
    taken = time.time()
    try:
        info = os.stat(location)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    last_change = max(info.st_mtime_ns, info.st_ctime_ns) / 1e9
    return Status(
        info.st_size,
        info.st_mtime_ns,
        info.st_ctime_ns,
        info.st_ino,
        info.st_dev,
        taken - last_change >= SETTLED,
    )
