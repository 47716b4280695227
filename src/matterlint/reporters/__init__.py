"""Output formats: each module formats a finished :class:`~matterlint.engine.RunResult` and
nothing else (no file reads, no validation, no exit codes).

A run imports only the reporter it prints with: the others cost start-up time (the full
reporter pulls in rich, SARIF every rule's documentation) that a one-file pre-commit run
should not pay.
"""

from __future__ import annotations

from importlib import import_module
from typing import Protocol, TextIO, cast

from matterlint.results import RunResult


class Reporter(Protocol):
    def report(self, result: RunResult, stream: TextIO) -> None: ...


# Format name -> (module, class).
REPORTERS: dict[str, tuple[str, str]] = {
    "full": ("full", "FullReporter"),
    "concise": ("concise", "ConciseReporter"),
    "grouped": ("grouped", "GroupedReporter"),
    "json": ("json", "JsonReporter"),
    "json-lines": ("json_lines", "JsonLinesReporter"),
    "github": ("github", "GithubReporter"),
    "gitlab": ("gitlab", "GitlabReporter"),
    "sarif": ("sarif", "SarifReporter"),
    "junit": ("junit", "JunitReporter"),
}


def reporter(name: str) -> Reporter:
    """A new reporter for the format ``name`` (a key of :data:`REPORTERS`)."""
    module, cls = REPORTERS[name]
    factory = getattr(import_module(f"matterlint.reporters.{module}"), cls)
    return cast(Reporter, factory())
