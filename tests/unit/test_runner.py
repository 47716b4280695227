from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from matterlint import document, entries, schemas
from matterlint.cache import FORMAT, SETTLED, ResultCache, settings_key, status
from matterlint.cache_folder import DIRECTORY
from matterlint.cache_store import NAME, UNUSED_DAYS
from matterlint.cli import cli
from matterlint.config import Settings
from matterlint.discovery import Target, discover
from matterlint.engine import Linter
from matterlint.project import compare
from matterlint.results import FileResult
from matterlint.rules import BY_CODE, DEFAULT_SELECTION
from matterlint.runner import (
    PARALLEL_THRESHOLD,
    _chunks,
    _lint_chunk,
    lint_all,
    lint_one,
    workers_for,
)
from matterlint.workers import Workers
from support import FIXTURES, ROOT, count_parses


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Enough posts for workers: every fixture case, several times, and the seed."""
    root = tmp_path / "posts"
    cases = sorted(p for p in FIXTURES.glob("*/*.md") if p.is_file() and not p.is_symlink())
    copies = 0
    while copies < PARALLEL_THRESHOLD + 50:
        for case in cases:
            target = root / f"copy{copies // len(cases)}" / case.parent.name / case.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(case, target)
            copies += 1
    shutil.copyfile(ROOT / "examples" / "seed-post.md", root / "seed-post.md")
    return root


def _database(root: Path, settings: str) -> Path:
    return root / DIRECTORY / f"v{FORMAT}" / settings / NAME


def _report(results: list[FileResult]) -> list[tuple[str, str, int, int, str, str | None]]:
    return [
        (d.path, d.code, d.span.line, d.span.column, d.message, d.suggestion)
        for r in results
        for d in r.diagnostics
    ]


@pytest.mark.parametrize("enabled", [DEFAULT_SELECTION, frozenset(BY_CODE)], ids=["default", "all"])
def test_serial_parallel_and_cached_runs_give_identical_reports(
    tree: Path, enabled: frozenset[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every rule selected, the rules that compare files (FM8xx) take part: their claims
    cross from workers and through the cache, and every copy's title is a duplicate. The
    cached run parses nothing: the workers wrote every entry before the run ended."""
    settings = Settings(root=tree, enabled=enabled)
    linter = Linter(settings, "news-post")
    targets = list(discover([str(tree)], settings, force_exclude=False))
    cache = ResultCache(tree, settings_key([settings, "news-post"], {}))

    def run(cache: ResultCache | None, workers: Workers | None) -> list[FileResult]:
        results = lint_all(linter, cache, targets, workers)
        return list(compare(results, linter.project_codes, settings.options))

    serial = run(None, None)
    with workers_for(linter, None, 2, [str(tree)]) as workers:
        assert workers is not None
        parallel = run(None, workers)
    with workers_for(linter, cache, 2, [str(tree)]) as workers:
        filling = run(cache, workers)
    parsed = count_parses(monkeypatch)
    cached = run(ResultCache(tree, settings_key([settings, "news-post"], {})), None)
    assert parsed and all(b"$schema" in raw for raw in parsed)  # only those are not stored
    assert len(serial) == len(targets) > PARALLEL_THRESHOLD
    assert _report(serial) == _report(parallel) == _report(filling) == _report(cached)
    codes = {d.code for r in serial for d in r.diagnostics}
    assert ("FM801" in codes) == ("FM801" in enabled)
    assert [r.lines for r in serial] == [r.lines for r in cached]
    assert [r.positions for r in serial] == [r.positions for r in cached]
    assert [[d.fix for d in r.diagnostics] for r in serial] == [
        [d.fix for d in r.diagnostics] for r in cached
    ]
    assert any((tree / DIRECTORY).rglob("*"))


