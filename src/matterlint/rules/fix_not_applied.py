"""FM902 fix-not-applied: a fix was refused because the fixed file failed verification.

*What it checks*
Nothing in the post itself: with `--fix`, every fixed text is parsed and checked again before
it is written. A fix whose result no longer parses, changes the body, changes data the fix was
not about, or causes a new problem is not applied, and this diagnostic names it and says why.
The same happens when the file changed on disk while it was being fixed.

*Why it matters*
A fixer that is wrong even once on a tree of thousands of posts cannot be trusted at all.
Refusing loudly keeps every file either untouched or correctly fixed.

*Example*
With a schema saying `draft` is a boolean and `--unsafe-fixes`:
```
---
draft: no
---
```
gives `post.md:2:8: FM902 fix of FM302 (yaml11-boolean) not applied: it would cause FM703 (wrong-type): `draft` should be a boolean, not a string`.

*Fix safety*
No fix: apply the change by hand if it is right.
"""

from __future__ import annotations

from matterlint.diagnostics import Severity
from matterlint.rules.base import Origin, Rule

RULE = Rule(
    "FM902",
    "fix-not-applied",
    "A fix was refused because its result failed verification",
    Severity.ERROR,
    origin=Origin.ENGINE,
)
