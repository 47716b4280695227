"""What a check reports, and how a problem may be repaired.

A :class:`Diagnostic` with a fix has its suggestion *be* the fix's message, so the ``help:`` line
a user reads and the change ``--fix`` makes come from one object and cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from matterlint.nodes import PathPart
from matterlint.source import Span


class Severity(Enum):
    """``FATAL`` means the tool failed (an internal error), not that the post is bad."""

    WARNING = "warning"
    ERROR = "error"
    FATAL = "fatal"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def __lt__(self, other: Severity) -> bool:
        return self.rank < other.rank


_SEVERITY_RANK = {Severity.WARNING: 0, Severity.ERROR: 1, Severity.FATAL: 2}


class Applicability(Enum):
    """How far a fix may be trusted: ``SAFE`` fixes keep the meaning and are applied by
    ``--fix``; ``UNSAFE`` ones may change data and need ``--unsafe-fixes``; ``DISPLAY_ONLY``
    ones are shown and never applied."""

    DISPLAY_ONLY = "display-only"
    UNSAFE = "unsafe"
    SAFE = "safe"

    @property
    def rank(self) -> int:
        return _APPLICABILITY_RANK[self]

    def __lt__(self, other: Applicability) -> bool:
        return self.rank < other.rank


_APPLICABILITY_RANK = {
    Applicability.DISPLAY_ONLY: 0,
    Applicability.UNSAFE: 1,
    Applicability.SAFE: 2,
}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` of the original decoded text by ``replacement``."""

    start: int
    end: int
    replacement: str

    def __reduce__(self) -> tuple[type[Edit], tuple[int, int, str]]:
        return (Edit, (self.start, self.end, self.replacement))


@dataclass(frozen=True, slots=True)
class Fix:
    message: str
    edits: tuple[Edit, ...]
    applicability: Applicability

    def __reduce__(self) -> tuple[type[Fix], tuple[str, tuple[Edit, ...], Applicability]]:
        return (Fix, (self.message, self.edits, self.applicability))


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place.

    ``key_path`` names the value concerned (empty for file-level problems); it identifies a
    problem across unrelated edits of a file better than a line number. ``keyword`` is set for
    schema diagnostics: the JSON Schema keyword that failed (or a narrower name a rule claims,
    such as a ``pattern`` failed only for ``http:``), used to let a built-in rule that explains
    the same defect better take its place. ``related`` are other places the message
    names. ``hint`` is the help for a problem without a fix (see :attr:`suggestion`).
    ``fingerprint`` identifies the problem across runs and unrelated edits (rule, file, key path
    and the text it is about, never the line), for baselines and CI systems that track findings.
    """

    code: str
    name: str
    severity: Severity
    path: str
    span: Span
    message: str
    hint: str | None = None
    fix: Fix | None = None
    key_path: tuple[PathPart, ...] = ()
    keyword: str | None = None
    related: tuple[Span, ...] = field(default=())
    fingerprint: str = ""

    def __reduce__(self) -> tuple[type[Diagnostic], tuple[object, ...]]:
        """Pickled as its fields in a tuple: results cross from worker processes, and the
        generic pickling of slotted dataclasses costs twice as much."""
        return (
            Diagnostic,
            (
                self.code,
                self.name,
                self.severity,
                self.path,
                self.span,
                self.message,
                self.hint,
                self.fix,
                self.key_path,
                self.keyword,
                self.related,
                self.fingerprint,
            ),
        )

    @property
    def suggestion(self) -> str | None:
        """The ``help:`` line: the fix's message when there is a fix, so the two cannot
        disagree; otherwise a hint, if any."""
        return self.fix.message if self.fix is not None else self.hint

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.span.line, self.span.column, self.code, self.message)


def excerpt(text: str, limit: int = 60) -> str:
    """A value shortened for a message: messages stay one readable line even when the value is
    a 2,000-character description."""
    text = " ".join(text.split()) if "\n" in text or "\r" in text else text
    return text if len(text) <= limit else text[: limit - 1] + "…"
