"""FM003 file-too-large: the file is larger than `max-file-size` and was not linted.

*What it checks*
A file over the configured size limit (`max-file-size`, 10 MiB by default). It is skipped
without being read, and this diagnostic says so.

*Why it matters*
No post is that large: it is a video, an archive or a generated dump with a `.md` name, and
reading it would cost memory and time for nothing. The report still shows that it was not
checked, so the skip is never silent.

*Example*
```
media/video.md:1:1: FM003 file not linted: 52,428,800 bytes, over the 10,485,760-byte limit (`max-file-size`)
```

*Fix safety*
No fix. Rename the file, exclude it, or raise `max-file-size`.
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

RULE = Rule("FM003", "file-too-large", "The file is too large to lint", Severity.WARNING)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    for problem in doc.problems:
        if problem.kind is ProblemKind.TOO_LARGE:
            yield RULE.diagnostic(doc, problem.span, problem.message)
