"""FM201 trailing-whitespace: a front-matter or delimiter line ends with spaces or tabs.

*What it checks*
Spaces and tabs at the end of any line of the block, the delimiter lines included.

*Why it matters*
Invisible noise in diffs, and a trap: some strict parsers do not recognise `--- ` (with a space)
as the closing delimiter, and inside block scalars (`|`) trailing spaces are part of the value.
Every post of the seed's site has them, written by its template.

*Example*
```
---
title: Hello␠
---␠
```
gives `post.md:2:13: FM201 trailing whitespace` and `post.md:3:4: FM201 trailing whitespace`.

*Fix safety*
Safe: the whitespace is removed. Where it is part of a value (inside a multi-line quoted or
block scalar) the fix is unsafe, because it changes the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from matterlint.nodes import NodeKind, PathPart, Style
from matterlint.rules.base import Fixable, Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM201", "trailing-whitespace", "A line ends with whitespace", Severity.WARNING, Fixable.ALWAYS
)

_TRAILING = re.compile(r"[ \t]+(?=\r\n|\r|\n|\Z)")
_MULTI_LINE = re.compile(r"[\r\n]")


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    block = doc.block
    if block is None:
        return
    # A delimiter's span ends where its line does; `\Z` matches there as the regex's end.
    end = block.closing.end if block.closing is not None else block.opening.end
    if not _has_trailing(doc.text[block.opening.start : end]):
        return
    protected: list[tuple[int, int]] | None = None
    parsed = doc.root is not None or not doc.problems
    keys: dict[int, tuple[PathPart, ...]] | None = None
    for match in _TRAILING.finditer(doc.text, block.opening.start, end):
        if protected is None:
            protected = _value_ranges(doc)
        inside = any(start <= match.start() < stop for start, stop in protected)
        safe = parsed and not inside
        fix = Fix(
            "Remove trailing whitespace",
            (Edit(match.start(), match.end(), ""),),
            Applicability.SAFE if safe else Applicability.UNSAFE,
        )
        span = doc.lines.span(match.start(), match.end())
        if keys is None:
            keys = doc.keys_by_line()
        line = span.line
        # Every such problem covers a space: its line's text tells them apart in baselines.
        subject = doc.text[doc.lines.line_start(line) : match.start()]
        if line in (block.opening.line, block.closing.line if block.closing else 0):
            subject += " (opening)" if line == block.opening.line else " (closing)"
        yield RULE.diagnostic(
            doc, span, "trailing whitespace", fix=fix, key_path=keys.get(line, ()), subject=subject
        )


def _has_trailing(text: str) -> bool:
    """Whether any line ends with whitespace: four substring searches are five times faster
    than the regex, and nearly every block has none."""
    return (
        " \n" in text
        or "\t\n" in text
        or " \r" in text
        or "\t\r" in text
        or text.endswith((" ", "\t"))
    )


def _value_ranges(doc: Document) -> list[tuple[int, int]]:
    """Offsets where trailing whitespace belongs to a value: multi-line scalars that are not
    plain (YAML folds plain scalars, dropping it; quoted and block scalars may keep it)."""
    if doc.root is None:
        return []
    text = doc.text
    return [
        (node.span.start, node.span.end)
        for _, node in doc.nodes
        if node.kind is NodeKind.SCALAR
        and node.style is not Style.PLAIN
        and _MULTI_LINE.search(text, node.span.start, node.span.end)
    ]
