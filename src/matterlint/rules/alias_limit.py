"""FM306 alias-limit: YAML aliases expand to too many values, or refer to themselves.

*What it checks*
Aliases (`*name`) that repeat more than 10,000 values in all, the "billion laughs" pattern, or an
anchor that contains an alias to itself.

*Why it matters*
Loading such a file is cheap, but anything that walks the data (jsonschema, `json.dumps`, a
template) expands it: nine levels of nine aliases is a billion values and gigabytes of memory.
matterlint stops at the limit and lints nothing else in that block.

*Example*
```
---
a0: &a0 [x, x, x, x, x, x, x, x, x]
a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
a4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
---
```
gives `post.md:6:5: FM306 aliases expand to more than 10,000 values`, at the value whose
aliases cross the limit (PyYAML keeps no position for an alias itself).

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

RULE = Rule("FM306", "alias-limit", "YAML aliases expand too far", Severity.ERROR)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    for problem in doc.problems:
        if problem.kind is ProblemKind.ALIAS_LIMIT:
            yield RULE.diagnostic(doc, problem.span, problem.message)
