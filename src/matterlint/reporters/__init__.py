"""Output formats: each module formats a finished :class:`~matterlint.engine.RunResult` and
nothing else (no file reads, no validation, no exit codes)."""

from __future__ import annotations

from typing import Protocol, TextIO

from matterlint.reporters.concise import ConciseReporter
from matterlint.reporters.full import FullReporter
from matterlint.reporters.github import GithubReporter
from matterlint.reporters.gitlab import GitlabReporter
from matterlint.reporters.grouped import GroupedReporter
from matterlint.reporters.json import JsonReporter
from matterlint.reporters.json_lines import JsonLinesReporter
from matterlint.reporters.junit import JunitReporter
from matterlint.reporters.sarif import SarifReporter
from matterlint.results import RunResult


class Reporter(Protocol):
    def report(self, result: RunResult, stream: TextIO) -> None: ...


REPORTERS: dict[str, type[Reporter]] = {
    "full": FullReporter,
    "concise": ConciseReporter,
    "grouped": GroupedReporter,
    "json": JsonReporter,
    "json-lines": JsonLinesReporter,
    "github": GithubReporter,
    "gitlab": GitlabReporter,
    "sarif": SarifReporter,
    "junit": JunitReporter,
}
