"""GitLab Code Quality: a JSON array of issues that a merge request widget shows next to the
diff (``artifacts: reports: codequality:``). GitLab reads only the fields written here, and
rejects a report that starts with a byte-order mark: none is written."""

from __future__ import annotations

from typing import TextIO

from matterlint.diagnostics import Diagnostic, Severity
from matterlint.nodes import JSONValue
from matterlint.reporters.fingerprints import unique_fingerprints
from matterlint.reporters.jsonstream import write_array
from matterlint.results import RunResult

_SEVERITIES = {Severity.WARNING: "minor", Severity.ERROR: "major", Severity.FATAL: "critical"}


class GitlabReporter:
    def report(self, result: RunResult, stream: TextIO) -> None:
        issues = (_issue(d, fingerprint) for _, d, fingerprint in unique_fingerprints(result))
        write_array(stream, issues)
        stream.write("\n")


def _issue(diagnostic: Diagnostic, fingerprint: str) -> dict[str, JSONValue]:
    """One issue; identical fingerprints collapse into one entry in GitLab, hence the
    occurrence counter of :func:`unique_fingerprints`."""
    span = diagnostic.span
    return {
        "description": f"{diagnostic.code} {diagnostic.message}",
        "check_name": diagnostic.code,
        "fingerprint": fingerprint,
        "severity": _SEVERITIES[diagnostic.severity],
        "location": {
            "path": diagnostic.path,
            "lines": {"begin": span.line, "end": span.end_line},
        },
    }
