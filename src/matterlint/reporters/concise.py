"""``path:line:col: CODE message``, one line per diagnostic: the line editors' and CI problem
matchers parse (flake8's and Ruff's shape)."""

from __future__ import annotations

from typing import TextIO

from matterlint.reporters.text import one_line
from matterlint.results import RunResult


class ConciseReporter:
    def report(self, result: RunResult, stream: TextIO) -> None:
        for diagnostic in result.diagnostics:
            span = diagnostic.span
            stream.write(
                f"{one_line(diagnostic.path)}:{span.line}:{span.column}: "
                f"{diagnostic.code} {one_line(diagnostic.message)}\n"
            )
