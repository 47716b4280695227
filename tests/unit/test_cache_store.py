"""The result cache's database: batches, concurrent writers, and what a cache folder that came
with a pull request may hold instead of it."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from matterlint import cache_store
from matterlint.cache_store import BATCH, NAME, Store


def _keys(count: int, prefix: str = "") -> list[bytes]:
    return [f"{prefix:>4}{number:012d}".encode() for number in range(count)]


def _stored(folder: Path) -> list[tuple[bytes, bytes]]:
    database = sqlite3.connect(folder / NAME)
    try:
        return sorted(database.execute("SELECT key, data FROM keys JOIN results USING (id)"))
    finally:
        database.close()


def test_entries_are_found_before_and_after_they_are_written(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "s"))
    store.add(b"[1]", [b"a" * 16, b"b" * 16])
    store.alias(b"c" * 16, b"a" * 16, b"[1]")
    assert store.find(b"c" * 16) == b"[1]"  # from memory
    assert not (tmp_path / "s" / NAME).exists()
    store.flush()
    assert _stored(tmp_path / "s") == [
        (b"a" * 16, b"[1]"),
        (b"b" * 16, b"[1]"),
        (b"c" * 16, b"[1]"),
    ]
    again = Store(str(tmp_path / "s"))
    assert again.find(b"c" * 16) == b"[1]" and again.find(b"d" * 16) is None


def test_a_run_that_found_the_database_empty_looks_nothing_up_until_it_ends(
    tmp_path: Path,
) -> None:
    """A first run could find only what it wrote itself, for files it has checked already:
    it spares every post two lookups that miss. The end of the run ends that, and a run that
    opens a database with entries looks them up."""
    folder = str(tmp_path / "s")
    store = Store(folder)
    store.add(b"[1]", [b"a" * 16])
    assert store.find(b"a" * 16) == b"[1]"  # from memory
    store.flush()
    database = store._connection()
    assert database is not None
    queries: list[str] = []
    database.set_trace_callback(queries.append)
    assert store.find(b"a" * 16) is None and queries == []
    store.checkpoint()
    assert store.find(b"a" * 16) == b"[1]"
    assert Store(folder).find(b"a" * 16) == b"[1]"


def test_a_full_batch_is_written_without_waiting_for_flush(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "s"))
    for key in _keys(BATCH):
        store.add(key, [key])
    assert len(_stored(tmp_path / "s")) == BATCH


def test_concurrent_processes_all_write_their_entries(tmp_path: Path) -> None:
    """A run's workers, or pre-commit's parallel hooks: each writer waits for the other's
    transaction, none loses its batches, and a new database is made once."""
    folder = str(tmp_path / "s")
    children = []
    for writer in range(4):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            status = 1
            try:
                store = Store(folder)
                for key in _keys(3 * BATCH // 2, prefix=f"w{writer}-"):
                    store.add(key, [key])
                store.flush()
                status = 0
            finally:
                os._exit(status)
        children.append(pid)
    assert all(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0 for pid in children)
    stored = _stored(tmp_path / "s")
    assert len(stored) == 4 * (3 * BATCH // 2)
    assert all(key == data for key, data in stored)


def test_a_forked_child_opens_its_own_connection_and_leaves_the_parents_batch(
    tmp_path: Path,
) -> None:
    store = Store(str(tmp_path / "s"))
    store.add(b"p" * 16, [b"p" * 16])
    store.flush()
    store.add(b"q" * 16, [b"q" * 16])  # the parent's, unwritten at the fork
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        status = 1
        try:
            found = store.find(b"p" * 16) == b"p" * 16 and store.find(b"q" * 16) is None
            store.add(b"c" * 16, [b"c" * 16])
            store.flush()
            status = 0 if found else 2
        finally:
            os._exit(status)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    store.flush()
    assert [key for key, _ in _stored(tmp_path / "s")] == [b"c" * 16, b"p" * 16, b"q" * 16]


def test_a_file_that_is_not_a_database_is_made_anew(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / NAME).write_bytes(b"not a database" * 100)
    store = Store(str(folder))
    assert store.find(b"k" * 16) is None
    store.add(b"v", [b"k" * 16])
    store.flush()
    assert _stored(folder) == [(b"k" * 16, b"v")]


def test_a_database_with_anything_but_our_tables_is_made_anew(tmp_path: Path) -> None:
    """A trigger would run someone else's SQL on our writes: here it would copy every entry
    into a table of its own."""
    folder = tmp_path / "s"
    folder.mkdir()
    planted = sqlite3.connect(folder / NAME)
    planted.executescript(
        "CREATE TABLE keys(key BLOB PRIMARY KEY, id INTEGER NOT NULL) WITHOUT ROWID;"
        "CREATE TABLE results(id INTEGER PRIMARY KEY, data BLOB NOT NULL);"
        "CREATE TABLE stolen(data BLOB);"
        "CREATE TRIGGER steal AFTER INSERT ON results BEGIN"
        " INSERT INTO stolen VALUES (new.data); END;"
    )
    planted.close()
    store = Store(str(folder))
    store.add(b"secret", [b"k" * 16])
    store.flush()
    database = sqlite3.connect(folder / NAME)
    assert [name for (name,) in database.execute("SELECT name FROM sqlite_master")] == [
        "keys",
        "results",
    ]
    assert _stored(folder) == [(b"k" * 16, b"secret")]


@pytest.mark.parametrize("name", [NAME, NAME + "-wal", NAME + "-shm", NAME + "-journal"])
def test_a_link_in_place_of_the_database_is_removed_not_written_through(
    tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (folder / name).symlink_to(victim)
    store = Store(str(folder))
    store.add(b"v", [b"k" * 16])
    store.flush()
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert not (folder / name).is_symlink()
    assert _stored(folder) == [(b"k" * 16, b"v")]


def test_a_linked_folder_is_removed_not_written_through(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "s").symlink_to(elsewhere, target_is_directory=True)
    store = Store(str(tmp_path / "s"))
    store.add(b"v", [b"k" * 16])
    store.flush()
    assert not any(elsewhere.iterdir())
    assert _stored(tmp_path / "s") == [(b"k" * 16, b"v")]


def test_a_cache_that_cannot_be_used_misses_and_never_raises(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    store = Store(str(blocked / "s"))  # a folder inside a regular file
    store.add(b"v", [b"k" * 16])
    assert store.find(b"k" * 16) == b"v"  # kept in memory until the batch is written
    store.flush()
    assert store.find(b"k" * 16) is None


def test_a_batch_that_waits_too_long_for_the_database_is_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "s"
    Store(str(folder)).flush()
    first = Store(str(folder))
    first.add(b"old", [b"o" * 16])
    first.flush()
    monkeypatch.setattr(cache_store, "TIMEOUT", 0.05)
    holder = sqlite3.connect(folder / NAME, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another run's long transaction
    try:
        store = Store(str(folder))
        assert store.find(b"o" * 16) == b"old"  # readers do not wait for a writer
        store.add(b"new", [b"n" * 16])
        store.flush()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.find(b"n" * 16) is None
    assert _stored(folder) == [(b"o" * 16, b"old")]


class _Refusing:
    """A connection whose switch to WAL fails with ``code`` the first ``times`` times."""

    def __init__(self, code: int, times: int) -> None:
        self.code = code
        self.times = times
        self.database = sqlite3.connect(":memory:", isolation_level=None)

    def execute(self, sql: str) -> sqlite3.Cursor:
        if "journal_mode" in sql and self.times:
            self.times -= 1
            error = sqlite3.OperationalError("refused")
            error.sqlite_errorcode = self.code
            raise error
        return self.database.execute(sql)

    @property
    def in_transaction(self) -> bool:
        return self.database.in_transaction


def test_switching_to_wal_waits_for_another_connection_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two workers opening a new database collide there and try again; a read-only folder
    fails at once instead of stalling the run for the whole timeout."""
    busy = _Refusing(sqlite3.SQLITE_BUSY, times=3)
    assert cache_store._ready(busy, 0)  # type: ignore[arg-type]
    assert busy.times == 0
    locked = _Refusing(sqlite3.SQLITE_LOCKED | (1 << 8), times=1)  # an extended code
    assert cache_store._ready(locked, 0)  # type: ignore[arg-type]
    monkeypatch.setattr(cache_store, "TIMEOUT", 60.0)
    read_only = _Refusing(sqlite3.SQLITE_READONLY, times=1)
    with pytest.raises(sqlite3.OperationalError):
        cache_store._ready(read_only, 0)  # type: ignore[arg-type]


