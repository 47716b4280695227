"""FM701 missing-required-key: a key the schema requires is missing.

*What it checks*
A JSON Schema `required` keyword fails. For the top level the position is the closing delimiter
of the block (the place to add the key); for a nested mapping, its key.

*Why it matters*
A post without `title` or `date` renders with an empty heading or lands at the wrong place in
the archive; generators rarely say so.

*Example*
With a schema requiring `title`:
```
---
date: 2020-10-01
---
```
gives `post.md:3:1: FM701 missing required key `title``.

*Fix safety*
No fix: the value is the author's to write.
"""

from __future__ import annotations

from matterlint.diagnostics import Severity
from matterlint.rules.base import Origin, Rule

RULE = Rule(
    "FM701",
    "missing-required-key",
    "A key the schema requires is missing",
    Severity.ERROR,
    origin=Origin.SCHEMA,
)
