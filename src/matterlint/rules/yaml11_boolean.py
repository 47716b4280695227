"""FM302 yaml11-boolean: `yes`, `no`, `on` or `off` is read as a boolean.

*What it checks*
An unquoted `yes`, `no`, `on` or `off`, in any case.

*Why it matters*
YAML 1.1 loaders (PyYAML, Jekyll's Psych in older versions) read `country: NO` as `false` and
`draft: on` as `true`, while YAML 1.2 loaders (Hugo, Eleventy's js-yaml) read them as text. The
same post means different things to different tools.

*Example*
```
---
draft: no
---
```
gives `post.md:2:8: FM302 `no` is read as the boolean false by YAML 1.1 loaders`.

*Fix safety*
Unsafe: quoting keeps the text, which may not be what was meant; write `true` or `false` if a
boolean was meant.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from matterlint.nodes import ScalarType, Style
from matterlint.rules import _edits
from matterlint.rules.base import Fixable, Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM302",
    "yaml11-boolean",
    "`yes`/`no`/`on`/`off` is read as a boolean",
    Severity.WARNING,
    Fixable.ALWAYS,
    supersedes=frozenset({"type"}),
)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    if doc.root is None:
        return
    for path, node in doc.index.by_type.get(ScalarType.BOOLEAN, ()):
        written = doc.text[node.span.start : node.span.end]
        if node.style is not Style.PLAIN or written.lower() in ("true", "false"):
            continue
        fix = Fix(
            f"Quote it if it is text: `{_edits.quote(written)}`",
            (Edit(node.span.start, node.span.end, _edits.quote(written)),),
            Applicability.UNSAFE,
        )
        message = (
            f"`{written}` is read as the boolean {str(node.value).lower()} by YAML 1.1 loaders"
        )
        yield RULE.diagnostic(doc, node.span, message, fix=fix, key_path=path)
