"""What a run produces: a result per file, and the whole run as a stream with its tally.

A run of 100,000 posts must not hold 100,000 results: they stream from the linter to the
reporter, which writes each as it comes, while the tally counts what the summary and the exit
code need. A run made from a list (as tests and ``--fix`` make them) can be read any number
of times.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from matterlint.diagnostics import Applicability, Diagnostic, Severity
from matterlint.rules.base import Claim


@dataclass(frozen=True, slots=True)
class FileResult:
    """A file's diagnostics, sorted, with what reporters need and must not compute themselves
    (they never read files): the source lines the diagnostics point at, and the 1-based line
    and column of every offset a fix edits. ``claims`` are what the file brings to the rules
    that compare files; the lines they point at are among ``lines``, since the file is not
    read again when they turn out to be problems."""

    path: str
    diagnostics: tuple[Diagnostic, ...]
    lines: Mapping[int, str]
    positions: Mapping[int, tuple[int, int]]
    claims: tuple[Claim, ...] = ()

    def __reduce__(self) -> tuple[type[FileResult], tuple[object, ...]]:
        fields = (self.path, self.diagnostics, self.lines, self.positions, self.claims)
        return (FileResult, fields)


@dataclass(slots=True)
class Tally:
    """Counts over every file seen so far: enough for a summary, statistics and the exit
    code, without keeping the results."""

    files: int = 0
    files_with_problems: int = 0
    severities: Counter[Severity] = field(default_factory=Counter)
    rules: Counter[tuple[str, str]] = field(default_factory=Counter)
    with_help: int = 0
    fixable: Counter[Applicability] = field(default_factory=Counter)
    fixable_by_rule: Counter[tuple[str, Applicability]] = field(default_factory=Counter)

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.diagnostics:
            self.files_with_problems += 1
        for diagnostic in result.diagnostics:
            self.severities[diagnostic.severity] += 1
            self.rules[(diagnostic.code, diagnostic.name)] += 1
            if diagnostic.suggestion is not None:
                self.with_help += 1
            if diagnostic.fix is not None:
                self.fixable[diagnostic.fix.applicability] += 1
                self.fixable_by_rule[(diagnostic.code, diagnostic.fix.applicability)] += 1

    @property
    def problems(self) -> int:
        return sum(self.severities.values())


class RunResult:
    """Every file's result in report order; ``unsafe_fixes`` says whether ``--fix`` would
    apply unsafe fixes too (reporters count what is fixable). Built from an iterator, it can
    be read once, and :attr:`tally` is complete when it has been; built from a sequence, it
    can be read again and its tally is complete at once."""

    def __init__(self, files: Iterable[FileResult], unsafe_fixes: bool = False) -> None:
        self.unsafe_fixes = unsafe_fixes
        self.tally = Tally()
        self._stored: tuple[FileResult, ...] | None = None
        self._stream: Iterator[FileResult] | None = None
        if isinstance(files, Sequence):
            self._stored = tuple(files)
            for result in self._stored:
                self.tally.add(result)
        else:
            self._stream = iter(files)

    @property
    def files(self) -> Iterator[FileResult]:
        if self._stored is not None:
            return iter(self._stored)
        return self._drain()

    def _drain(self) -> Iterator[FileResult]:
        assert self._stream is not None
        for result in self._stream:
            self.tally.add(result)
            yield result

    @property
    def diagnostics(self) -> Iterator[Diagnostic]:
        for result in self.files:
            yield from result.diagnostics
