"""FM707 schema-violation: the front matter breaks another rule of its schema.

*What it checks*
Every JSON Schema keyword without a rule of its own: lengths (`minLength`, `maxLength`), ranges
(`minimum`, `maximum`, ...), list sizes (`minItems`, `maxItems`), `uniqueItems` (when
duplicate-list-item is off), `contains`, `not`, `dependentRequired`, `propertyNames`, `false`
schemas, and `anyOf`/`oneOf` when no single alternative explains the failure.

*Why it matters*
Whatever the site's schema encodes, such as a meta description that must fit in 160 characters.

*Example*
With `description` declared `maxLength: 160`:
```
---
description: The presidents of America, Russia and France in a joint statement called for ...
---
```
gives `post.md:2:14: FM707 `description` is 213 characters long; the most allowed is 160`.

*Fix safety*
No fix.
"""

from __future__ import annotations

from matterlint.diagnostics import Severity
from matterlint.rules.base import Origin, Rule

RULE = Rule(
    "FM707",
    "schema-violation",
    "The front matter breaks a rule of its schema",
    Severity.ERROR,
    origin=Origin.SCHEMA,
)
