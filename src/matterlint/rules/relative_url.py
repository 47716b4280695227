"""FM602 relative-url: an image or link field is not an absolute URL.

*What it checks*
A non-empty value under one of the URL keys (`[urls] keys`) without a scheme such as `https:`:
`/images/a.jpg`, `images/a.jpg`, `//cdn.example.com/a.jpg`, `www.example.com/a.jpg`.

*Why it matters*
Social cards (Open Graph, Twitter) and feeds need absolute URLs; a relative path resolves
against whatever page shows it. Sites that use root-relative paths on purpose turn this rule off
(`ignore = ["relative-url"]`).

*Example*
```
---
image: www.example.com/a.jpg
---
```
gives `post.md:2:8: FM602 `image` is not an absolute URL: `www.example.com/a.jpg``.

*Fix safety*
No fix: the site's base URL is not known.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Diagnostic, Severity, excerpt
from matterlint.nodes import format_path
from matterlint.rules._urls import url_values
from matterlint.rules.base import Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM602",
    "relative-url",
    "An image or link field is not an absolute URL",
    Severity.WARNING,
    supersedes=frozenset({"format"}),
    options="urls",
)

# A scheme with `//` (https://, ftp://) or one of the schemes that have none. A bare `name:`
# is not enough: `www.example.com:8080/a.jpg` and `c:/images/a.jpg` are not absolute URLs.
ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://|(?:data|mailto|tel|urn):", re.IGNORECASE)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    for path, node in url_values(doc, options):
        if not isinstance(node.value, str) or not node.value.strip():
            continue
        if ABSOLUTE.match(node.value.strip()):
            continue
        message = f"`{format_path(path)}` is not an absolute URL: `{excerpt(node.value)}`"
        yield RULE.diagnostic(doc, node.span, message, key_path=path)
