"""FM202 invisible-character: a value holds a zero-width character, or starts or ends with a
non-breaking space.

*What it checks*
Zero-width characters (U+200B, U+2060, U+FEFF) anywhere in a key or value, and non-breaking
spaces (U+00A0, U+2007, U+202F) at the start or end of one. A non-breaking space between words
is typography (French writes one before `:`) and is left alone.

*Why it matters*
They cannot be seen in an editor, but they are part of the value: YAML does not count them as
whitespace, so `title: Hello\u00a0` keeps the space, a tag with a zero-width space is a different
tag, and a key with one is an unknown key. Common at the end of titles in the seed's site.

*Example*
```
---
title: Trump, Putin and Macron call for ceasefire\u00a0
---
```
gives `post.md:2:50: FM202 non-breaking space (U+00A0) at the end of `title``.

One at the very start of the block (a byte-order mark, left by an editor or by pasting one
file into another) is part of no value: PyYAML skips it, but Jekyll parses the block together
with its opening `---`, and there libyaml rejects it, so the post loses all its front matter.

*Fix safety*
Unsafe: removing the characters changes the value, which is the point, but it is still a change
of data the author should see. Safe for the mark at the start of the block, which no value holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from matterlint.nodes import NodeKind, Style, format_path
from matterlint.rules.base import Fixable, Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions
    from matterlint.source import Span

RULE = Rule(
    "FM202",
    "invisible-character",
    "A value holds an invisible character",
    Severity.WARNING,
    Fixable.ALWAYS,
)

_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff]")
_ANY = re.compile("[\u200b\u2060\ufeff\u00a0\u2007\u202f]")
_EDGE_SPACE = re.compile("^[\u00a0\u2007\u202f]+|[\u00a0\u2007\u202f]+$")
_NAMES = {
    "\u200b": "zero-width space (U+200B)",
    "\u2060": "word joiner (U+2060)",
    "\ufeff": "zero-width no-break space (U+FEFF)",
    "\u00a0": "non-breaking space (U+00A0)",
    "\u2007": "figure space (U+2007)",
    "\u202f": "narrow non-breaking space (U+202F)",
}
_TEXT_STYLES = (Style.PLAIN, Style.SINGLE_QUOTED, Style.DOUBLE_QUOTED)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    if doc.root is None or doc.block is None:
        return
    content = doc.block.content
    hits = [m.start() for m in _ANY.finditer(doc.text, content.start, content.end)]
    if not hits:
        return  # most posts: nothing to look for, node by node
    if hits[0] == content.start and doc.text[hits[0]] == "\ufeff":
        yield _report(
            doc,
            hits[0],
            hits[0] + 1,
            _NAMES["\ufeff"] + " at the start of the front matter",
            (),
            Applicability.SAFE,
        )
    for path, node in doc.nodes:
        key_span = node.key_span
        if not any(
            node.span.start <= hit < node.span.end
            or (key_span is not None and key_span.start <= hit < key_span.end)
            for hit in hits
        ):
            continue  # names are formatted only for the nodes that hold one
        name = format_path(path) or "the front matter"
        if key_span is not None:
            yield from _scan(doc, key_span, f"key `{name}`", path)
        if node.kind is NodeKind.SCALAR and node.style in _TEXT_STYLES:
            yield from _scan(doc, node.span, f"`{name}`", path)
        elif node.kind is NodeKind.SCALAR:  # a block scalar: its edges are indicators and breaks
            yield from _scan(doc, node.span, f"`{name}`", path, edges=False)


def _scan(
    doc: Document, span: Span, what: str, path: tuple[str | int, ...], *, edges: bool = True
) -> Iterator[Diagnostic]:
    written = doc.text[span.start : span.end]
    quoted = written[:1] in ("'", '"') and len(written) >= 2
    inner_start = span.start + 1 if quoted else span.start
    inner = written[1:-1] if quoted else written
    for match in _ZERO_WIDTH.finditer(inner):
        yield _report(
            doc,
            inner_start + match.start(),
            inner_start + match.end(),
            f"{_NAMES[match.group()[0]]} in {what}",
            path,
        )
    if not edges:
        return
    for match in _EDGE_SPACE.finditer(inner):
        where = "start" if match.start() == 0 else "end"
        message = f"{_NAMES[match.group()[0]]} at the {where} of {what}"
        yield _report(doc, inner_start + match.start(), inner_start + match.end(), message, path)


def _report(
    doc: Document,
    start: int,
    end: int,
    message: str,
    path: tuple[str | int, ...],
    applicability: Applicability = Applicability.UNSAFE,
) -> Diagnostic:
    fix = Fix("Remove the invisible characters", (Edit(start, end, ""),), applicability)
    return RULE.diagnostic(doc, doc.lines.span(start, end), message, fix=fix, key_path=path)
