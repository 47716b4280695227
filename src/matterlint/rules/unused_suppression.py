"""FM903 unused-suppression: a `# matterlint: ignore[...]` comment hides nothing.

*What it checks*
A suppression comment (`# matterlint: ignore[RULES]` at the end of a line, or
`# matterlint: ignore-file[RULES]` on a line of its own) naming a rule that reports nothing on
its line, key or file, or naming no rule at all (`ignore[FM999]`). Rules that are not enabled
for the file are not reported: whether they would fire is not known.

*Why it matters*
Suppressions outlive the problem they were written for; then they hide the next real problem
on that line. Reporting them keeps them honest, as Ruff's unused-noqa does.

*Example*
```
---
title: Hello  # matterlint: ignore[trailing-whitespace]
---
```
gives `post.md:2:15: FM903 unused suppression: trailing-whitespace (FM201) hides nothing here`.

*Fix safety*
Safe: the unused rule is removed from the comment, or the whole comment when nothing is left.
"""

from __future__ import annotations

from matterlint.diagnostics import Severity
from matterlint.rules.base import Fixable, Origin, Rule

RULE = Rule(
    "FM903",
    "unused-suppression",
    "A suppression comment hides nothing",
    Severity.WARNING,
    Fixable.ALWAYS,
    origin=Origin.ENGINE,
)
