"""FM604 url-whitespace: an image or link field contains whitespace.

*What it checks*
A value under one of the URL keys (`[urls] keys`) with spaces or tabs inside it or around it.
(Trailing spaces after an unquoted value are not part of it: trailing-whitespace reports them.)

*Why it matters*
A URL cannot contain a space: browsers and feed readers cut it there or fail to load it, and a
leading or trailing space in a quoted value breaks equality checks and caches.

*Example*
```
---
image: "https://example.com/my photo.jpg"
---
```
gives `post.md:2:8: FM604 `image` contains whitespace: `https://example.com/my photo.jpg``.

*Fix safety*
Unsafe: whitespace around the URL is removed and whitespace inside is percent-encoded (a space
becomes `%20`, a tab `%09`, a non-breaking space `%C2%A0`), which is the same address only if
the server's file name really holds that character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import quote

from matterlint.diagnostics import Applicability, Diagnostic, Fix, Severity, excerpt
from matterlint.nodes import format_path
from matterlint.rules import _edits
from matterlint.rules._urls import url_values
from matterlint.rules.base import Fixable, Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM604",
    "url-whitespace",
    "An image or link field contains whitespace",
    Severity.ERROR,
    Fixable.SOMETIMES,
    options="urls",
)

_WHITESPACE = re.compile(r"\s")


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    for path, node in url_values(doc, options):
        value = node.value
        if not isinstance(value, str) or not value.strip() or not _WHITESPACE.search(value):
            continue
        cleaned = _WHITESPACE.sub(lambda m: quote(m.group()), value.strip())
        edit = _edits.rewrite_scalar(doc, node, cleaned)
        fix = Fix(f"Write `{cleaned}`", (edit,), Applicability.UNSAFE) if edit is not None else None
        message = f"`{format_path(path)}` contains whitespace: `{excerpt(value)}`"
        yield RULE.diagnostic(doc, node.span, message, fix=fix, key_path=path)
