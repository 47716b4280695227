"""FM001 unreadable-file: the file could not be read.

*What it checks*
A path given or found could not be read: it does not exist, permission is denied, it is a
directory or a broken symbolic link, or reading failed.

*Why it matters*
A post the linter cannot read is a post nobody checked. Reporting it, instead of stopping with a
traceback, keeps the other files linted and the problem visible.

*Example*
```
$ matterlint check posts/missing.md
posts/missing.md:1:1: FM001 cannot read the file: no such file
```

*Fix safety*
No fix: the file system must be repaired by hand.
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

RULE = Rule("FM001", "unreadable-file", "The file could not be read", Severity.ERROR)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    for problem in doc.problems:
        if problem.kind is ProblemKind.UNREADABLE:
            yield RULE.diagnostic(doc, problem.span, problem.message)
