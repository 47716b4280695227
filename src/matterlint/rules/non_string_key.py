"""FM102 non-string-key: YAML reads a key as a boolean, number, date or null.

*What it checks*
A key such as `on`, `yes`, `no`, `1.5`, `2019-06-01` or `null`, which YAML 1.1 loaders read as
something other than text.

*Why it matters*
PyYAML turns `on:` into the boolean `True`: python-frontmatter then fails with "keywords must be
strings", jsonschema's `patternProperties` raises a `TypeError`, and a generator in another
language may spell the key differently (`true`). matterlint validates the key as written.

*Example*
```
---
on: 2020-10-01
---
```
gives `post.md:2:1: FM102 key `on` is read as a boolean by YAML 1.1 loaders`.

*Fix safety*
Unsafe: quoting the key (`"on":`) keeps its text but changes the data a YAML 1.1 loader sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from matterlint.nodes import ScalarType
from matterlint.rules import _edits
from matterlint.rules.base import Fixable, Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM102",
    "non-string-key",
    "YAML reads a key as something other than text",
    Severity.WARNING,
    Fixable.ALWAYS,
)

_NAMES = {
    ScalarType.BOOLEAN: "a boolean",
    ScalarType.INTEGER: "an integer",
    ScalarType.FLOAT: "a number",
    ScalarType.DATE: "a date",
    ScalarType.NULL: "null",
}


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    if doc.root is None:
        return
    for path, node in doc.index.odd_keys:
        if node.key is None or node.key_span is None or node.key_type is None:
            continue
        written = doc.text[node.key_span.start : node.key_span.end]
        fix = Fix(
            f"Quote the key: `{_edits.quote(node.key)}`",
            (Edit(node.key_span.start, node.key_span.end, _edits.quote(node.key)),),
            Applicability.UNSAFE,
        )
        message = f"key `{written}` is read as {_NAMES[node.key_type]} by YAML 1.1 loaders"
        yield RULE.diagnostic(doc, node.key_span, message, fix=fix, key_path=path)
