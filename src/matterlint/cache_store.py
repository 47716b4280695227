"""Where the result cache keeps its entries: one SQLite database per configuration, written by
the run's worker processes and by concurrent runs (pre-commit's parallel hooks) at once.

With a file per entry, a first run of 10,000 posts wrote 20,000 names (an entry under the
post's bytes and a link under its status): creating a file costs 30 to 600 µs of kernel time
on this machine, and the first run took 2.3 times as long as one without the cache. In a
database, entries are written in one transaction a batch, about 15 µs each. SQLite gives
what a folder of files gave (many writers; readers that never see half a write, with its
write-ahead log; a crash that loses the last writes and nothing else) and is part of Python.

Nothing else would ever remove an entry: each edit of a post adds one, and each fresh clone
(every CI run that restores the cache) files every post under a new status. So each key
carries the day it was last used (refreshed when a week old, so that a second run writes
nothing), and the first run of a day removes the keys unused for ``UNUSED_DAYS`` and the
entries no key points to.

The database may have come with a pull request's checkout. It is used only if its files are
regular files (not links that would take writes elsewhere) and it holds exactly the two tables
made here (a trigger or a view would run someone else's SQL on our writes); anything else is
removed and made anew. The values read are JSON, checked field by field by the cache, never
pickle. A database that cannot be used is a cache that misses, never a failed run.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Sequence

try:
    import sqlite3
except ImportError:  # a Python built without it (some minimal builds): no cache, still a run
    sqlite3 = None  # type: ignore[assignment]

NAME = "results.sqlite"
_FILES = tuple(NAME + suffix for suffix in ("", "-wal", "-shm", "-journal"))
_TABLES = [
    (
        "CREATE TABLE keys(key BLOB PRIMARY KEY, id INTEGER NOT NULL, day INTEGER NOT NULL) "
        "WITHOUT ROWID",
    ),
    ("CREATE TABLE results(id INTEGER PRIMARY KEY, data BLOB NOT NULL)",),
]
_FIND = "SELECT data, day FROM keys JOIN results USING (id) WHERE key = ?"
# Keys unused for this many days are removed, with the entries no key points to any more.
UNUSED_DAYS = 14
# A key found is marked as used today once its mark is this many days old.
_REFRESH_DAYS = 7
# Keys kept in memory before they are written in one transaction (with their entries, about
# 1 MB). Keys are digests, so each transaction writes pages all over the keys' index: storing
# 100,000 posts (two keys each) wrote 1.2 GB and took 2.6 s with 256 keys a transaction,
# 0.56 GB and 1.5 s with 4,096.
BATCH = 4096
# How long a writer waits for another one's transaction before its batch is dropped.
TIMEOUT = 10.0


class Store:
    """Keys to entries. Writes are batched: a batch is written when it is full and when
    :meth:`flush` is called, and until then :meth:`find` answers from memory.

    A connection is never used across ``fork``: each process opens its own on first use.

    A process that found the database empty when it opened it looks nothing up in it until
    the end of the run (:meth:`checkpoint`): what it could find there is what it wrote itself,
    for files the run has checked already, or what a concurrent run wrote for them, and a miss
    costs a check, never a wrong result. A first run so spares the two lookups that miss for
    every post, 11 µs a post here."""

    def __init__(self, folder: str) -> None:
        self._folder = folder
        self._path = os.path.join(folder, NAME)
        self._pid = os.getpid()  # whose batch and connection these are
        self._db: sqlite3.Connection | None = None
        self._unusable = False
        # A parent's connection, in a forked child: closing it there could release the
        # parent's locks, so it is kept unused until the child exits.
        self._inherited: list[sqlite3.Connection] = []
        self._unsaved: dict[bytes, bytes] = {}
        self._entries: list[tuple[bytes, Sequence[bytes]]] = []
        self._aliases: list[tuple[bytes, bytes]] = []
        self._used: list[bytes] = []  # keys found whose mark is old
        self._today = today()
        self._first_run = False  # opened empty, and the run has not ended

    def find(self, key: bytes) -> bytes | None:
        """The entry under ``key``, or ``None``; never raises."""
        unsaved = self._unsaved.get(key)
        if unsaved is not None:
            return unsaved
        db = self._connection()
        if db is None or self._first_run:
            return None
        try:
            row = db.execute(_FIND, (key,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None or type(row[0]) is not bytes:
            return None
        if type(row[1]) is not int or row[1] <= self._today - _REFRESH_DAYS:
            self._used.append(key)
            if len(self._used) >= BATCH:
                self.flush()
        return row[0]

    def add(self, entry: bytes, keys: Sequence[bytes]) -> None:
        """File one entry under every key, stored once."""
        self._entries.append((entry, keys))
        self._keep(entry, keys)

    def alias(self, key: bytes, existing: bytes, entry: bytes) -> None:
        """File under ``key`` the entry already filed under ``existing``: a second key costs
        a key, not a second copy of the entry."""
        self._aliases.append((key, existing))
        self._keep(entry, (key,))

    def _keep(self, entry: bytes, keys: Sequence[bytes]) -> None:
        for key in keys:
            self._unsaved[key] = entry
        if len(self._unsaved) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write what is kept in memory, in one transaction; never raises. A batch that
        cannot be written (a full disk, a writer that held the database too long) is
        dropped: those posts are linted again next time."""
        if not self._unsaved and not self._used:
            return
        entries, aliases, used = self._entries, self._aliases, self._used
        self._unsaved, self._entries, self._aliases, self._used = {}, [], [], []
        db = self._connection()
        if db is None:
            return
        day = self._today
        try:
            db.execute("BEGIN IMMEDIATE")
            for entry, keys in entries:
                # Where a concurrent run stored the same result first, its keys stay, and this
                # copy is left to the next sweep: looking first cost a lookup an entry.
                stored = db.execute("INSERT INTO results(data) VALUES (?)", (entry,)).lastrowid
                db.executemany(
                    "INSERT OR IGNORE INTO keys VALUES (?, ?, ?)", [(k, stored, day) for k in keys]
                )
            db.executemany(
                "INSERT OR IGNORE INTO keys SELECT ?, id, ? FROM keys WHERE key = ?",
                [(key, day, existing) for key, existing in aliases],
            )
            db.executemany("UPDATE keys SET day = ? WHERE key = ?", [(day, k) for k in used])
            db.execute("COMMIT")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")

    def checkpoint(self) -> None:
        """Write what is kept, then fold the write-ahead log into the database and empty it,
        if it holds anything; never raises. Workers exit without closing their connections,
        so the log would stay at its largest size (after a first run of 10,000 posts, 4.8 MB
        beside a database of 4.0), in every cache a CI job saves and restores. A run that
        still reads or writes the database is not waited for: the log is then left to a
        later run. It ends a run: a process that opened the database empty looks entries
        up again after it."""
        self.flush()
        self._first_run = False
        try:
            if os.path.getsize(self._path + "-wal") == 0:
                return
        except OSError:  # no log: nothing written, or a file system without WAL
            return
        db = self._connection()
        if db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            db.execute("PRAGMA busy_timeout = 0")
            try:
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                db.execute(f"PRAGMA busy_timeout = {round(TIMEOUT * 1000)}")

    def close(self) -> None:
        """Write what is kept, and close this process's connection; the store opens again
        on next use. A process closes it before forking its workers: SQLite's locks do not
        cross a fork, and a child must not rely on a connection its parent had open."""
        self.flush()
        if self._db is not None and self._pid == os.getpid():
            self._db.close()
            self._db = None

    def _connection(self) -> sqlite3.Connection | None:
        if self._pid != os.getpid():
            if self._db is not None:
                self._inherited.append(self._db)
            # A forked child does not write its parent's batch: the parent does.
            self._db, self._unusable, self._pid = None, False, os.getpid()
            self._unsaved, self._entries, self._aliases, self._used = {}, [], [], []
        if self._db is None and not self._unusable:
            self._db = self._open()
            self._unusable = self._db is None
            self._first_run = self._db is not None and _empty(self._db)
        return self._db

    def _open(self) -> sqlite3.Connection | None:
        """The database, made if needed; a foreign or damaged one is removed and made again
        once. ``None`` when none can be used."""
        if sqlite3 is None:
            return None
        for _ in range(2):
            try:
                self._clear_the_way()
                db = sqlite3.connect(self._path, timeout=TIMEOUT, isolation_level=None)
            except (OSError, sqlite3.Error):
                return None
            try:
                if _ready(db, self._today):
                    return db
            except sqlite3.OperationalError:  # locked for too long, or out of disk
                db.close()
                return None
            except sqlite3.Error:  # not a database, or a damaged one
                pass
            db.close()
            try:
                for name in _FILES:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(os.path.join(self._folder, name))
            except OSError:
                return None
        return None

    def _clear_the_way(self) -> None:
        """The folder and the database's files, where they exist, must not be links or
        anything but what they are meant to be: a link is removed, not followed."""
        if os.path.islink(self._folder):
            os.unlink(self._folder)
        os.makedirs(self._folder, exist_ok=True)
        for name in _FILES:
            path = os.path.join(self._folder, name)
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                continue
            if not stat.S_ISREG(mode):
                os.unlink(path)


