"""FM015 syntax-error: the front matter is not valid YAML, TOML or JSON.

*What it checks*
The block could not be parsed. The position is where the parser gave up, which is often just
after the real mistake.

*Why it matters*
The generator fails the build, or (python-frontmatter, some themes) silently drops all the
metadata of the post.

*Example*
```
---
title: Update: the new release
---
```
gives `post.md:2:14: FM015 YAML: mapping values are not allowed here (a value containing ': ' must be quoted)`.

*Fix safety*
No fix: a syntax error has many possible repairs.
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

RULE = Rule("FM015", "syntax-error", "The front matter does not parse", Severity.ERROR)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    for problem in doc.problems:
        if problem.kind is ProblemKind.SYNTAX:
            yield RULE.diagnostic(doc, problem.span, problem.message)
