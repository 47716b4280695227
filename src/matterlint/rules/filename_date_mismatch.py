"""FM802 filename-date-mismatch: a post's file name and its `date` name different days.

*What it checks*
Files whose name starts with a date (`2018-03-14-title.md`, or `2018-03-14_title.md` as Zola
also reads) and whose top-level `date` (any case) is a date of another day. The day is compared
as written, before any time zone is applied. Off by default: select it
(`extend-select = ["FM802"]`, or `FM8` for every check across posts).

*Why it matters*
Jekyll requires the date in a `_posts` file name, and Jekyll, Hugo (`:filename`), Eleventy and
Zola read a post's date from its file name, but each lets `date:` win. The two disagreeing means
the archive, the feed and often the URL (`/:year/:month/:day/`) show one day while the file list
shows another: usually a post was renamed or rescheduled halfway.

*Example*
In `_posts/2018-03-14-development-update.md`:
```
---
date: 2018-04-19 16:07:00 +0100
---
```
gives `_posts/2018-03-14-development-update.md:2:7: FM802 `date` is 2018-04-19 but the file
name says 2018-03-14`, with help ``Set `date` to 2018-03-14, or rename the file to
`2018-04-19-development-update.md```.

*Fix safety*
No fix: either the file name or the date may be the wrong one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint import dates
from matterlint.diagnostics import Diagnostic, Severity
from matterlint.nodes import NodeKind
from matterlint.rules.base import Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM802",
    "filename-date-mismatch",
    "A post's file name and its date name different days",
    Severity.WARNING,
    opt_in=True,
)

_DATED_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})[-_][^/]+")


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    if doc.root is None or doc.root.kind is not NodeKind.MAPPING:
        return
    name = os.path.basename(doc.path)
    named = _DATED_NAME.fullmatch(name)
    if named is None:
        return
    node = next(
        (n for n in reversed(doc.root.children) if n.key is not None and n.key.lower() == "date"),
        None,
    )
    if node is None or node.kind is not NodeKind.SCALAR or not isinstance(node.value, str):
        return
    try:
        day = dates.parse(node.value).day.isoformat()
    except dates.DateError:
        return  # invalid-date says what is wrong with it
    if day == named.group(1):
        return
    key = node.key or "date"
    message = f"`{key}` is {day} but the file name says {named.group(1)}"
    hint = f"Set `{key}` to {named.group(1)}, or rename the file to `{day}{name[10:]}`"
    yield RULE.diagnostic(doc, node.span, message, suggestion=hint, key_path=(key,))
