"""FM010 missing-front-matter: the file has no front-matter block.

*What it checks*
The first line of the file (after blank lines) is not a front-matter delimiter: `---` (YAML),
`+++` (TOML) or a `{` starting a JSON object.

*Why it matters*
Jekyll copies a file without front matter as is instead of rendering it as a post; Hugo and
Eleventy give it no title, date or layout. In a folder of posts, that is almost always a mistake.

*Example*
```
# Release notes

Text of the post.
```
gives `post.md:1:1: FM010 no front matter: the file does not start with `---`, `+++` or `{``.

*Fix safety*
No fix: only the author knows what the front matter should hold.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Diagnostic, Severity
from matterlint.rules.base import Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule("FM010", "missing-front-matter", "The file has no front matter", Severity.WARNING)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    if doc.block is None and doc.readable:
        message = "no front matter: the file does not start with `---`, `+++` or `{`"
        yield RULE.diagnostic(doc, doc.lines.span(0, 0), message)
