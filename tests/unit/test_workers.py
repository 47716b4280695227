"""Worker processes: order, pipes fuller than their buffers, and workers that die or raise."""

from __future__ import annotations

import gc
import os
import random
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from matterlint import cache_store, runner
from matterlint.cache import ResultCache
from matterlint.cli import cli
from matterlint.config import Settings
from matterlint.discovery import Target
from matterlint.engine import Linter
from matterlint.results import FileResult
from matterlint.workers import Item, Reply, Workers
from support import ROOT, count_parses

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked processes")


def _result(item: Item) -> FileResult:
    return FileResult(item[1], (), {1: item[0]}, {})


def _lost(item: Item, why: str) -> FileResult:
    return FileResult(item[1], (), {0: why}, {})


def _chunks(count: int, size: int, width: int = 8) -> list[list[Item]]:
    items = [(f"{i:0{width}d}", f"post-{i}.md") for i in range(count)]
    return [items[start : start + size] for start in range(0, count, size)]


def _each(work: Callable[[Item], Reply]) -> Callable[[list[Item]], list[Reply]]:
    return lambda chunk: [work(item) for item in chunk]


def _run(
    chunks: list[list[Item]], work: Callable[[Item], FileResult], jobs: int = 2
) -> list[FileResult]:
    """The results, after checking that each comes with its own target."""
    workers = Workers(jobs, _each(work), _lost)
    try:
        pairs = list(workers.lint(chunks))
    finally:
        workers.close()
    assert [item for item, _ in pairs] == [item for chunk in chunks for item in chunk]
    results = [reply for _, reply in pairs if isinstance(reply, FileResult)]
    assert len(results) == len(pairs)
    return results


def test_results_come_in_the_order_of_the_chunks_whatever_each_takes() -> None:
    def slow_at_random(item: Item) -> FileResult:
        time.sleep(random.random() / 500)
        return _result(item)

    chunks = _chunks(400, 7)
    results = _run(chunks, slow_at_random, jobs=3)
    items = [item for chunk in chunks for item in chunk]
    assert [(r.lines[1], r.path) for r in results] == items


def test_chunks_and_results_larger_than_a_pipe_do_not_deadlock() -> None:
    """A pipe holds 64 KiB on Linux: here each chunk is 2 MB and so is each result list, so
    the parent writes while a worker is blocked writing back."""
    chunks = _chunks(64, 16, width=125_000)
    results = _run(chunks, _result)
    assert [r.lines[1] for r in results] == [location for chunk in chunks for location, _ in chunk]


def test_a_dying_worker_costs_its_files_only(tmp_path: Path) -> None:
    poison = "00000100"

    def killed_at_poison(item: Item) -> FileResult:
        if item[0] == poison:
            os.kill(os.getpid(), signal.SIGKILL)
        return _result(item)

    chunks = _chunks(300, 10)
    results = _run(chunks, killed_at_poison)
    assert [r.path for r in results] == [path for chunk in chunks for _, path in chunk]
    lost = [r for r in results if 0 in r.lines]
    assert 0 < len(lost) <= 20  # its chunk, and the one waiting in its pipe
    assert "post-100.md" in {r.path for r in lost}
    assert {r.lines[0] for r in lost} == {"the worker process checking it was killed by SIGKILL"}
    assert results[-1].lines == {1: "00000299"}  # the other worker finished the run


def test_when_every_worker_dies_the_parent_goes_on_alone() -> None:
    parent = os.getpid()

    def dies_in_any_worker(item: Item) -> FileResult:
        if os.getpid() != parent:
            os._exit(3)
        return _result(item)

    chunks = _chunks(100, 10)
    results = _run(chunks, dies_in_any_worker)
    assert [r.path for r in results] == [path for chunk in chunks for _, path in chunk]
    lost = [r for r in results if 0 in r.lines]
    assert len(lost) == 40  # two chunks queued in each of two workers
    assert {r.lines[0] for r in lost} == {"the worker process checking it exited with status 3"}
    assert all(r.lines == {1: f"{i:08d}"} for i, r in enumerate(results) if r not in lost)


def test_results_read_before_a_worker_died_still_count() -> None:
    """The parent may read a chunk's results while it sends another, and only then find the
    worker dead: the results it holds are not lost with it."""

    def dies_at_second(item: Item) -> FileResult:
        if item[0] == "second":
            os._exit(5)
        return _result(item)

    workers = Workers(1, _each(dies_at_second), _lost)
    (worker,) = workers._live
    try:
        worker.send([("first", "a.md")])
        worker.send([("second", "b.md")])
        while worker.alive:
            worker._read()
        assert worker.receive() == [_result(("first", "a.md"))]
        assert worker.receive() == "the worker process checking it exited with status 5"
    finally:
        workers.close()


def test_a_chunk_that_raises_is_reported_and_its_worker_goes_on() -> None:
    def raises_at_7(item: Item) -> FileResult:
        if item[0] == "00000007":
            raise ValueError("boom")
        return _result(item)

    results = _run(_chunks(50, 5), raises_at_7, jobs=1)
    lost = [r.path for r in results if 0 in r.lines]
    assert lost == [f"post-{i}.md" for i in range(5, 10)]
    assert results[5].lines[0] == "the worker process checking it raised ValueError: boom"
    assert results[-1].lines == {1: "00000049"}


