"""FM705 invalid-format: a value does not match the schema's `format`.

*What it checks*
A JSON Schema `format` keyword fails. matterlint really checks `date`, `date-time`, `time`,
`email`, `uri`, `uri-reference`, `hostname`, `ipv4`, `ipv6`, `uuid`, `regex` and more (jsonschema
with its format checkers installed), whatever the schema's draft. Dates are checked as the text
the author wrote.

*Why it matters*
A `format` that is not checked is a promise nobody keeps: plain jsonschema silently skips `uri`.

*Example*
With `canonical` declared `format: uri`:
```
---
canonical: not-a-url
---
```
gives `post.md:2:12: FM705 `canonical` is not a valid uri: `not-a-url``. (On the image keys
of `[urls]`, empty-url and relative-url say it better.)

*Fix safety*
No fix.
"""

from __future__ import annotations

from matterlint.diagnostics import Severity
from matterlint.rules.base import Origin, Rule

RULE = Rule(
    "FM705",
    "invalid-format",
    "A value does not match the schema's format",
    Severity.ERROR,
    origin=Origin.SCHEMA,
)
