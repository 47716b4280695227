"""Small text edits rules share: quoting a value, rewriting a scalar in its own style, and
removing a list item without disturbing its neighbours."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from matterlint.diagnostics import Edit
from matterlint.nodes import Node, Style

if TYPE_CHECKING:
    from matterlint.document import Document


def quote(text: str) -> str:
    """A double-quoted string that YAML, TOML and JSON all read back as ``text``.

    JSON's escapes (``\\"``, ``\\\\``, ``\\n``, ``\\uXXXX``) are valid in YAML and TOML basic
    strings; ``ensure_ascii=False`` keeps the author's characters as they are.
    """
    return json.dumps(text, ensure_ascii=False)


def rewrite_scalar(doc: Document, node: Node, text: str) -> Edit | None:
    """Replace a scalar's value by ``text`` in the style it is written in.

    Returns ``None`` when the style cannot hold the text unchanged (a single-quoted string and
    a quote in the text, a block scalar): the caller then offers no fix rather than a wrong one.
    """
    span = node.span
    if node.style is Style.PLAIN:
        return Edit(span.start, span.end, text)
    if node.style is Style.DOUBLE_QUOTED:
        return Edit(span.start, span.end, quote(text))
    if node.style is Style.SINGLE_QUOTED and "'" not in text:
        written = doc.text[span.start : span.end]
        if written.startswith("'''") or not written.startswith("'"):
            return None
        return Edit(span.start, span.end, f"'{text}'")
    return None
