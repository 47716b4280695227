"""Linting many files: the result cache, and worker processes for large runs.

Results come back in the order of the targets whatever the number of workers, so a parallel
run prints exactly what a serial one prints. They are yielded as they come, so a reporter can
write them out and memory does not grow with the number of files.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from matterlint import document
from matterlint.cache import ResultCache
from matterlint.discovery import Target
from matterlint.document import Document
from matterlint.engine import Linter
from matterlint.results import FileResult

# Below this many files, starting workers costs more than it saves.
PARALLEL_THRESHOLD = 200
_CHUNK = 64


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def lint_one(linter: Linter, cache: ResultCache | None, target: Target) -> FileResult:
    """A file's result, from the cache when its bytes and settings are unchanged."""
    raw = linter.read_bytes(target)
    if isinstance(raw, Document):
        return linter.check(raw, target.path)
    if cache is not None:
        cached = cache.get(target.display, raw)
        if cached is not None:
            return cached
    doc = document.parse(target.display, raw, linter.settings.limits)
    result = linter.check(doc, target.path)
    if cache is not None and _cacheable(doc):
        cache.put(target.display, raw, result)
    return result


def _cacheable(doc: Document) -> bool:
    """A post naming its own schema depends on a file the cache key does not cover."""
    return not (isinstance(doc.data, dict) and "$schema" in doc.data)


def lint_all(
    linter: Linter, cache: ResultCache | None, targets: Sequence[Target], jobs: int
) -> Iterator[FileResult]:
    if jobs <= 1 or len(targets) < PARALLEL_THRESHOLD or not _can_fork():
        for target in targets:
            yield lint_one(linter, cache, target)
        return
    import multiprocessing  # only large runs pay for it

    chunks = [targets[i : i + _CHUNK] for i in range(0, len(targets), _CHUNK)]
    context = multiprocessing.get_context("fork")  # workers inherit the linter: no pickling
    with context.Pool(min(jobs, len(chunks)), _start_worker, (linter, cache)) as pool:
        for results in pool.imap(_lint_chunk, chunks):
            yield from results


# Set in each worker process, once, by the pool's initializer.
_WORKER: tuple[Linter, ResultCache | None] | None = None


def _start_worker(linter: Linter, cache: ResultCache | None) -> None:
    global _WORKER  # noqa: PLW0603  a worker's own copy, set once when it starts
    _WORKER = (linter, cache)


def _lint_chunk(targets: Sequence[Target]) -> list[FileResult]:
    assert _WORKER is not None
    linter, cache = _WORKER
    return [lint_one(linter, cache, target) for target in targets]


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()
