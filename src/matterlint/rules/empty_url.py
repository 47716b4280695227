"""FM601 empty-url: an image or link field is empty.

*What it checks*
A value under one of the URL keys (`[urls] keys`: `image`, `cover`, `thumbnail`, ... at any
depth) that is empty: `image:` (null) or `image: ""`.

*Why it matters*
Themes render `<img src="">` (a request for the page itself) or social cards without a picture;
a null value also fails a schema's `type: string` with a confusing message.

*Example*
```
---
image:
---
```
gives `post.md:2:1: FM601 `image` is empty`.

*Fix safety*
No fix: remove the key or give it a URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Diagnostic, Severity
from matterlint.nodes import format_path
from matterlint.rules._urls import url_values, value_span
from matterlint.rules.base import Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM601",
    "empty-url",
    "An image or link field is empty",
    Severity.ERROR,
    supersedes=frozenset({"type", "minLength", "format"}),
    options="urls",
)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    for path, node in url_values(doc, options):
        if node.value is None or (isinstance(node.value, str) and not node.value.strip()):
            message = f"`{format_path(path)}` is empty"
            yield RULE.diagnostic(doc, value_span(node), message, key_path=path)