def test_the_parents_objects_are_frozen_while_workers_run() -> None:
    """Hidden from the garbage collector in the workers and the parent for the run, and given
    back to it after: a long-lived process (a test session) collects them again."""
    workers = Workers(2, _each(_result), _lost)
    try:
        assert gc.get_freeze_count() > 0
        assert len(list(workers.lint(_chunks(20, 5)))) == 20
    finally:
        workers.close()
    assert gc.get_freeze_count() == 0


def test_closing_reaps_every_worker_even_mid_run() -> None:
    workers = Workers(2, _each(_result), _lost)
    stream = workers.lint(_chunks(1000, 10))
    next(stream)
    pids = [worker.pid for worker in workers._live]
    workers.close()
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_a_file_lost_with_its_worker_is_fm901_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the CLI: the lost files say so, every other file is reported as a serial run
    reports it."""
    for number in range(100):
        shutil.copyfile(ROOT / "examples" / "seed-post.md", tmp_path / f"post-{number:02d}.md")
    monkeypatch.chdir(tmp_path)
    command = ["check", "--no-cache", "--output-format", "concise", "."]
    serial = CliRunner().invoke(cli, [*command, "--jobs", "1"], catch_exceptions=False)
    real = runner._reply

    def killed_at_post_07(linter: Linter, cache: ResultCache | None, target: Target) -> Reply:
        if target.display.endswith("post-07.md"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(linter, cache, target)

    monkeypatch.setattr(runner, "_reply", killed_at_post_07)
    parallel = CliRunner().invoke(cli, [*command, "--jobs", "2"], catch_exceptions=False)
    assert (serial.exit_code, parallel.exit_code) == (1, 2)

    def by_file(report: str) -> dict[str, list[str]]:
        files: dict[str, list[str]] = {}
        for line in report.splitlines():
            if line.startswith("post-"):
                files.setdefault(line.split(":")[0], []).append(line)
        return files

    expected, found = by_file(serial.stdout), by_file(parallel.stdout)
    assert list(found) == list(expected) and len(found) == 100
    lost = [name for name, lines in found.items() if lines != expected[name]]
    assert "post-07.md" in lost and len(lost) <= 50
    for name in lost:
        assert found[name] == [
            f"{name}:1:1: FM901 not checked: the worker process checking it was killed by SIGKILL"
        ]


def test_a_run_that_cannot_fork_is_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No process or memory left to fork (EAGAIN): the run lints in the parent, and the
    worker forked before the failure is not left behind."""
    real = os.fork
    forks: list[int] = []

    def second_fails() -> int:
        if forks:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        pid = real()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", second_fails)
    descriptors = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0
    post = tmp_path / "post.md"
    shutil.copyfile(ROOT / "examples" / "seed-post.md", post)
    linter = Linter(Settings(root=tmp_path))
    with runner.workers_for(linter, None, 2, [str(tmp_path)]) as workers:
        assert workers is None
    assert len(forks) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(forks[0], os.WNOHANG)
    if descriptors:  # no pipe left open by the fork that failed
        assert len(os.listdir("/proc/self/fd")) == descriptors


@pytest.mark.parametrize("mid_run", [True, False], ids=["full-batch", "at-the-end"])
def test_a_worker_killed_while_writing_the_cache_leaves_it_usable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mid_run: bool
) -> None:
    """A worker killed inside a transaction holds the database's write lock when it dies:
    the kernel releases it, the other worker goes on writing, and the next run reads the
    database as it was before that transaction. Killed writing a full batch, it loses the
    files it held; killed writing what it kept when the parent had no more chunks for it,
    nothing but those entries: its results were all sent."""
    if mid_run:
        monkeypatch.setattr(cache_store, "BATCH", 16)
    posts = tmp_path / "posts"
    posts.mkdir()
    for number in range(300):
        shutil.copyfile(ROOT / "examples" / "seed-post.md", posts / f"post-{number:03d}.md")
    monkeypatch.chdir(posts)
    command = ["check", "--output-format", "concise", "."]
    reference = CliRunner().invoke(cli, [*command, "--no-cache"], catch_exceptions=False)
    parent = os.getpid()
    marker = tmp_path / "killed-once"
    flush = cache_store.Store.flush

    def killed_while_writing(store: cache_store.Store) -> None:
        if os.getpid() != parent:
            try:
                os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
            except FileExistsError:
                return flush(store)
            database = store._connection()
            assert database is not None
            database.execute("BEGIN IMMEDIATE")
            database.execute("INSERT INTO results(data) VALUES (x'00')")
            os.kill(os.getpid(), signal.SIGKILL)
        return flush(store)

    monkeypatch.setattr(cache_store.Store, "flush", killed_while_writing)
    killed = CliRunner().invoke(cli, [*command, "--jobs", "2"], catch_exceptions=False)
    assert marker.exists()
    if mid_run:
        assert killed.exit_code == 2
        assert "FM901 not checked: the worker process checking it was killed by SIGKILL" in (
            killed.stdout
        )
    else:
        assert (killed.exit_code, killed.stdout) == (1, reference.stdout)
    monkeypatch.setattr(cache_store.Store, "flush", flush)
    parsed = count_parses(monkeypatch)
    again = CliRunner().invoke(cli, [*command, "--jobs", "1"], catch_exceptions=False)
    assert (again.exit_code, again.stdout) == (1, reference.stdout)
    assert 0 < len(parsed) < 300  # the other worker's entries were kept
