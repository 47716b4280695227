"""A progress bar for long runs at a terminal, and nothing anywhere else.

``isatty()`` alone is not enough: pre-commit runs hooks under a pty, and ``FORCE_COLOR`` makes
rich think a pipe is a terminal, so a bar would animate into CI logs (ecosystem.md §3.2, §3.7).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar

_T = TypeVar("_T")
THRESHOLD = 200


def wanted(count: int, environ: Mapping[str, str], stderr_is_terminal: bool) -> bool:
    """Whether a run of ``count`` files shows a bar."""
    if count < THRESHOLD or not stderr_is_terminal:
        return False
    return not (environ.get("CI") or environ.get("PRE_COMMIT") or environ.get("TERM") == "dumb")


def track(items: Iterable[_T], description: str, total: int) -> Iterator[_T]:
    """Yield the items, drawing a transient bar on stderr when :func:`wanted` says so."""
    if not wanted(total, os.environ, sys.stderr.isatty()):
        yield from items
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        for item in items:
            yield item
            bar.advance(task)
