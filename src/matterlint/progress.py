"""A progress bar for long runs at a terminal, and nothing anywhere else.

``isatty()`` alone is not enough: pre-commit runs hooks under a pty, and ``FORCE_COLOR`` makes
rich think a pipe is a terminal, so a bar would animate into CI logs (ecosystem.md §3.2, §3.7).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TypeVar

_T = TypeVar("_T")
THRESHOLD = 200


def wanted(count: int, environ: Mapping[str, str], stderr_is_terminal: bool) -> bool:
    """Whether a run of ``count`` files shows a bar."""
    if count < THRESHOLD or not stderr_is_terminal:
        return False
    return not (environ.get("CI") or environ.get("PRE_COMMIT") or environ.get("TERM") == "dumb")


def track(items: Iterable[_T], description: str, total: int | None = None) -> Iterator[_T]:
    """Yield the items, drawing a transient bar on stderr when :func:`wanted` says so. With no
    ``total`` (files still being found), the bar appears once ``THRESHOLD`` items have passed,
    with no end, so a small run never flashes one."""
    if total is not None:
        if not wanted(total, os.environ, sys.stderr.isatty()):
            yield from items
            return
        with _bar(description, total) as advance:
            for item in items:
                yield item
                advance(1)
        return
    iterator = iter(items)
    seen = 0
    for item in iterator:
        yield item
        seen += 1
        if seen == THRESHOLD:
            break
    if seen < THRESHOLD or not wanted(seen, os.environ, sys.stderr.isatty()):
        yield from iterator
        return
    with _bar(description, None) as advance:
        advance(seen)
        for item in iterator:
            yield item
            advance(1)


@contextmanager
def _bar(description: str, total: int | None) -> Iterator[Callable[[int], None]]:
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda steps: bar.advance(task, steps)
