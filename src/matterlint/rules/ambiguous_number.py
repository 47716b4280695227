"""FM303 ambiguous-number: an unquoted value is read as a number that is not what was written.

*What it checks*
Unquoted values YAML 1.1 reads as numbers whose text is lost: octal `0777` (511), sexagesimal
`1:20` (80), hexadecimal `0x1F`, digits with `_`, and decimals with a trailing zero or an
exponent such as `3.0`, `1.10` (1.1) or `1.0e+3`. Decimals are checked in TOML and JSON too,
where `version = 1.10` is just as much the number 1.1.

*Why it matters*
`version: 1.10` becomes `1.1`, `version: 3.0` prints as `3` in Hugo, and `time: 1:20` becomes
80. Version numbers, codes and times are text, and should be quoted.

*Example*
```
---
version: 1.10
---
```
gives `post.md:2:10: FM303 `1.10` is read as the number 1.1`.

*Fix safety*
Unsafe: quoting keeps the written text, which changes the data's type.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from matterlint.document import Format
from matterlint.nodes import ScalarType, Style
from matterlint.rules import _edits
from matterlint.rules.base import Fixable, Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM303",
    "ambiguous-number",
    "A value is read as a number unlike its text",
    Severity.WARNING,
    Fixable.ALWAYS,
    supersedes=frozenset({"type"}),
)

_INTEGER_SURPRISE = re.compile(
    r"[-+]?(?:0[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+|\d[\d_]*_[\d_]*)"
)
_FLOAT_SURPRISE = re.compile(
    r"[-+]?(?:[\d_]*\.[\d_]*0|[\d_]*\.?[\d_]*[eE][-+]?\d+|\.(?:inf|Inf|INF|nan|NaN|NAN)|[\d_]*_[\d_]*\.[\d_]*|\d[\d_]*(?::[0-5]?\d)+\.[\d_]*)"
)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    if doc.root is None or doc.block is None:
        return
    yaml = doc.block.format is Format.YAML
    numbers = doc.index.by_type
    for path, node in (*numbers.get(ScalarType.INTEGER, ()), *numbers.get(ScalarType.FLOAT, ())):
        if node.style is not Style.PLAIN:
            continue
        written = doc.text[node.span.start : node.span.end]
        if node.scalar_type is ScalarType.INTEGER:
            # TOML and JSON write octal, hexadecimal and separators explicitly: no surprise.
            surprising = yaml and _INTEGER_SURPRISE.fullmatch(written) is not None
        elif node.scalar_type is ScalarType.FLOAT:
            surprising = _FLOAT_SURPRISE.fullmatch(written) is not None
        else:
            continue
        if not surprising:
            continue
        fix = Fix(
            f"Quote it if it is text: `{_edits.quote(written)}`",
            (Edit(node.span.start, node.span.end, _edits.quote(written)),),
            Applicability.UNSAFE,
        )
        if written == repr(node.value):
            shown = f"{node.value:g}" if isinstance(node.value, float) else written
            message = f"`{written}` is read as a number, not as text (Hugo prints it as `{shown}`)"
        else:
            message = f"`{written}` is read as the number {node.value!r}"
        yield RULE.diagnostic(doc, node.span, message, fix=fix, key_path=path)
