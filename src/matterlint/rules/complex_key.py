"""FM103 complex-key: a key is a list or a mapping.

*What it checks*
A YAML key written as a list or a mapping (`? [a, b]` or `{a: 1}: x`).

*Why it matters*
JSON, TOML and every generator's data model need text keys. PyYAML raises "found unhashable
key" on such input. matterlint skips the entry and reports it.

*Example*
```
---
? [a, b]
: value
---
```
gives `post.md:2:3: FM103 a key must be a plain value, not a list or mapping`.

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

RULE = Rule("FM103", "complex-key", "A key is a list or a mapping", Severity.ERROR)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    for problem in doc.problems:
        if problem.kind is ProblemKind.COMPLEX_KEY:
            yield RULE.diagnostic(doc, problem.span, problem.message)
