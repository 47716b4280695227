"""Output formats: each module formats a finished :class:`~matterlint.engine.RunResult` and
nothing else (no file reads, no validation, no exit codes)."""

from __future__ import annotations

from typing import Protocol, TextIO

from matterlint.engine import RunResult
from matterlint.reporters.concise import ConciseReporter
from matterlint.reporters.full import FullReporter
from matterlint.reporters.json import JsonReporter


class Reporter(Protocol):
    def report(self, result: RunResult, stream: TextIO) -> None: ...


REPORTERS: dict[str, type[Reporter]] = {
    "full": FullReporter,
    "concise": ConciseReporter,
    "json": JsonReporter,
}
