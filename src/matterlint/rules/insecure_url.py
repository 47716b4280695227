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

# A schema `pattern` that the value fails only for its scheme (`^https://`) is this rule's
# defect: the schema translator files such a failure under this name instead of `pattern`, so
# the problem is reported once, by this rule, with its fix and the more severe severity.
SCHEME_ONLY_PATTERN = "pattern (scheme only)"

RULE = Rule(
    "FM603",
    "insecure-url",
    "An image or link field uses http:",
    Severity.WARNING,
    Fixable.SOMETIMES,
    supersedes=frozenset({SCHEME_ONLY_PATTERN}),
    options="urls",
)


def secure(value: str) -> str | None:
    """The value with `https://` for its `http://` (leading spaces kept); ``None`` if it has
    no `http://`."""
    at = len(value) - len(value.lstrip())
    if not value[at:].lower().startswith("http://"):
        return None
    return value[:at] + "https://" + value[at + len("http://") :]


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    for path, node in url_values(doc, options):
        value = node.value
        if not isinstance(value, str):
            continue
        fixed = secure(value)
        if fixed is None:
            continue
        edit = _edits.rewrite_scalar(doc, node, fixed)
        fix = Fix("Use https:", (edit,), Applicability.UNSAFE) if edit is not None else None
        message = f"`{format_path(path)}` uses http: `{excerpt(value)}`"
        yield RULE.diagnostic(doc, node.span, message, fix=fix, key_path=path)
