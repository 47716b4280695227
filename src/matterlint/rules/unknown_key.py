"""FM702 unknown-key: a key the schema does not allow.

*What it checks*
`additionalProperties: false` (or `unevaluatedProperties: false`) fails: the key is neither
listed in `properties` nor matched by `patternProperties`. When an allowed key is close (a typo,
another case), the suggestion names it.

*Why it matters*
Misspelled keys (`categroies`, `Title`) are silently ignored by generators: the post loses its
categories and nobody notices.

*Example*
```
---
categroies: [news]
---
```
gives `post.md:2:1: FM702 unknown key `categroies`` with help `Did you mean `categories`?`.

*Fix safety*
Unsafe: renaming the key to the close match is offered, since the guess may be wrong.
"""

from __future__ import annotations

from matterlint.diagnostics import Severity
from matterlint.rules.base import Fixable, Origin, Rule

RULE = Rule(
    "FM702",
    "unknown-key",
    "A key the schema does not allow",
    Severity.ERROR,
    Fixable.SOMETIMES,
    origin=Origin.SCHEMA,
)
