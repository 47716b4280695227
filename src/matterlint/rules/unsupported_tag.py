"""FM305 unsupported-tag: a YAML tag asks for something other than plain data.

*What it checks*
Explicit tags other than the standard scalar, list and mapping ones: `!!python/object/apply`,
`!!binary`, `!!set`, `!!omap`, or a local tag such as `!include`.

*Why it matters*
`!!python/object/apply:os.system` runs a command under an unsafe loader (CVE-2017-18342). Other
tags build values JSON and generators cannot hold, or mean something only one tool knows.
matterlint never runs a tag: it reads the value as plain data and reports the tag.

*Example*
```
---
title: !!python/object/apply:os.system ["rm -rf ~"]
---
```
gives `post.md:2:8: FM305 tag `!!python/object/apply:os.system` is not supported`.

*Fix safety*
No fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Diagnostic, Severity
from matterlint.loaders import ProblemKind
from matterlint.rules.base import Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule("FM305", "unsupported-tag", "A YAML tag asks for more than plain data", Severity.ERROR)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    for problem in doc.problems:
        if problem.kind is ProblemKind.UNSUPPORTED_TAG:
            yield RULE.diagnostic(doc, problem.span, problem.message)