def test_the_cache_key_covers_bytes_path_settings_and_schemas(tmp_path: Path) -> None:
    settings = Settings(root=tmp_path)
    key = settings_key([settings, None], {})
    cache = ResultCache(tmp_path, key)
    result = FileResult("a.md", (), {}, {})
    cache.put(cache.key("a.md", b"---\n---\n"), result)
    assert cache.get(cache.key("a.md", b"---\n---\n")) == result
    assert cache.get(cache.key("a.md", b"---\n\n---\n")) is None
    assert cache.get(cache.key("b.md", b"---\n---\n")) is None
    other = dataclasses.replace(settings, enabled=frozenset({"FM201"}))
    assert settings_key([other, None], {}) != key
    assert settings_key([settings, None], {"s.json": "1"}) != key
    assert settings_key([settings, "news-post"], {}) != key


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    """A cache folder may come with a pull request: whatever an entry holds, it is a result
    of the right types or a miss, never an exception."""
    cache = ResultCache(tmp_path, "k")
    cache.put(cache.key("a.md", b"x"), FileResult("a.md", (), {}, {}))
    cache.finish()
    database = sqlite3.connect(_database(tmp_path, "k"), isolation_level=None)

    def write(entry: str) -> None:
        database.execute("UPDATE results SET data = ?", (entry.encode(),))

    span = [0, 1, 1, 1, 1, 2]
    good: list[object] = [
        "FM201",
        "trailing-whitespace",
        "warning",
        None,
        *span,
        "m",
        None,
        None,
        [],
        None,
    ]
    for damage in (
        "{",
        '{"path": 3}',
        "[]",
        "[" * 100_000 + "]" * 100_000,
        json.dumps(["a.md", [], [], [[1]], []]),
        json.dumps(["a.md", [1], [], [], []]),
        json.dumps(["a.md", ["1", "x"], [], [], []]),
        json.dumps(["a.md", [], [1, 2], [], []]),
        json.dumps(["a.md", [], [], [[*good, [], 5]], []]),
        json.dumps(["a.md", [], [], [[*good, [0, 1, 2], "f"]], []]),
        json.dumps(["a.md", [], [], [[*good[:2], "loud", *good[3:], [], "f"]], []]),
        json.dumps(["a.md", [], [], [[*good[:4], True, *good[5:], [], "f"]], []]),
        json.dumps(["a.md", [], [], [[*good[:12], ["m", "safe", [0, 1]], [], None, [], "f"]], []]),
        json.dumps(["a.md", [], [], [[*good[:13], [True], None, [], "f"]], []]),
        json.dumps(["a.md", [], [], [], [[[*good, [], "f"], [1]]]]),
    ):
        write(damage)
        assert cache.get(cache.key("a.md", b"x")) is None, damage[:80]
    database.execute("UPDATE results SET data = ?", (b'["\xff"]',))  # not UTF-8
    assert cache.get(cache.key("a.md", b"x")) is None
    write(json.dumps(["a.md", [1, "x"], [], [[*good, [], "f"]], []]))
    found = cache.get(cache.key("a.md", b"x"))
    assert found is not None and found.lines == {1: "x"}
    assert [(d.code, d.path, d.span.end_column) for d in found.diagnostics] == [
        ("FM201", "a.md", 2)
    ]


