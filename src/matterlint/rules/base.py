"""The contract every check meets: stable metadata, and a pure function from a document to
diagnostics."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from matterlint.diagnostics import Diagnostic, Fix, Severity
from matterlint.nodes import format_path

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.nodes import PathPart
    from matterlint.options import RuleOptions
    from matterlint.source import Span


class Fixable(StrEnum):
    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class Origin(StrEnum):
    """Who produces a rule's diagnostics: its own ``check``, the schema validator, the engine
    itself (internal errors, suppressions), or a comparison across the files of a run
    (``collect`` in each file, then ``check_project`` over what every file claimed)."""

    CHECK = "check"
    SCHEMA = "schema"
    ENGINE = "engine"
    PROJECT = "project"


@dataclass(frozen=True, slots=True)
class Rule:
    """A check's identity. ``code`` and ``name`` never change meaning once released.

    ``supersedes`` lists JSON Schema keywords this rule reports better on the same value: when
    both fire there, only this rule's diagnostic is kept. ``options`` names the configuration
    section the rule reads, if any. An ``opt_in`` rule is checked only when selected by name,
    code, prefix or ``ALL``: it needs a site's conventions to be right (a taxonomy file, where
    assets live), or it costs a run more than one file at a time.
    """

    code: str
    name: str
    summary: str
    severity: Severity
    fixable: Fixable = Fixable.NEVER
    origin: Origin = Origin.CHECK
    supersedes: frozenset[str] = frozenset()
    options: str | None = None
    opt_in: bool = False

    def diagnostic(
        self,
        doc: Document,
        span: Span,
        message: str,
        *,
        fix: Fix | None = None,
        suggestion: str | None = None,
        key_path: tuple[PathPart, ...] = (),
        related: tuple[Span, ...] = (),
        keyword: str | None = None,
        subject: str | None = None,
    ) -> Diagnostic:
        """A diagnostic of this rule. Its fingerprint hashes ``subject``, by default the text
        the span covers: a rule whose spans all cover the same text (a space) names something
        that tells its problems apart."""
        covered = doc.text[span.start : span.end] if subject is None else subject
        return Diagnostic(
            self.code,
            self.name,
            self.severity,
            doc.path,
            span,
            message,
            suggestion,
            fix,
            key_path,
            keyword,
            related,
            fingerprint(self.code, doc.path, key_path, covered),
        )


def fingerprint(code: str, path: str, key_path: tuple[PathPart, ...], text: str) -> str:
    """A hash of rule, file, key path and the text a problem covers: it survives edits
    elsewhere in the file (lines moving, other keys), unlike a line number."""
    parts = "\0".join((code, path, format_path(key_path), text))
    return hashlib.blake2b(parts.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


class Check(Protocol):
    def __call__(self, doc: Document, options: RuleOptions) -> Iterator[Diagnostic]: ...


@dataclass(frozen=True, slots=True)
class Claim:
    """What a file contributes to a project rule: the diagnostic it would get, at its value,
    and the ``subject`` compared across files (a key and value, or the paths an asset may be
    at). Claims go through the same decisions as diagnostics (selection, per-file ignores,
    suppressions, severities), so a file that ignores a rule takes no part in it."""

    diagnostic: Diagnostic
    subject: tuple[str, ...]

    def __reduce__(self) -> tuple[type[Claim], tuple[Diagnostic, tuple[str, ...]]]:
        return (Claim, (self.diagnostic, self.subject))


class Collect(Protocol):
    def __call__(self, doc: Document, options: RuleOptions) -> Iterator[Claim]: ...


class CheckProject(Protocol):
    """Claims of every file of the run, in report order, to the diagnostics they earn: each is
    its claim's diagnostic with a message (and perhaps a hint) that says what was found."""

    def __call__(self, claims: Sequence[Claim], options: RuleOptions) -> Iterator[Diagnostic]: ...


@dataclass(frozen=True, slots=True)
class RuleEntry:
    """A rule with its documentation (the module docstring) and its check, if it has one; a
    project rule has ``collect`` and ``check_project`` instead."""

    rule: Rule
    doc: str
    check: Check | None
    collect: Collect | None = None
    check_project: CheckProject | None = None
