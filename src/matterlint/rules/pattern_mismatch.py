"""FM706 pattern-mismatch: a text value does not match the schema's `pattern`.

*What it checks*
A JSON Schema `pattern` keyword fails (a `patternProperties` key pattern is not this rule).
Where a built-in rule explains the same value better (date-format for a date), only that rule
reports it.

*Why it matters*
Slugs, identifiers and codes that break their site's convention produce broken links.

*Example*
With `slug` declared `pattern: "^[a-z0-9-]+$"`:
```
---
slug: Hello World
---
```
gives `post.md:2:7: FM706 `slug` does not match the pattern `^[a-z0-9-]+$`: `Hello World``.

*Fix safety*
No fix.
"""

from __future__ import annotations

from matterlint.diagnostics import Severity
from matterlint.rules.base import Origin, Rule

RULE = Rule(
    "FM706",
    "pattern-mismatch",
    "A value does not match the schema's pattern",
    Severity.ERROR,
    origin=Origin.SCHEMA,
)
