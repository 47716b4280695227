"""FM704 value-not-allowed: a value is not one the schema lists.

*What it checks*
A JSON Schema `enum` or `const` keyword fails. The suggestion is the closest allowed value.

*Why it matters*
A misspelled `section: contnet` or `layout: psot` makes the generator pick a default layout or
drop the post from a listing.

*Example*
With `section` limited to `content` and `news`:
```
---
section: contnet
---
```
gives `post.md:2:10: FM704 `section` must be one of `content`, `news`, not `contnet`` with
help `Did you mean `content`?`.

*Fix safety*
Unsafe: replacing the value by the closest allowed one is offered, since the guess may be
wrong.
"""

from __future__ import annotations

from matterlint.diagnostics import Severity
from matterlint.rules.base import Fixable, Origin, Rule

RULE = Rule(
    "FM704",
    "value-not-allowed",
    "A value is not one the schema allows",
    Severity.ERROR,
    Fixable.SOMETIMES,
    origin=Origin.SCHEMA,
)
