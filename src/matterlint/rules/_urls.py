"""The values the URL rules look at: scalars under the configured keys, at any depth, and the
items of lists under them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from matterlint.nodes import Node, NodeKind, PathPart

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions
    from matterlint.source import Span


def url_values(doc: Document, options: RuleOptions) -> Iterator[tuple[tuple[PathPart, ...], Node]]:
    by_key = doc.index.by_key
    for key in options.urls.keys:
        entries = by_key.get(key)
        if entries is None:
            continue  # most keys of most posts: four rules ask, so no generator per key
        for path, node in entries:
            if node.kind is NodeKind.SCALAR:
                yield path, node
            elif node.kind is NodeKind.SEQUENCE:
                for item in node.children:
                    if item.kind is NodeKind.SCALAR:
                        yield (*path, item.index or 0), item


def value_span(node: Node) -> Span:
    """Where to point: an empty value (`image:`) has no width, so its key is used."""
    if node.span.start == node.span.end and node.key_span is not None:
        return node.key_span
    return node.span