def today() -> int:
    """Days since 1970, the unit in which keys are marked as used."""
    return int(time.time() // 86_400)


def _ready(db: sqlite3.Connection, day: int) -> bool:
    """Set the connection up, make the tables in a new database, and remove what was unused
    for ``UNUSED_DAYS`` if no run has yet today; ``False`` when the database holds anything
    but those tables. Raises ``OperationalError`` when the database stayed locked for
    ``TIMEOUT``.

    Two processes opening a new database at once (a run's workers do) collide on switching
    it to WAL, where SQLite returns "locked" at once instead of waiting: that step is tried
    again until the timeout."""
    db.execute("PRAGMA trusted_schema = OFF")
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            # Stays ``delete`` where the file system has no shared memory for the WAL.
            db.execute("PRAGMA journal_mode = WAL")
            break
        except sqlite3.OperationalError as error:
            if not _busy(error) or time.monotonic() > deadline:
                raise  # a read-only folder, say: no use waiting
            time.sleep(0.005)
    db.execute("PRAGMA synchronous = NORMAL")  # in WAL, a commit waits for no disk
    schema = "SELECT sql FROM sqlite_master ORDER BY name"
    if not db.execute(schema).fetchall():
        db.execute("BEGIN IMMEDIATE")
        try:
            for (table,) in _TABLES:
                db.execute(table.replace("TABLE", "TABLE IF NOT EXISTS", 1))
            db.execute("COMMIT")
        finally:
            if db.in_transaction:
                db.execute("ROLLBACK")
    if db.execute(schema).fetchall() != _TABLES:
        return False
    if _swept(db) < day:
        _sweep(db, day)
    return True


def _empty(db: sqlite3.Connection) -> bool:
    try:
        return db.execute("SELECT 1 FROM keys LIMIT 1").fetchone() is None
    except sqlite3.Error:
        return False


def _swept(db: sqlite3.Connection) -> int:
    """The day of the last sweep, kept in the database header's user version."""
    (version,) = db.execute("PRAGMA user_version").fetchone()
    return int(version)


def _sweep(db: sqlite3.Connection, day: int) -> None:
    """Remove the keys unused for ``UNUSED_DAYS`` and the entries no key points to: once a
    day, by the first process that opens the database (a concurrent one finds it done)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if _swept(db) < day:
            db.execute("DELETE FROM keys WHERE day < ?", (day - UNUSED_DAYS,))
            db.execute("DELETE FROM results WHERE id NOT IN (SELECT id FROM keys)")
            db.execute(f"PRAGMA user_version = {day:d}")
        db.execute("COMMIT")
    finally:
        if db.in_transaction:
            db.execute("ROLLBACK")


def _busy(error: sqlite3.Error) -> bool:
    """Whether another connection holds the database (extended codes keep the primary one in
    their low byte)."""
    return error.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
