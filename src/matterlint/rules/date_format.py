"""FM402 date-format: a date is written in a dialect the site does not accept.

*What it checks*
The values of the configured date keys that are valid dates but not written in one of the
accepted dialects (`[dates] accept`; by default `iso-date`, `iso-datetime` and
`space-datetime`). The suggestion is the same moment in the canonical dialect
(`[dates] canonical`, by default `iso-datetime`).

Dialects: `iso-date` (`2020-10-01`), `iso-datetime` (`2020-10-01T14:38:05`, optionally with
fractions and `Z` or `+02:00`), `space-datetime` (`2020-10-01 14:38:05`, optionally with
`+0200` or `+02:00`), `jigsaw` (`2020-10-01-14-38-05`). Unpadded fields (`2019-09-05 9:00:00`)
and short offsets (`-4`) belong to no dialect.

*Why it matters*
Generators guess: Jigsaw's `2020-10-01-14-38-05` is text to YAML and ISO tools, an unpadded hour
sorts wrongly as text, a short offset is read differently by Ruby and Go. One spelling per site
makes dates sort, compare and render the same everywhere.

*Example*
```
---
date: 2020-10-01-14-38-05
---
```
gives `post.md:2:7: FM402 date `2020-10-01-14-38-05` is not in an accepted format (iso-date, iso-datetime, space-datetime)` with help `Write it as `2020-10-01T14:38:05``.

*Fix safety*
Safe: the fix writes the same moment (same day, time, fraction and offset) in the canonical
dialect, keeping the value's quoting.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint import dates
from matterlint.diagnostics import Applicability, Diagnostic, Fix, Severity
from matterlint.nodes import NodeKind
from matterlint.rules import _edits
from matterlint.rules.base import Fixable, Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM402",
    "date-format",
    "A date is not in an accepted dialect",
    Severity.WARNING,
    Fixable.SOMETIMES,
    supersedes=frozenset({"format", "pattern"}),
    options="dates",
)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    if doc.root is None or doc.root.kind is not NodeKind.MAPPING:
        return
    accept = options.dates.accept
    for node in doc.root.children:
        if node.key is None or not options.dates.is_date_key(node.key):
            continue
        if node.kind is not NodeKind.SCALAR or not isinstance(node.value, str):
            continue
        try:
            moment = dates.parse(node.value)
        except dates.DateError:
            continue
        if dates.dialect_of(node.value) in accept:
            continue
        canonical = moment.render(options.dates.canonical)
        message = f"date `{node.value}` is not in an accepted format ({', '.join(accept)})"
        key_path = (node.key,)
        edit = _edits.rewrite_scalar(doc, node, canonical)
        if canonical == node.value or edit is None:
            hint = None if canonical == node.value else f"Write it as `{canonical}`"
            yield RULE.diagnostic(doc, node.span, message, suggestion=hint, key_path=key_path)
            continue
        fix = Fix(f"Write it as `{canonical}`", (edit,), Applicability.SAFE)
        yield RULE.diagnostic(doc, node.span, message, fix=fix, key_path=key_path)
