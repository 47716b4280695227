"""FM002 not-text: the file is not UTF-8 text.

*What it checks*
The bytes of the file are not valid UTF-8, or the file is binary (it holds NUL bytes). The
position is the first byte that is not text.

*Why it matters*
Static site generators read posts as UTF-8. Invalid bytes show up as replacement characters on
the site or stop the build; a binary file named `.md` is usually a mistake of a script.

*Example*
```
post.md:3:12: FM002 not valid UTF-8 (byte 0xe9)
```
(a Latin-1 `é` in a UTF-8 file)

*Fix safety*
No fix: which encoding was meant cannot be known. Re-save the file as UTF-8.
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

RULE = Rule("FM002", "not-text", "The file is not UTF-8 text", Severity.ERROR)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    for problem in doc.problems:
        if problem.kind is ProblemKind.NOT_TEXT:
            yield RULE.diagnostic(doc, problem.span, problem.message)
