"""A JSON array of diagnostics, with 1-based positions and the fix when there is one."""

from __future__ import annotations

from typing import TextIO

from matterlint.diagnostics import Diagnostic
from matterlint.nodes import JSONValue
from matterlint.reporters.jsonstream import write_array
from matterlint.results import FileResult, RunResult


class JsonReporter:
    def report(self, result: RunResult, stream: TextIO) -> None:
        write_array(stream, (to_json(d, f) for f in result.files for d in f.diagnostics))
        stream.write("\n")


def to_json(diagnostic: Diagnostic, result: FileResult) -> dict[str, JSONValue]:
    """One diagnostic as the ``json`` and ``json-lines`` formats print it; ``fingerprint``
    lets a consumer track a problem across runs without relying on its line."""
    span = diagnostic.span
    fix: JSONValue = None
    if diagnostic.fix is not None:
        fix = {
            "applicability": diagnostic.fix.applicability.value,
            "message": diagnostic.fix.message,
            "edits": [
                {
                    "content": edit.replacement,
                    "location": _location(result, edit.start),
                    "end_location": _location(result, edit.end),
                }
                for edit in diagnostic.fix.edits
            ],
        }
    return {
        "code": diagnostic.code,
        "name": diagnostic.name,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "path": diagnostic.path,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "suggestion": diagnostic.suggestion,
        "fix": fix,
        "fingerprint": diagnostic.fingerprint,
    }


def _location(result: FileResult, offset: int) -> dict[str, JSONValue]:
    line, column = result.positions[offset]
    return {"line": line, "column": column}
