"""FM501 duplicate-list-item: a list holds the same value twice.

*What it checks*
Repeated scalar items in any list, in flow style (`[latest, latest]`) or block style (`- a`
lines). Values are compared as data: `1` and `"1"` differ, `a` and `'a'` do not.

*Why it matters*
A repeated category or tag makes the post appear twice on a taxonomy page, counts it twice, or
(Hugo) builds the same page twice. About one post in eight of the seed's site has
`categories: [latest, latest]`.

*Example*
```
---
categories: [latest, latest]
---
```
gives `post.md:2:22: FM501 `latest` is repeated in `categories` (first at 2:14)`.

*Fix safety*
Safe: the repeated item is removed with its separator; the first one, the list's style, its
comments and its indentation are kept (a comment after a removed block item stays on its
line). When a comment sits between the items of a flow list, the fix is not offered, so that
no comment is lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, excerpt
from matterlint.nodes import JSONScalar, Node, NodeKind, Style, format_path
from matterlint.rules.base import Fixable, Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM501",
    "duplicate-list-item",
    "A list holds the same value twice",
    Severity.ERROR,
    Fixable.SOMETIMES,
    supersedes=frozenset({"uniqueItems"}),
)

_BLOCK_ITEM = re.compile(r"[ \t]*-[ \t]*")


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    if doc.root is None:
        return
    for path, node in doc.index.sequences:
        if node.alias:
            continue
        first: dict[tuple[type, JSONScalar], Node] = {}
        for position, item in enumerate(node.children):
            if item.kind is not NodeKind.SCALAR:
                continue
            earlier = first.setdefault(_identity(item.value), item)
            if earlier is item:
                continue
            name = f"`{format_path(path)}`" if path else "the front matter"
            where = f"{earlier.span.line}:{earlier.span.column}"
            written = excerpt(doc.text[item.span.start : item.span.end])
            message = f"`{written}` is repeated in {name} (first at {where})"
            edit = _removal(doc, node, position)
            fix = (
                Fix("Remove the repeated item", (edit,), Applicability.SAFE)
                if edit is not None
                else None
            )
            yield RULE.diagnostic(
                doc,
                item.span,
                message,
                fix=fix,
                key_path=(*path, position),
                related=(earlier.span,),
            )


def _identity(value: JSONScalar) -> tuple[type, JSONScalar]:
    """Data equality as JSON Schema's ``uniqueItems`` sees it: ``1 == 1.0``, ``True != 1``."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return (type(value), value)
    return (float, float(value))


def _removal(doc: Document, sequence: Node, position: int) -> Edit | None:
    item = sequence.children[position]
    if sequence.style is Style.FLOW:
        previous = sequence.children[position - 1]
        if "#" in doc.text[previous.span.end : item.span.start]:
            return None
        return Edit(previous.span.end, item.span.end, "")
    line_start = doc.lines.line_start(item.span.line)
    dash = _BLOCK_ITEM.match(doc.text, line_start)
    if dash is None or dash.end() != item.span.start:
        return None  # a compact item (`- - a`) or an item not alone on its line
    rest_end = doc.lines.line_end(item.span.end_line)
    rest = doc.text[item.span.end : rest_end]
    if rest.strip(" \t"):  # a comment follows: keep it on its own line, at the item's indent
        indent = len(dash.group()) - len(dash.group().lstrip(" \t"))
        comment = item.span.end + len(rest) - len(rest.lstrip(" \t"))
        return Edit(line_start + indent, comment, "")
    next_line = item.span.end_line + 1
    end = doc.lines.line_start(next_line) if next_line <= doc.lines.line_count else rest_end
    return Edit(line_start, end, "")
