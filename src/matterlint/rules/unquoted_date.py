"""FM304 unquoted-date: a value that is not a date field is read as a date.

*What it checks*
An unquoted value such as `2020-10-01` under a key that is not one of the configured date keys
(`[dates] keys`), for example `slug: 2020-10-01` or `version: 2021-01-01`.

*Why it matters*
YAML 1.1 loaders turn it into a date object, not text: python-frontmatter and Jekyll hand the
template a date, JSON export fails, and a schema saying `type: string` rejects it in other tools.
(matterlint itself always validates the text as written.)

*Example*
```
---
slug: 2020-10-01
---
```
gives `post.md:2:7: FM304 `2020-10-01` is read as a date by YAML 1.1 loaders, not as text`.

*Fix safety*
Unsafe: quoting keeps the text but changes the type other tools see.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint import dates
from matterlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from matterlint.document import Format
from matterlint.nodes import ScalarType, Style
from matterlint.rules import _edits
from matterlint.rules.base import Fixable, Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM304",
    "unquoted-date",
    "A value that is not a date field is read as a date",
    Severity.WARNING,
    Fixable.ALWAYS,
    options="dates",
)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    if doc.root is None or doc.block is None or doc.block.format is not Format.YAML:
        return
    for path, node in doc.index.by_type.get(ScalarType.DATE, ()):
        if node.style is not Style.PLAIN:
            continue
        if path and isinstance(path[0], str) and options.dates.is_date_key(path[0]):
            continue  # a date field: the date rules check it
        written = doc.text[node.span.start : node.span.end]
        fix = Fix(
            f"Quote it: `{_edits.quote(written)}`",
            (Edit(node.span.start, node.span.end, _edits.quote(written)),),
            Applicability.UNSAFE,
        )
        try:
            dates.parse(written)
        except dates.DateError:
            message = f"`{written}` looks like a date to YAML 1.1 loaders, which fail on it (no such date)"
        else:
            message = f"`{written}` is read as a date by YAML 1.1 loaders, not as text"
        yield RULE.diagnostic(doc, node.span, message, fix=fix, key_path=path)
