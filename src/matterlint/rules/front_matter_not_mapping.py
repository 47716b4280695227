"""FM013 front-matter-not-mapping: the front matter is a list or a single value.

*What it checks*
The block parses, but to a list or a scalar instead of a mapping of keys to values.

*Why it matters*
Every generator expects keys. python-frontmatter silently drops such data, and Jekyll fails. A
common cause is a Markdown horizontal rule (`---`) at the top of a file, with prose and another
rule below it: the prose is then read as front matter.

*Example*
```
---
- title: Hello
---
```
gives `post.md:2:1: FM013 the front matter is a list, not a mapping of keys to values`.

*Fix safety*
No fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Diagnostic, Severity
from matterlint.nodes import NodeKind
from matterlint.rules.base import Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM013", "front-matter-not-mapping", "The front matter is not a mapping", Severity.ERROR
)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    root = doc.root
    if root is None or root.kind is NodeKind.MAPPING:
        return
    if root.kind is NodeKind.SCALAR and root.value is None:
        return  # an empty block: empty-front-matter says so
    if root.kind is NodeKind.SEQUENCE:
        yield RULE.diagnostic(
            doc, root.span, "the front matter is a list, not a mapping of keys to values"
        )
        return
    message = "the front matter is a single value, not a mapping of keys to values"
    hint = None
    if isinstance(root.value, str) and " " in root.value:
        hint = "If the first `---` is a Markdown horizontal rule, the file has no front matter"
    yield RULE.diagnostic(doc, root.span, message, suggestion=hint)
