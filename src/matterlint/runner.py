"""Linting many files: the result cache, and worker processes for large runs.

Results come back in the order of the targets whatever the number of workers, so a parallel
run prints exactly what a serial one prints. They are yielded as they come, so a reporter can
write them out and memory does not grow with the number of files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING

from matterlint import document, entries
from matterlint.cache import ResultCache, status
from matterlint.discovery import Target
from matterlint.document import Document
from matterlint.engine import Linter
from matterlint.results import FileResult

if TYPE_CHECKING:
    from matterlint.workers import Item, Reply, Workers

# Below this many files named one by one (and no directory or glob), starting workers costs
# more than it saves.
PARALLEL_THRESHOLD = 200


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def lint_one(linter: Linter, cache: ResultCache | None, target: Target) -> FileResult:
    return _result(linter, target, _reply(linter, cache, target))


def _reply(linter: Linter, cache: ResultCache | None, target: Target) -> Reply:
    """A file's result, from the cache when its status, or else its bytes, and the settings
    are unchanged; found by status, it is the cache's entry, left for the parent to decode."""
    if cache is None:
        return linter.lint(target)
    known = status(target.location)
    entry = cache.recall(target.display, known)
    if entry is not None:
        return entry
    raw = linter.read_bytes(target)
    if isinstance(raw, Document):
        return linter.check(raw, target.location)
    key = cache.key(target.display, raw)
    cached = cache.get(key, known)
    if cached is not None:
        return cached
    doc = document.parse(target.display, raw, linter.settings.limits)
    result = linter.check(doc, target.location)
    if _cacheable(doc):
        cache.put(key, result, known)
    return result


def _result(linter: Linter, target: Target, reply: Reply) -> FileResult:
    """A reply's result. An entry that does not decode (a cache folder altered by hand) is
    not a result: the file is checked again, without the cache."""
    if isinstance(reply, FileResult):
        return reply
    result = entries.decode(reply)
    return linter.lint(target) if result is None else result


def _cacheable(doc: Document) -> bool:
    """A post naming its own schema depends on a file the cache key does not cover."""
    return not (isinstance(doc.data, dict) and "$schema" in doc.data)


def lint_all(
    linter: Linter, cache: ResultCache | None, targets: Iterable[Target], workers: Workers | None
) -> Iterator[FileResult]:
    try:
        if workers is None:
            for target in targets:
                yield lint_one(linter, cache, target)
        else:
            for item, reply in workers.lint(_chunks(targets)):
                yield _result(linter, Target(*item), reply)
    finally:
        if cache is not None:
            cache.finish()


def _chunks(targets: Iterable[Target]) -> Iterator[list[Item]]:
    """Targets as the workers get them, made as they are sent (each worker holds at most two
    chunks), so no list of them all is ever built.

    Chunks start small, so that a run of a few hundred files still keeps every worker busy,
    and grow to 256 files: with chunks of 64, passing chunks and results made a cached run
    of 10,000 posts 20% slower.
    """
    iterator = iter(targets)
    size = 32
    while chunk := [(t.location, t.display) for t in islice(iterator, size)]:
        yield chunk
        size = min(size * 2, 256)


@contextmanager
def workers_for(
    linter: Linter, cache: ResultCache | None, jobs: int, paths: Sequence[str]
) -> Iterator[Workers | None]:
    """Workers when the run may be large: a directory or a glob is named, or many files are.
    A pre-commit hook naming a few staged posts starts none."""
    large = len(paths) >= PARALLEL_THRESHOLD or any(
        os.path.isdir(path) or any(magic in path for magic in "*?[") for path in paths
    )
    if jobs <= 1 or not large or not _can_fork():
        yield None
        return
    from matterlint.workers import Workers  # only runs that may be large pay for it

    if cache is not None:
        cache.close()  # each worker opens the database for itself
    try:
        end = None if cache is None else cache.flush
        workers = Workers(jobs, partial(_lint_chunk, linter, cache), partial(_lost, linter), end)
    except OSError:  # no process or memory to fork: the run is serial, not a traceback
        yield None
        return
    try:
        yield workers
    finally:
        workers.close()


def _lint_chunk(linter: Linter, cache: ResultCache | None, chunk: list[Item]) -> list[Reply]:
    """A worker's replies for a chunk. Its cache entries are written a batch at a time, and
    when the parent has no more chunks for it, before the run ends: written after each chunk,
    they rewrote most pages of the keys' index in every transaction."""
    return [_reply(linter, cache, Target(*item)) for item in chunk]


def _lost(linter: Linter, item: Item, why: str) -> FileResult:
    return linter.failed(Target(*item), f"not checked: {why}")


def _can_fork() -> bool:
    return hasattr(os, "fork")
