"""FM801 duplicate-across-files: two posts give a key the same value.

*What it checks*
The top-level keys listed in `[duplicates] keys` (by default `title`, `slug` and `permalink`,
in any case): a value used by more than one file of the run is reported in each of them, and
each report names the other files and the place of the value there (the first ten, and how many
more). Text values are compared as written, without surrounding spaces; empty values are left
to other rules. Off by default:
select it (`extend-select = ["FM801"]`, or `FM8` for every check across posts).

*Why it matters*
Two posts with one `slug` or `permalink` are written to the same URL, and the generator keeps
whichever it builds last, silently. A repeated title is usually a copied post (`name 2.md`) or
a template that was never filled in.

*Example*
`a.md` and `b.md` both hold
```
---
title: Release notes
---
```
gives `a.md:2:8: FM801 `title` `Release notes` is also in b.md:2:8`, and the same report in
`b.md` naming `a.md`.

*Fix safety*
No fix: which of the posts should change is the author's choice.

A file that ignores the rule (per-file ignores, `# matterlint: ignore[FM801]` on the line)
takes no part in the comparison.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from matterlint.diagnostics import Diagnostic, Severity, excerpt
from matterlint.nodes import NodeKind
from matterlint.rules.base import Claim, Origin, Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM801",
    "duplicate-across-files",
    "Two files give a key the same value",
    Severity.ERROR,
    origin=Origin.PROJECT,
    options="duplicates",
    opt_in=True,
)


# Each report names this many other files at most: 500 posts titled "Untitled" would otherwise
# print 250,000 places. Every file of a group still gets its own report.
NAMED = 10


def collect(doc: Document, options: RuleOptions) -> Iterator[Claim]:
    if doc.root is None or doc.root.kind is not NodeKind.MAPPING:
        return
    seen: set[str] = set()
    for node in reversed(doc.root.children):  # the last of duplicate keys is the data's
        key = node.key
        if key is None or node.kind is not NodeKind.SCALAR or node.value is None:
            continue
        if not options.duplicates.is_unique_key(key) or key.lower() in seen:
            continue
        seen.add(key.lower())
        value = str(node.value).strip()
        if not value:
            continue
        placeholder = f"`{key}` `{excerpt(value)}` is used by another file"
        diagnostic = RULE.diagnostic(doc, node.span, placeholder, key_path=(key,), subject=value)
        yield Claim(diagnostic, (key.lower(), value))


def check_project(claims: Sequence[Claim], options: RuleOptions) -> Iterator[Diagnostic]:
    groups: dict[tuple[str, ...], list[Claim]] = {}
    for claim in claims:
        groups.setdefault(claim.subject, []).append(claim)
    for group in groups.values():
        if len(group) < 2:
            continue
        for claim in group:
            here = claim.diagnostic
            places = [
                f"{other.diagnostic.path}:{other.diagnostic.span.line}:"
                f"{other.diagnostic.span.column}"
                for other in group
                if other is not claim
            ]
            others = ", ".join(places[:NAMED])
            if len(places) > NAMED:
                others += f" and {len(places) - NAMED} more files"
            key = str(here.key_path[0])
            message = f"`{key}` `{excerpt(claim.subject[1])}` is also in {others}"
            yield replace(here, message=message)
