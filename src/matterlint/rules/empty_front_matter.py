"""FM012 empty-front-matter: the front-matter block holds nothing.

*What it checks*
A block whose content is empty, blank or only comments.

*Why it matters*
An empty block makes a file a page for Jekyll but gives it no title, date or layout; it is
usually a template left unfilled. A schema with required keys reports those too.

*Example*
```
---
# TODO
---
```
gives `post.md:3:1: FM012 the front matter is empty`.

*Fix safety*
No fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Diagnostic, Severity
from matterlint.rules.base import Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule("FM012", "empty-front-matter", "The front matter is empty", Severity.WARNING)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    block = doc.block
    if block is None or block.closing is None or doc.problems:
        return
    if doc.data is None or doc.data == {}:
        yield RULE.diagnostic(doc, doc.block_end_span(), "the front matter is empty")
