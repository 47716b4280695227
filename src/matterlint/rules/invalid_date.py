"""FM401 invalid-date: a date field holds no readable date, or a day that does not exist.

*What it checks*
The values of the configured date keys (`[dates] keys`, top level, any case): `2020-02-30`,
`2020-13-01`, `next tuesday`, trailing text such as `2023-01-29 18:30:22 2023 -0800`, or a list
or number where a date belongs.

*Why it matters*
Generators fail the build or, worse, fall back to the file's modification time, so the post moves
in the archive. PyYAML crashes outright on an unquoted `2020-02-30` (a bare `ValueError`).

*Example*
```
---
date: 2020-02-30
---
```
gives `post.md:2:7: FM401 `date` is not a valid date: `2020-02-30` (day is out of range for month)`.

*Fix safety*
No fix: the intended date cannot be known.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint import dates
from matterlint.diagnostics import Diagnostic, Severity, excerpt
from matterlint.nodes import NodeKind
from matterlint.rules.base import Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM401",
    "invalid-date",
    "A date field holds no valid date",
    Severity.ERROR,
    supersedes=frozenset({"format", "pattern"}),
    options="dates",
)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    if doc.root is None or doc.root.kind is not NodeKind.MAPPING:
        return
    for node in doc.root.children:
        if node.key is None or not options.dates.is_date_key(node.key):
            continue
        path = (node.key,)
        if node.kind is not NodeKind.SCALAR:
            kind = "a list" if node.kind is NodeKind.SEQUENCE else "a mapping"
            message = f"`{node.key}` should be a date, not {kind}"
            yield RULE.diagnostic(doc, node.span, message, key_path=path)
            continue
        if node.value is None:
            continue
        written = doc.text[node.span.start : node.span.end]
        if not isinstance(node.value, str):
            message = f"`{node.key}` should be a date, not `{excerpt(written)}`"
            yield RULE.diagnostic(doc, node.span, message, key_path=path)
            continue
        try:
            dates.parse(node.value)
        except dates.DateError as error:
            message = f"`{node.key}` is not a valid date: `{excerpt(node.value)}` ({error})"
            yield RULE.diagnostic(doc, node.span, message, key_path=path)
