"""FM703 wrong-type: a value has a type the schema does not allow.

*What it checks*
A JSON Schema `type` keyword fails: a list where text belongs, text where a boolean belongs.
`anyOf`/`oneOf` alternatives that differ only in type are reported as one list of the allowed
types.

*Why it matters*
Templates that iterate over `categories` break on a string; `featured: "false"` is a non-empty
string, which templates treat as true.

*Example*
With a schema saying `featured` is a boolean:
```
---
featured: "false"
---
```
gives `post.md:2:11: FM703 `featured` should be a boolean, not a string` with help
`Write `false``.

*Fix safety*
Unsafe, and only where the conversion is exact: `"true"` to `true`, `"3"` to `3`, or quoting
an unquoted `no` or `3.0` where text is expected.
"""

from __future__ import annotations

from matterlint.diagnostics import Severity
from matterlint.rules.base import Fixable, Origin, Rule

RULE = Rule(
    "FM703",
    "wrong-type",
    "A value has a type the schema does not allow",
    Severity.ERROR,
    Fixable.SOMETIMES,
    origin=Origin.SCHEMA,
)