def test_cli_cache_and_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(ROOT / "examples" / "seed-post.md", tmp_path / "seed-post.md")
    runner = CliRunner()
    first = runner.invoke(cli, ["check", "--output-format", "concise", "."], catch_exceptions=False)
    assert (tmp_path / DIRECTORY / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    second = runner.invoke(
        cli, ["check", "--output-format", "concise", "."], catch_exceptions=False
    )
    assert first.stdout == second.stdout and first.exit_code == second.exit_code == 1
    none = runner.invoke(
        cli, ["check", "--no-cache", "--output-format", "concise", "."], catch_exceptions=False
    )
    assert none.stdout == first.stdout
    cleaned = runner.invoke(cli, ["clean"], catch_exceptions=False)
    assert cleaned.exit_code == 0
    assert not (tmp_path / DIRECTORY).exists()


def test_workers_start_only_for_runs_that_may_be_large(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: x\n---\n")
    linter = Linter(Settings(root=tmp_path))
    with workers_for(linter, None, 2, [str(post), str(tmp_path / "missing.md")]) as workers:
        assert workers is None  # what a pre-commit hook naming staged posts runs
    with workers_for(linter, None, 2, [str(tmp_path / "*.md")]) as workers:
        assert workers is not None
    with workers_for(linter, None, 1, [str(tmp_path)]) as workers:
        assert workers is None
    with workers_for(linter, None, 2, [str(tmp_path)]) as workers:
        assert workers is not None


def test_the_cache_is_closed_before_workers_are_forked(tmp_path: Path) -> None:
    """SQLite's locks do not cross a fork: a parent that had the database open closes it
    first, and its workers open their own."""
    cache = ResultCache(tmp_path, "k")
    cache.put(cache.key("a.md", b"x"), FileResult("a.md", (), {}, {}))
    assert cache.get(cache.key("b.md", b"y")) is None  # the parent opened the database
    assert cache._store._db is not None
    linter = Linter(Settings(root=tmp_path))
    with workers_for(linter, cache, 2, [str(tmp_path)]) as workers:
        assert workers is not None
        assert cache._store._db is None
    assert cache.get(cache.key("a.md", b"x")) == FileResult("a.md", (), {}, {})


def test_folders_of_settings_unused_for_long_are_pruned(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, "current")
    cache.put(cache.key("a.md", b"---\n---\n"), FileResult("a.md", (), {}, {}))
    cache.finish()
    old = time.time() - (UNUSED_DAYS + 1) * 86_400
    stale, recent, old_format = (
        tmp_path / DIRECTORY / name for name in (f"v{FORMAT}/stale", f"v{FORMAT}/recent", "v1/ab")
    )
    for folder in (stale, recent, old_format):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "entry").write_text("{}", encoding="utf-8")
        if folder is not recent:
            os.utime(folder, (old, old))
    current = tmp_path / DIRECTORY / f"v{FORMAT}" / "current"
    os.utime(current, (old, old))  # the run itself marks it as used
    cache.prune()
    assert current.is_dir() and time.time() - current.stat().st_mtime < 60
    assert cache.get(cache.key("a.md", b"---\n---\n")) == FileResult("a.md", (), {}, {})
    assert recent.is_dir()  # another configuration, or pre-commit's own matterlint, uses it
    assert not stale.exists() and not old_format.exists()


def test_chunks_grow_and_keep_every_target_in_order() -> None:
    targets = [Target(f"p{i}.md", f"p{i}.md") for i in range(1000)]
    chunks = list(_chunks(iter(targets)))
    assert [len(c) for c in chunks] == [32, 64, 128, 256, 256, 256, 8]
    assert [location for chunk in chunks for location, _ in chunk] == [t.location for t in targets]


def _settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by a test are seconds old at most: the cache sees them as settled."""
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 2 * SETTLED)


def _lint(linter: Linter, cache: ResultCache, post: Path) -> FileResult:
    return lint_one(linter, cache, Target(str(post), post.name))


def test_a_second_run_over_a_settled_file_reads_only_its_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = tmp_path / "post.md"
    shutil.copyfile(ROOT / "examples" / "seed-post.md", post)
    linter = Linter(Settings(root=tmp_path))
    cache = ResultCache(tmp_path, "k")
    _settled(monkeypatch)
    first = _lint(linter, cache, post)
    assert first.diagnostics

    def unread(target: Target) -> bytes:
        raise AssertionError(f"{target.display} was read")

    monkeypatch.setattr(linter, "read_bytes", unread)
    assert _report([_lint(linter, cache, post)]) == _report([first])


def _linting(tree: Path) -> tuple[Linter, list[Target], ResultCache]:
    """A linter with default settings, the tree's posts and an empty cache."""
    settings = Settings(root=tree)
    targets = list(discover([str(tree)], settings, force_exclude=False))
    return Linter(settings), targets, ResultCache(tree, "k")


def _names_its_schema(target: Target) -> bool:
    """Whether a post names its own schema: its result is never stored."""
    return b"$schema" in Path(target.location).read_bytes()


def test_a_worker_sends_a_post_found_by_status_as_its_entry_and_the_parent_decodes_it(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stored bytes cross to the parent as they are: decoded in the worker, a result was
    pickled there and unpickled in the parent, for nothing."""
    linter, targets, cache = _linting(tree)
    _settled(monkeypatch)
    first = [lint_one(linter, cache, target) for target in targets]
    cache.finish()
    chunk = [(t.location, t.display) for t in targets]
    replies = _lint_chunk(linter, cache, chunk)
    stored = [cache.recall(t.display, status(t.location)) for t in targets]
    own_schema = [_names_its_schema(t) for t in targets]
    assert [type(reply) is FileResult for reply in replies] == own_schema
    assert [r for r, own in zip(replies, own_schema, strict=True) if not own] == [
        e for e, own in zip(stored, own_schema, strict=True) if not own
    ]
    decoded = [r if isinstance(r, FileResult) else entries.decode(r) for r in replies]
    assert decoded == first
    with workers_for(linter, cache, 2, [str(tree)]) as workers:
        assert workers is not None
        assert list(lint_all(linter, cache, targets, workers)) == first


def test_when_a_run_with_workers_ends_its_entries_are_written_in_one_file(tree: Path) -> None:
    """Workers write what they keep when the parent has no more chunks for them, and the
    parent waits for that before it folds the log into the database: at the end of the run,
    before the workers are closed, every entry is in the database file."""
    linter, targets, cache = _linting(tree)
    with workers_for(linter, cache, 2, [str(tree)]) as workers:
        assert workers is not None
        results = list(lint_all(linter, cache, targets, workers))
        database = _database(tree, "k")
        assert not os.path.exists(f"{database}-wal") or os.path.getsize(f"{database}-wal") == 0
        stored = sqlite3.connect(database).execute("SELECT count(*) FROM results").fetchone()
    assert stored == (len(results) - sum(map(_names_its_schema, targets)),)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_entry_found_by_status_that_does_not_decode_is_checked_again(
    tree: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """Whether the parent or a worker found it: the file's report is that of a run without
    the cache, and nothing raises."""
    linter, targets, cache = _linting(tree)
    _settled(monkeypatch)
    expected = [lint_one(linter, None, target) for target in targets]
    for target in targets:
        lint_one(linter, cache, target)
    cache.close()
    database = sqlite3.connect(_database(tree, "k"), isolation_level=None)
    database.execute("UPDATE results SET data = ?", (b'["not", "a", "result"]',))
    database.close()
    with workers_for(linter, cache, jobs, [str(tree)]) as workers:
        assert (workers is None) == (jobs == 1)
        again = list(lint_all(linter, cache, targets, workers))
    assert _report(again) == _report(expected)
    assert [r.lines for r in again] == [r.lines for r in expected]


def test_a_changed_file_is_linted_again_even_with_its_size_and_mtime_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit that keeps the size, with the modification time set back (``touch -d``):
    the change time still moves, so the status differs."""
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: one\n---\n", encoding="utf-8")
    linter = Linter(Settings(root=tmp_path))
    cache = ResultCache(tmp_path, "k")
    _settled(monkeypatch)
    assert not _lint(linter, cache, post).diagnostics
    before = post.stat()
    time.sleep(0.01)
    post.write_text("---\ntitle: on \n---\n", encoding="utf-8")
    os.utime(post, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = post.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert "FM201" in {d.code for d in _lint(linter, cache, post).diagnostics}


def test_a_file_changed_within_the_last_seconds_gets_no_status_entry(tmp_path: Path) -> None:
    """Git's "racy clean" case: a file written again within one tick of the file system's
    clock after it was read keeps its status, so only a settled file's status is trusted."""
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: one\n---\n", encoding="utf-8")
    linter = Linter(Settings(root=tmp_path))
    cache = ResultCache(tmp_path, "k")
    known = status(str(post))
    assert known is not None and not known.settled
    _lint(linter, cache, post)
    assert cache.recall("post.md", known) is None
    # Its bytes are a key still.
    assert cache.get(cache.key("post.md", post.read_bytes())) is not None


def test_only_regular_files_have_a_status(tmp_path: Path) -> None:
    assert status(str(tmp_path)) is None
    assert status(str(tmp_path / "missing.md")) is None
    assert status("post\0.md") is None
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    assert status(str(fifo)) is None
    post = tmp_path / "post.md"
    post.write_bytes(b"---\n---\n")
    known = status(str(post))
    assert known is not None and known.size == 8
    assert str(known) == ":".join(map(str, known[:5]))  # settled or not, the same key


def test_a_result_found_by_its_bytes_is_then_found_by_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh clone (new inodes and times) finds what another checkout stored by bytes,
    and the run after it finds it by status."""
    post = tmp_path / "post.md"
    shutil.copyfile(ROOT / "examples" / "seed-post.md", post)
    linter = Linter(Settings(root=tmp_path))
    cache = ResultCache(tmp_path, "k")
    first = _lint(linter, cache, post)  # not settled: stored by bytes only
    known = status(str(post))
    assert cache.recall("post.md", known) is None
    _settled(monkeypatch)
    parse = document.parse
    monkeypatch.setattr(document, "parse", lambda *a: pytest.fail("parsed again"))
    assert _report([_lint(linter, cache, post)]) == _report([first])
    assert cache.recall("post.md", known) is not None
    monkeypatch.setattr(document, "parse", parse)


@pytest.mark.parametrize("found_by_bytes", [False, True], ids=["stored", "found-by-bytes"])
def test_a_result_is_stored_once_under_its_bytes_and_its_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, found_by_bytes: bool
) -> None:
    """A second key costs a key, not a second copy of the entry: when the result is stored,
    and when a result found by its bytes is filed under the file's status."""
    post = tmp_path / "post.md"
    shutil.copyfile(ROOT / "examples" / "seed-post.md", post)
    linter = Linter(Settings(root=tmp_path))
    cache = ResultCache(tmp_path, "k")
    if not found_by_bytes:
        _settled(monkeypatch)
    first = _lint(linter, cache, post)
    if found_by_bytes:
        cache.finish()  # the next run finds it
        _settled(monkeypatch)
        assert _report([_lint(linter, cache, post)]) == _report([first])
    cache.flush()
    database = sqlite3.connect(_database(tmp_path, "k"))
    assert database.execute("SELECT count(*) FROM results").fetchall() == [(1,)]
    assert database.execute("SELECT count(DISTINCT id), count(*) FROM keys").fetchall() == [(1, 2)]
    entry = ResultCache(tmp_path, "k").recall("post.md", status(str(post)))
    found = None if entry is None else entries.decode(entry)
    assert found is not None and _report([found]) == _report([first])


def test_settled_is_judged_when_the_status_is_taken_not_when_it_is_filed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system whose clock ticks every 2 s (FAT), a write between the read and the
    filing keeps the status: judged at filing time, a stale result would be filed under it."""
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: one\n---\n", encoding="utf-8")
    known = status(str(post))
    assert known is not None and not known.settled
    _settled(monkeypatch)  # the clock moves on while the post is linted
    cache = ResultCache(tmp_path, "k")
    cache.put(cache.key("post.md", post.read_bytes()), FileResult("post.md", (), {}, {}), known)
    assert cache.recall("post.md", known) is None
    later = status(str(post))
    assert later is not None and later.settled and str(later) == str(known)


def test_concurrent_runs_share_the_cache_and_report_what_a_run_without_it_reports(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runs at once (pre-commit's parallel hooks, two terminals), each with its workers,
    fill one database: both print the report of a run without the cache, and afterwards every
    result is there (only posts naming their own schema are parsed again)."""
    command = [sys.executable, "-m", "matterlint", "check", "--output-format", "concise", "."]
    reference = subprocess.run(
        [*command, "--no-cache"], cwd=tree, capture_output=True, text=True, check=False
    )
    runs = [
        subprocess.Popen(command, cwd=tree, stdout=subprocess.PIPE, text=True) for _ in range(2)
    ]
    outputs = [run.communicate()[0] for run in runs]
    assert reference.returncode == 1 and [run.returncode for run in runs] == [1, 1]
    assert outputs == [reference.stdout] * 2
    parsed = count_parses(monkeypatch)
    # The cache key covers the schemas loaded in the process (none is configured here), and
    # earlier tests loaded some into this one.
    monkeypatch.setattr(schemas, "SOURCES", {})
    monkeypatch.chdir(tree)
    again = CliRunner().invoke(cli, [*command[3:], "--jobs", "1"], catch_exceptions=False)
    assert again.stdout == reference.stdout
    assert parsed and all(b"$schema" in raw for raw in parsed)


def test_a_run_whose_results_all_come_from_the_cache_does_not_import_pyyaml(
    tmp_path: Path,
) -> None:
    """The parent of a cached run parses no post: PyYAML and the YAML loaders (12 ms of
    start-up) are imported by the first post parsed, not at start-up."""
    (tmp_path / "post.md").write_text("---\ntitle: x \n---\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from matterlint.cli import main\n"
        "try:\n"
        "    main(['check', '--isolated', '--output-format', 'concise', 'post.md'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'yaml'\n"
        "    or m.startswith('matterlint.loaders.yaml')), file=sys.stderr)\n"
    )

    def run() -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
        )
        assert "FM201" in done.stdout
        modules: list[str] = json.loads(done.stderr.strip().splitlines()[-1].replace("'", '"'))
        return modules

    assert "yaml" in run()  # the first run parses the post
    assert run() == []  # the second finds its result by its bytes
