"""FM708 schema-not-found: the schema a post names in `$schema` cannot be used.

*What it checks*
A `$schema` key in the front matter that names no built-in schema and no readable JSON or YAML
schema file (relative to the post, or to the project root when it starts with `/`), or a schema
file that is not a valid JSON Schema. Remote URLs are fetched only with
`allow-remote-schemas = true` in the configuration.

*Why it matters*
The post then goes unchecked while its author believes it is validated.

*Example*
```
---
$schema: ../schemas/psot.json
---
```
gives `post.md:2:10: FM708 cannot use schema `../schemas/psot.json`: no such file`, with the
path matterlint looked at in the help line.

*Fix safety*
No fix.
"""

from __future__ import annotations

from matterlint.diagnostics import Severity
from matterlint.rules.base import Origin, Rule

RULE = Rule(
    "FM708",
    "schema-not-found",
    "The schema named in `$schema` cannot be used",
    Severity.ERROR,
    origin=Origin.SCHEMA,
)
