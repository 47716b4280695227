"""FM101 duplicate-key: a key appears twice in the same mapping.

*What it checks*
Two entries of one mapping (block or flow style, at any depth) have the same key.

*Why it matters*
YAML loaders keep the last value and say nothing (PyYAML, python-frontmatter, Jekyll), so the
first value is silently lost. Real cases: a translated `title:` added under the original, and an
`expirydate:` given twice with different types.

*Example*
```
---
title: Hello
title: Bonjour
---
```
gives `post.md:3:1: FM101 key `title` is repeated (first at 2:1); the last value is used`.

*Fix safety*
No fix: which of the values is right is for the author to decide.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Diagnostic, Severity
from matterlint.nodes import Node
from matterlint.rules.base import Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule("FM101", "duplicate-key", "A key appears twice in one mapping", Severity.ERROR)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    if doc.root is None:
        return
    for path, node in doc.index.mappings:
        first: dict[str, Node] = {}
        for child in node.children:
            if child.key is None or child.key_span is None:
                continue
            earlier = first.setdefault(child.key, child)
            if earlier is child or earlier.key_span is None:
                continue
            where = f"{earlier.key_span.line}:{earlier.key_span.column}"
            message = f"key `{child.key}` is repeated (first at {where}); the last value is used"
            yield RULE.diagnostic(
                doc,
                child.key_span,
                message,
                key_path=(*path, child.key),
                related=(earlier.key_span,),
            )
