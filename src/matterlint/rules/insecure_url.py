"""FM603 insecure-url: an image or link field uses `http:`.

*What it checks*
A value under one of the URL keys (`[urls] keys`) that starts with `http://`.

*Why it matters*
Browsers block or flag mixed content on an HTTPS site, so the image does not show; most hosts
serve the same file over HTTPS.

*Example*
```
---
image: http://example.com/a.jpg
---
```
gives `post.md:2:8: FM603 `image` uses http: `http://example.com/a.jpg``.

*Fix safety*
Unsafe: `https://` is written instead, which only works if the host serves HTTPS.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Applicability, Diagnostic, Fix, Severity, excerpt
from matterlint.nodes import format_path
from matterlint.rules import _edits
from matterlint.rules._urls import url_values
from matterlint.rules.base import Fixable, Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM603",
    "insecure-url",
    "An image or link field uses http:",
    Severity.WARNING,
    Fixable.SOMETIMES,
    options="urls",
)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    for path, node in url_values(doc, options):
        value = node.value
        if not isinstance(value, str) or not value.lstrip().lower().startswith("http://"):
            continue
        at = len(value) - len(value.lstrip())
        secure = value[:at] + "https://" + value[at + len("http://") :]
        edit = _edits.rewrite_scalar(doc, node, secure)
        fix = Fix("Use https:", (edit,), Applicability.UNSAFE) if edit is not None else None
        message = f"`{format_path(path)}` uses http: `{excerpt(value)}`"
        yield RULE.diagnostic(doc, node.span, message, fix=fix, key_path=path)
