"""FM014 blank-lines-before-front-matter: blank lines come before the opening delimiter.

*What it checks*
The file starts with one or more blank lines, then a front-matter block.

*Why it matters*
Jekyll only sees front matter on the very first line: with a blank line above `---`, the post is
copied unrendered and the block shows up as text on the page. Hugo is more lenient, so the
mistake survives until the site changes generator.

*Example*
```

---
title: Hello
---
```
gives `post.md:1:1: FM014 1 blank line before the front matter`.

*Fix safety*
Safe: the blank lines are removed; nothing else changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from matterlint.rules.base import Fixable, Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM014",
    "blank-lines-before-front-matter",
    "Blank lines come before the front matter",
    Severity.ERROR,
    Fixable.ALWAYS,
)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    block = doc.block
    if block is None or block.leading is None:
        return
    count = block.opening.line - 1
    noun = "blank line" if count == 1 else "blank lines"
    fix = Fix(
        f"Remove the {noun} above the opening delimiter",
        (Edit(block.leading.start, block.leading.end, ""),),
        Applicability.SAFE,
    )
    yield RULE.diagnostic(doc, block.leading, f"{count} {noun} before the front matter", fix=fix)
