"""Problems grouped under their file's path, one short line each: easy to scan in a log when
many files have several problems (Ruff's and yamllint's ``standard`` shape)."""

from __future__ import annotations

from typing import TextIO

from matterlint.reporters.text import one_line
from matterlint.results import RunResult


class GroupedReporter:
    def report(self, result: RunResult, stream: TextIO) -> None:
        separator = ""
        for file_result in result.files:
            if not file_result.diagnostics:
                continue
            stream.write(f"{separator}{one_line(file_result.path)}\n")
            for diagnostic in file_result.diagnostics:
                span = diagnostic.span
                stream.write(
                    f"  {span.line}:{span.column}  {diagnostic.code}  "
                    f"{one_line(diagnostic.message)}\n"
                )
            separator = "\n"