def test_without_sqlite_the_cache_only_misses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some Python builds have no ``sqlite3``: a run goes on without the result cache."""
    monkeypatch.setattr(cache_store, "sqlite3", None)
    store = Store(str(tmp_path / "s"))
    store.add(b"v", [b"k" * 16])
    store.flush()
    assert store.find(b"k" * 16) is None
    assert not (tmp_path / "s").exists()


def test_a_closed_store_has_written_its_batch_and_opens_again_on_use(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "s"))
    store.add(b"v", [b"k" * 16])
    assert store.find(b"x" * 16) is None  # opening the database keeps the batch
    store.close()
    assert store._db is None
    assert _stored(tmp_path / "s") == [(b"k" * 16, b"v")]
    assert store.find(b"k" * 16) == b"v" and store._db is not None


def test_keys_unused_for_long_are_removed_with_the_entries_they_alone_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each edit of a post adds an entry and each fresh clone a key a post: the first run of
    a day removes what was unused for ``UNUSED_DAYS``. A key found is marked as used, but
    only once its mark is a week old, so that a second run writes nothing."""
    day = 20_000
    monkeypatch.setattr(cache_store, "today", lambda: day)
    folder = tmp_path / "s"
    store = Store(str(folder))
    store.add(b"kept", [b"a" * 16, b"b" * 16])
    store.add(b"dropped", [b"c" * 16])
    store.close()
    day += 3
    soon = Store(str(folder))
    assert soon.find(b"a" * 16) == b"kept" and not soon._used  # nothing to write
    day += 5
    later = Store(str(folder))
    assert later.find(b"a" * 16) == b"kept" and later._used == [b"a" * 16]
    later.close()
    day += cache_store.UNUSED_DAYS - 1  # "b" and "c" unused for 21 days, "a" for 13
    swept = Store(str(folder))
    assert swept.find(b"c" * 16) is None
    assert _stored(folder) == [(b"a" * 16, b"kept")]
    database = sqlite3.connect(folder / NAME)
    assert database.execute("SELECT count(*) FROM results").fetchall() == [(1,)]
    assert database.execute("PRAGMA user_version").fetchall() == [(day,)]


