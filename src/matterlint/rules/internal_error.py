"""FM901 internal-error: a check failed inside matterlint.

*What it checks*
Nothing in the post: this diagnostic says that one rule (or the schema step) raised an exception
on this file, or that the worker process checking it stopped (killed, out of memory) before it
was done. The other rules and files were still checked; the run exits with code 2.

*Why it matters*
A bug must not hide the other problems, nor pass silently as "no problems found".

*Example*
```
post.md:1:1: FM901 internal error in FM501 (duplicate-list-item): IndexError: list index out of range
post.md:1:1: FM901 not checked: the worker process checking it was killed by SIGKILL
```

*Fix safety*
No fix. Please report it with the file that triggers it.
"""

from __future__ import annotations

from matterlint.diagnostics import Severity
from matterlint.rules.base import Origin, Rule

RULE = Rule(
    "FM901",
    "internal-error",
    "A check failed inside matterlint",
    Severity.FATAL,
    origin=Origin.ENGINE,
)
