"""Results as the cache stores them and as workers send them to the parent: JSON, never
pickle, since a cache folder can arrive in a pull request's checkout, and loading it must not
be able to run code. Decoding checks every field, and anything malformed is ``None``: an
entry is a result of the right types or nothing.
"""

from __future__ import annotations

import json

from matterlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from matterlint.nodes import JSONValue
from matterlint.results import FileResult
from matterlint.rules.base import Claim
from matterlint.source import Span, _resolved_span

# One encoder for every entry: ``json.dumps`` with separators makes one per call.
_ENCODER = json.JSONEncoder(separators=(",", ":"))


def encode(result: FileResult) -> bytes:
    # ASCII escapes keep a file name that is not UTF-8 (a lone surrogate) encodable.
    return _ENCODER.encode(_data(result)).encode()


def decode(entry: bytes) -> FileResult | None:
    """An entry's result, or ``None`` for anything malformed; never raises. Decoded as text
    first: ``json.loads`` guesses the encoding of bytes, 0.8 µs of the 3.3 it took."""
    try:
        return _result(json.loads(entry.decode()))
    except (ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None


# Entries are positional JSON arrays checked by ``type(...) is``: with an object per
# diagnostic and a checking function per field, decoding took 27 µs of a cached post's 45.
_SEVERITIES = {severity.value: severity for severity in Severity}
_APPLICABILITIES = {applicability.value: applicability for applicability in Applicability}


def _data(result: FileResult) -> list[JSONValue]:
    """``[path, lines, positions, diagnostics, claims]``; lines and positions are flat lists
    (``[number, text, ...]``, ``[offset, line, column, ...]``)."""
    lines: list[JSONValue] = []
    for number, text in result.lines.items():
        lines += (number, text)
    positions: list[JSONValue] = []
    for offset, (line, column) in result.positions.items():
        positions += (offset, line, column)
    return [
        result.path,
        lines,
        positions,
        [_diagnostic(d, result.path) for d in result.diagnostics],
        [[_diagnostic(c.diagnostic, result.path), list(c.subject)] for c in result.claims],
    ]


def _diagnostic(d: Diagnostic, path: str) -> list[JSONValue]:
    """``[code, name, severity, path or null (the file's), span (6 integers), message, hint,
    fix, key path, keyword, related spans (6 integers each), fingerprint]``; a fix is
    ``[message, applicability, [start, end, replacement, ...]]``."""
    fix: JSONValue = None
    if d.fix is not None:
        edits: list[JSONValue] = []
        for edit in d.fix.edits:
            edits += (edit.start, edit.end, edit.replacement)
        fix = [d.fix.message, d.fix.applicability.value, edits]
    related: list[JSONValue] = []
    for span in d.related:
        related += _span(span)
    key_path: list[JSONValue] = list(d.key_path)
    return [
        d.code,
        d.name,
        d.severity.value,
        None if d.path == path else d.path,
        *_span(d.span),
        d.message,
        d.hint,
        fix,
        key_path,
        d.keyword,
        related,
        d.fingerprint,
    ]


def _span(span: Span) -> tuple[int, int, int, int, int, int]:
    return (span.start, span.end, span.line, span.column, span.end_line, span.end_column)


def _result(value: JSONValue) -> FileResult:
    """A stored result; raises ``TypeError``, ``ValueError``, ``KeyError`` or
    ``IndexError`` on anything malformed."""
    if type(value) is not list:
        raise TypeError("not a result")
    path, lines, positions, diagnostics, claims = value
    if type(path) is not str or type(lines) is not list or type(positions) is not list:
        raise TypeError("not a result")
    if type(diagnostics) is not list or type(claims) is not list:
        raise TypeError("not a result")
    shown: dict[int, str] = {}
    for index in range(0, len(lines) - 1, 2):
        number, text = lines[index], lines[index + 1]
        if type(number) is not int or type(text) is not str:
            raise TypeError("not a line")
        shown[number] = text
    where: dict[int, tuple[int, int]] = {}
    for index in range(0, len(positions) - 2, 3):
        offset, line, column = positions[index : index + 3]
        if type(offset) is not int or type(line) is not int or type(column) is not int:
            raise TypeError("not a position")
        where[offset] = (line, column)
    if len(lines) % 2 or len(positions) % 3:
        raise ValueError("a line or position cut short")
    found = tuple(_from(d, path) for d in diagnostics)
    claimed = []
    for claim in claims:
        if type(claim) is not list:
            raise TypeError("not a claim")
        diagnostic, subject = claim
        if type(subject) is not list or not all(type(part) is str for part in subject):
            raise TypeError("not a claim")
        claimed.append(Claim(_from(diagnostic, path), tuple(subject)))  # type: ignore[arg-type]
    return FileResult(path, found, shown, where, tuple(claimed))


def _from(value: JSONValue, file_path: str) -> Diagnostic:
    if type(value) is not list:
        raise TypeError("not a diagnostic")
    (
        code,
        name,
        severity,
        path,
        start,
        end,
        line,
        column,
        end_line,
        end_column,
        message,
        hint,
        fix,
        key_path,
        keyword,
        related,
        fingerprint,
    ) = value
    if not (
        type(code) is str
        and type(name) is str
        and type(message) is str
        and type(fingerprint) is str
        and (path is None or type(path) is str)
        and (hint is None or type(hint) is str)
        and (keyword is None or type(keyword) is str)
        and type(key_path) is list
        and type(related) is list
    ):
        raise TypeError("not a diagnostic")
    span = _to_span(start, end, line, column, end_line, end_column)
    if any(type(part) is not str and type(part) is not int for part in key_path):
        raise TypeError("not a key path")
    spans = tuple(_to_span(*related[i : i + 6]) for i in range(0, len(related), 6))
    return Diagnostic(
        code,
        name,
        _SEVERITIES[severity],  # type: ignore[index]
        file_path if path is None else path,
        span,
        message,
        hint,
        None if fix is None else _fix(fix),
        tuple(key_path),  # type: ignore[arg-type]
        keyword,
        spans,
        fingerprint,
    )


def _fix(value: JSONValue) -> Fix:
    if type(value) is not list:
        raise TypeError("not a fix")
    message, applicability, flat = value
    if type(message) is not str or type(flat) is not list or len(flat) % 3:
        raise TypeError("not a fix")
    edits = []
    for index in range(0, len(flat), 3):
        start, end, replacement = flat[index : index + 3]
        if type(start) is not int or type(end) is not int or type(replacement) is not str:
            raise TypeError("not an edit")
        edits.append(Edit(start, end, replacement))
    return Fix(message, tuple(edits), _APPLICABILITIES[applicability])  # type: ignore[index]


def _to_span(*values: JSONValue) -> Span:
    start, end, line, column, end_line, end_column = values
    if not (
        type(start) is int
        and type(end) is int
        and type(line) is int
        and type(column) is int
        and type(end_line) is int
        and type(end_column) is int
    ):
        raise TypeError("not a span")
    return _resolved_span(start, end, (line, column, end_line, end_column))