def test_a_damaged_database_misses_never_raises_and_is_made_anew_the_next_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages overwritten after the header (a failing disk, a bad copy): reads miss and
    writes fail quietly; the next day's sweep reads every key, meets the damage and makes
    the database anew."""
    day = 20_000
    monkeypatch.setattr(cache_store, "today", lambda: day)
    folder = tmp_path / "s"
    store = Store(str(folder))
    for key in _keys(2 * BATCH):
        store.add(key * 8, [key])
    store.close()
    data = bytearray((folder / NAME).read_bytes())
    assert len(data) > 8192
    data[4096:] = b"\xff" * (len(data) - 4096)
    (folder / NAME).write_bytes(bytes(data))
    damaged = Store(str(folder))
    found = [damaged.find(key) for key in _keys(2 * BATCH)]
    assert all(
        entry is None or entry == key * 8
        for entry, key in zip(found, _keys(2 * BATCH), strict=True)
    )
    damaged.add(b"v", [b"k" * 16])
    damaged.close()
    day += 1
    healed = Store(str(folder))
    assert healed.find(_keys(1)[0]) is None
    healed.add(b"v", [b"k" * 16])
    healed.close()
    assert _stored(folder) == [(b"k" * 16, b"v")]


def _log_size(folder: Path) -> int:
    log = folder / (NAME + "-wal")
    return log.stat().st_size if log.exists() else 0


def test_the_log_a_worker_leaves_is_folded_into_the_database_at_the_end(
    tmp_path: Path,
) -> None:
    """Workers exit without closing their connections, so the write-ahead log they wrote
    stays at its largest size: the parent empties it, and the cache is one file again."""
    folder = tmp_path / "s"
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        status = 1
        try:
            worker = Store(str(folder))
            for key in _keys(4 * BATCH):
                worker.add(key * 64, [key])
            worker.flush()
            status = 0
        finally:
            os._exit(status)  # as a worker ends: no connection closed
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    assert _log_size(folder) > 0
    parent = Store(str(folder))
    parent.checkpoint()
    assert _log_size(folder) == 0
    assert len(_stored(folder)) == 4 * BATCH


def test_the_log_is_left_to_a_later_run_while_another_reads_the_database(
    tmp_path: Path,
) -> None:
    """Emptying the log waits for readers; the end of a run does not wait for another run."""
    folder = tmp_path / "s"
    store = Store(str(folder))
    store.add(b"v", [b"k" * 16])
    store.flush()
    reader = sqlite3.connect(folder / NAME, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM keys").fetchall()  # a read transaction, held
    store.add(b"w", [b"l" * 16])
    started = time.monotonic()
    store.checkpoint()
    assert time.monotonic() - started < cache_store.TIMEOUT / 4
    assert _log_size(folder) > 0
    reader.execute("COMMIT")
    reader.close()
    database = store._connection()
    assert database is not None
    assert database.execute("PRAGMA busy_timeout").fetchall() == [(cache_store.TIMEOUT * 1000,)]
    store.checkpoint()
    assert _log_size(folder) == 0
