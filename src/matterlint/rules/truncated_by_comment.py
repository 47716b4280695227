"""FM301 truncated-by-comment: a `#` in an unquoted value starts a comment and cuts it short.

*What it checks*
An unquoted YAML value followed on the same line by a space and a `#` glued to a word, such as a
hashtag: `title: Is #MeToo worth it`.

*Why it matters*
YAML reads ` #` as the start of a comment, so the title becomes `Is` and the rest silently
disappears from the page. Comments written as `# note` (with a space) are left alone.

*Example*
```
---
title: Is #MeToo worth it
---
```
gives `post.md:2:11: FM301 `#MeToo worth it` starts a comment, so `title` is read as `Is``.

*Fix safety*
Unsafe: quoting the whole line's text restores the value the author meant, but changes the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, excerpt
from matterlint.document import Format
from matterlint.nodes import NodeKind, Style, format_path
from matterlint.rules import _edits
from matterlint.rules.base import Fixable, Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM301",
    "truncated-by-comment",
    "A `#` cuts an unquoted value short",
    Severity.ERROR,
    Fixable.ALWAYS,
)

_HASHTAG_COMMENT = re.compile(r"[ \t]+(#[^\s#][^\r\n]*)")
_HASHTAG = re.compile(r"[ \t]#[^\s#]")


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    if doc.root is None or doc.block is None or doc.block.format is not Format.YAML:
        return
    if not _HASHTAG.search(doc.text, doc.block.content.start, doc.block.content.end):
        return  # most posts: no `#` glued to a word after a space
    for path, node in doc.nodes:
        if node.kind is not NodeKind.SCALAR or node.style is not Style.PLAIN or not path:
            continue
        line_end = doc.lines.line_end(node.span.end_line)
        match = _HASHTAG_COMMENT.match(doc.text, node.span.end, line_end)
        if match is None:
            continue
        comment = match.group(1).rstrip(" \t")
        written = doc.text[node.span.start : node.span.end]
        name = format_path(path)
        read = f"`{excerpt(written)}`" if written else "empty"
        message = f"`{excerpt(comment)}` starts a comment, so `{name}` is read as {read}"
        separator = doc.text[node.span.end : match.start(1)]
        # An empty value's span is where it would start, right after the colon: the quoted
        # comment replaces the comment alone, keeping the space that makes this a mapping.
        meant = f"{written}{separator}{comment}" if written else comment
        start = node.span.start if written else match.start(1)
        fix = Fix(
            f"Quote the value: `{excerpt(_edits.quote(meant))}`",
            (Edit(start, match.start(1) + len(comment), _edits.quote(meant)),),
            Applicability.UNSAFE,
        )
        yield RULE.diagnostic(
            doc,
            doc.lines.span(match.start(1), match.start(1) + len(comment)),
            message,
            fix=fix,
            key_path=path,
        )
