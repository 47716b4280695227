"""FM011 unclosed-front-matter: the front-matter block never ends.

*What it checks*
The file opens a block with `---` (or `+++`, or `{`) but no closing delimiter follows.

*Why it matters*
Generators then read the whole post as front matter (and fail) or none of it: python-frontmatter
silently returns no metadata and keeps the `---` in the body. A first line `---` can also be a
Markdown horizontal rule, in which case the file has no front matter at all.

*Example*
```
---
title: Hello
date: 2020-10-01

Text of the post.
```
gives `post.md:1:1: FM011 front matter opened by `---` is never closed`.

*Fix safety*
No fix: where the block should end is a guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Diagnostic, Severity
from matterlint.rules.base import Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM011", "unclosed-front-matter", "The front-matter block is never closed", Severity.ERROR
)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    block = doc.block
    if block is None or block.closing is not None:
        return
    opener = doc.text[block.opening.start : block.opening.end].strip()
    message = f"front matter opened by `{opener}` is never closed"
    if opener == "---":
        hint = (
            "Close the block with a `---` line, or, if the first line is a Markdown horizontal "
            "rule, add front matter above it"
        )
    else:
        hint = f"Close the block with a `{'}' if opener.startswith('{') else opener}` line"
    yield RULE.diagnostic(doc, block.opening, message, suggestion=hint)
