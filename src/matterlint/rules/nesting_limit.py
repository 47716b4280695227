"""FM307 nesting-limit: the front matter nests deeper than 64 levels.

*What it checks*
Lists and mappings nested more than 64 levels deep, in YAML, TOML or JSON.

*Why it matters*
No real post needs it, and deep data crashes tools that recurse: PyYAML's pure loader at about
1,000 levels, and `json.dumps`, `repr` and jsonschema after loading. matterlint stops at the
limit and lints nothing else in that block.

*Example*
```
---
a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
---
```
(64 brackets) gives `post.md:2:68: FM307 YAML nesting deeper than 64 levels`.

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

RULE = Rule("FM307", "nesting-limit", "The front matter nests too deeply", Severity.ERROR)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    for problem in doc.problems:
        if problem.kind is ProblemKind.NESTING_LIMIT:
            yield RULE.diagnostic(doc, problem.span, problem.message)
