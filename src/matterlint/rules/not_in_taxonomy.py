"""FM803 not-in-taxonomy: a value is not in the list the site keeps for its key.

*What it checks*
The top-level keys named in `[taxonomy]`, each mapped to a YAML, JSON or TOML file that lists
the values it may hold (a list, or a mapping whose keys are the values): a string value, or a
string item of a list value, that the file does not list. The suggestion is the closest listed
value. Off by default: select it (`extend-select = ["FM803"]`, or `FM8` for every check across
posts).

*Why it matters*
A category spelled `lates` instead of `latest` creates a new, one-post category page, and the
post is missing from the one it was meant for. Sites keep their categories, tags or authors in
a data file (`_data/categories.yml`) precisely to avoid this; nothing checks posts against it.

*Example*
With `categories = "data/categories.yml"` listing `latest` and `world`:
```
---
categories: [lates, world]
---
```
gives `post.md:2:14: FM803 `lates` is not in the list of `categories` (data/categories.yml)`
with help `Did you mean `latest`?`.

*Fix safety*
Unsafe: replacing the value by the closest listed one is offered, since the guess may be
wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.diagnostics import Applicability, Diagnostic, Fix, Severity, excerpt
from matterlint.nodes import Node, NodeKind, PathPart
from matterlint.rules import _edits
from matterlint.rules.base import Fixable, Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions, Taxonomy

RULE = Rule(
    "FM803",
    "not-in-taxonomy",
    "A value is not in the site's list for its key",
    Severity.ERROR,
    Fixable.SOMETIMES,
    options="taxonomy",
    opt_in=True,
)


def check(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    if doc.root is None or doc.root.kind is not NodeKind.MAPPING or not options.taxonomy.lists:
        return
    taxonomies = {t.key.lower(): t for t in options.taxonomy.lists}
    for node in doc.root.children:
        taxonomy = taxonomies.get(node.key.lower()) if node.key is not None else None
        if taxonomy is None or node.alias:
            continue
        key = node.key or ""
        if node.kind is NodeKind.SCALAR:
            yield from _value(doc, taxonomy, (key,), node)
        elif node.kind is NodeKind.SEQUENCE:
            for item in node.children:
                if item.kind is NodeKind.SCALAR:
                    yield from _value(doc, taxonomy, (key, item.index or 0), item)


def _value(
    doc: Document, taxonomy: Taxonomy, path: tuple[PathPart, ...], node: Node
) -> Iterator[Diagnostic]:
    if not isinstance(node.value, str) or not node.value or node.value in taxonomy.values:
        return
    message = f"`{excerpt(node.value)}` is not in the list of `{path[0]}` ({taxonomy.source})"
    close = _closest(node.value, taxonomy.values)
    if close is None:
        yield RULE.diagnostic(doc, node.span, message, key_path=path)
        return
    hint = f"Did you mean `{close}`?"
    edit = _edits.rewrite_scalar(doc, node, close)
    if edit is None:
        yield RULE.diagnostic(doc, node.span, message, suggestion=hint, key_path=path)
        return
    fix = Fix(hint, (edit,), Applicability.UNSAFE)
    yield RULE.diagnostic(doc, node.span, message, fix=fix, key_path=path)


def _closest(value: str, allowed: frozenset[str]) -> str | None:
    ordered = sorted(allowed)
    same_case = [a for a in ordered if a.lower() == value.lower()]
    if same_case:
        return same_case[0]
    import difflib  # an opt-in rule: runs without it do not import difflib

    matches = difflib.get_close_matches(value, ordered, n=1, cutoff=0.7)
    return matches[0] if matches else None
