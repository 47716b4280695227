"""``# matterlint: ignore[...]`` comments in the front matter, and which diagnostics they hide.

``# matterlint: ignore[FM501, trailing-whitespace]`` at the end of a line hides those rules on
that line and, when the line holds a key, anywhere in that key's value (so a comment on
``tags:`` covers the items of a block list below it). ``# matterlint: ignore-file[...]`` on a
line of its own hides them in the whole file. Without brackets, every rule is hidden. A
suppression that hides nothing is reported by unused-suppression, so they do not rot.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from matterlint.diagnostics import Applicability, Diagnostic, Edit, Fix
from matterlint.document import Document, Format
from matterlint.nodes import NodeKind, PathPart, Style
from matterlint.rules import BY_CODE, lookup, unused_suppression
from matterlint.source import Span

_DIRECTIVE = re.compile(
    r"(?:(?<=[ \t])|(?<=^))#[ \t]*matterlint:[ \t]*(?P<kind>ignore-file|ignore)\b"
    r"(?:\[(?P<rules>[^\]\r\n]*)\])?",
    re.MULTILINE,
)
_ENTRY = re.compile(r"[^,\s]+")
# A suppression cannot hide the tool's own failures, nor the reports about suppressions.
_UNSUPPRESSIBLE = frozenset({"FM901", "FM902", "FM903"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One rule named in a directive, as written; ``code`` is ``None`` when it names no rule."""

    written: str
    code: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class Directive:
    """A suppression comment. ``entries`` empty means every rule. ``scope`` is the key path
    whose value the directive covers (``None``: its line only; ``()``: the whole file)."""

    span: Span
    comment_start: int
    entries: tuple[Entry, ...]
    scope: tuple[PathPart, ...] | None

    @property
    def file_level(self) -> bool:
        return self.scope == ()


def directives(doc: Document) -> list[Directive]:
    """Every suppression comment in the front-matter block; never raises."""
    block = doc.block
    if block is None or block.format is Format.JSON:
        return []  # JSON has no comments
    end = block.closing.end if block.closing is not None else block.opening.end
    if doc.text.find("matterlint:", block.opening.start, end) < 0:
        return []  # what nearly every post has: a search for a word is ten times faster
    matches = list(_DIRECTIVE.finditer(doc.text, block.opening.start, end))
    if not matches:
        return []
    strings = _string_ranges(doc)
    keys = doc.keys_by_line()
    found = []
    for match in matches:
        if any(start <= match.start() < stop for start, stop in strings):
            continue
        entries = tuple(_entries(doc, match))
        line = doc.lines.position(match.start())[0]
        if match.group("kind") == "ignore-file":
            scope: tuple[PathPart, ...] | None = ()
        else:
            scope = keys.get(line)
        found.append(
            Directive(doc.lines.span(match.start(), match.end()), match.start(), entries, scope)
        )
    return found


def _entries(doc: Document, match: re.Match[str]) -> list[Entry]:
    if match.group("rules") is None:
        return []
    offset = match.start("rules")
    result = []
    for item in _ENTRY.finditer(match.group("rules")):
        entry = lookup(item.group())
        span = doc.lines.span(offset + item.start(), offset + item.end())
        result.append(Entry(item.group(), entry.rule.code if entry else None, span))
    return result


def _string_ranges(doc: Document) -> list[tuple[int, int]]:
    """Quoted and block scalars, where a ``#`` is text, not a comment."""
    if doc.root is None:
        return []
    return [
        (node.span.start, node.span.end)
        for _, node in doc.nodes
        if node.kind is NodeKind.SCALAR and node.style is not Style.PLAIN
    ]


def covers(directive: Directive, line: int, key_path: tuple[PathPart, ...], code: str) -> bool:
    """Whether a directive hides a diagnostic of ``code`` at ``line`` about ``key_path``."""
    if directive.entries and code not in {e.code for e in directive.entries}:
        return False
    if directive.scope is None:
        return line == directive.span.line
    return line == directive.span.line or key_path[: len(directive.scope)] == directive.scope


def apply(
    doc: Document, diagnostics: list[Diagnostic], enabled: AbstractSet[str]
) -> list[Diagnostic]:
    """Drop what the comments suppress; report the suppressions that suppress nothing."""
    found = directives(doc)
    if not found:
        return diagnostics
    used: set[tuple[int, str | None]] = set()
    kept = []
    for diagnostic in diagnostics:
        hidden = False
        if diagnostic.code not in _UNSUPPRESSIBLE:
            for directive in found:
                if covers(directive, diagnostic.span.line, diagnostic.key_path, diagnostic.code):
                    used.add(
                        (directive.comment_start, diagnostic.code if directive.entries else None)
                    )
                    hidden = True
        if not hidden:
            kept.append(diagnostic)
    if unused_suppression.RULE.code in enabled:
        for directive in found:
            report = _unused(doc, directive, used, enabled)
            if report is not None:
                kept.append(report)
    return kept


def _unused(
    doc: Document,
    directive: Directive,
    used: set[tuple[int, str | None]],
    enabled: AbstractSet[str],
) -> Diagnostic | None:
    if not directive.entries:
        if (directive.comment_start, None) in used:
            return None
        return _unused_diagnostic(doc, directive, [], "unused suppression: it hides nothing here")
    stale = [
        e
        for e in directive.entries
        if e.code is None or (e.code in enabled and (directive.comment_start, e.code) not in used)
    ]
    if not stale:
        return None
    described = ", ".join(
        f"`{e.written}` names no rule"
        if e.code is None
        else f"{BY_CODE[e.code].rule.name} ({e.code})"
        for e in stale
    )
    verb = "hides" if len(stale) == 1 and stale[0].code is not None else "hide"
    message = f"unused suppression: {described} {verb} nothing here"
    if any(e.code is None for e in stale):
        message = f"unused suppression: {described}"
    return _unused_diagnostic(doc, directive, stale, message)


def _unused_diagnostic(
    doc: Document, directive: Directive, stale: list[Entry], message: str
) -> Diagnostic:
    kept = [e.written for e in directive.entries if e not in stale]
    if kept:
        start = directive.entries[0].span.start
        end = directive.entries[-1].span.end
        edit = Edit(start, end, ", ".join(kept))
        fix = Fix(f"Keep only {', '.join(kept)}", (edit,), Applicability.SAFE)
    else:
        fix = Fix("Remove the comment", (_removal(doc, directive),), Applicability.SAFE)
    return unused_suppression.RULE.diagnostic(doc, directive.span, message, fix=fix)


def _removal(doc: Document, directive: Directive) -> Edit:
    """The comment to the end of its line, with the spaces before it; the whole line when the
    comment is alone on it."""
    line = directive.span.line
    line_start, line_end = doc.lines.line_start(line), doc.lines.line_end(line)
    before = doc.text[line_start : directive.comment_start]
    if not before.strip():
        next_start = doc.lines.line_start(line + 1) if line < doc.lines.line_count else line_end
        return Edit(line_start, max(next_start, line_end), "")
    return Edit(line_start + len(before.rstrip(" \t")), line_end, "")
