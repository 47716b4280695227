"""A fast path for the simplest and commonest front matter: one ``key: value`` per line.

Most posts' front matter is a flat mapping of one-line values and one-line flow lists (the
seed's site writes nothing else). For those, composing a PyYAML node graph and walking it costs
five times more than reading the lines directly. This module reads such a block line by line
and builds exactly the tree and data the full loader builds (same spans, same YAML 1.1 scalar
resolution by PyYAML's own resolver, same constructors). On anything outside that shape —
indentation, a block list, a multi-line or escaped string, an anchor, a tag, a tab, an unusual
character — it returns ``None`` and the full loader reads the block. Tests compare both paths
on every corpus post and on generated front matter.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TypeAlias

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from matterlint.loaders import Loaded
from matterlint.nodes import JSONScalar, JSONValue, Node, NodeKind, ScalarType, Style
from matterlint.source import LineIndex, Span

_T = "tag:yaml.org,2002:"
_TYPES = {
    _T + "str": ScalarType.STRING,
    _T + "value": ScalarType.STRING,
    _T + "int": ScalarType.INTEGER,
    _T + "float": ScalarType.FLOAT,
    _T + "bool": ScalarType.BOOLEAN,
    _T + "null": ScalarType.NULL,
    _T + "timestamp": ScalarType.DATE,
}
_RESOLVER = yaml.resolver.Resolver()
# The first characters PyYAML's resolver looks up (it has no wildcard resolvers): a plain
# scalar starting with any other is a string, and most titles and URLs are resolved by a set
# lookup instead of a call into the resolver.
_IMPLICIT_FIRST = frozenset(
    first for first in _RESOLVER.yaml_implicit_resolvers if isinstance(first, str) and first
)
# A mapping entry's key, its span and what YAML 1.1 reads the key as.
_Place: TypeAlias = tuple[str, Span, ScalarType]
_CONSTRUCTOR = SafeConstructor()
_PLAIN_IMPLICIT = (True, False)

# Characters that send the block to the full loader: tabs, PyYAML's non-printable ones, NEL
# and the Unicode line and paragraph separators (line breaks to YAML 1.1), a BOM, lone CRs.
_UNUSUAL = re.compile(
    "[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]"
)
_LONE_CR = re.compile(r"\r(?!\n)")  # apart: in one regex, the alternative made it 4x slower
_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_./-]*):(?=[ \n]|$)")
_COMMENT = re.compile(r"(?<= )#")
# A plain scalar must not start with an indicator, nor hold ": " (a mapping value) or end
# with ":"; a flow item must not hold flow indicators or quotes either.
_PLAIN = re.compile(r"(?![-?:,\[\]{}#&*!|>'\"%@`])[^:]*(?::(?! |$)[^:]*)*(?<!:)")
_FLOW_ITEM = re.compile(r"(?![-?:#&*!|>'\"%@`])[^,\[\]{}'\":#]*")


def load(text: str, start: int, end: int, lines: LineIndex) -> Loaded | None:
    """Read a simple block; ``None`` when it is not simple enough to be read this way."""
    content = text[start:end]
    if _UNUSUAL.search(content) or ("\r" in content and _LONE_CR.search(content)):
        return None
    children: list[Node] = []
    data: dict[str, JSONValue] = {}
    first_key = None
    position = start
    # `_UNUSUAL` let through no line break but LF and CRLF, so splitlines splits only there.
    for line in content.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        first = body[:1]
        if first == " ":
            if body.strip(" ") and not body.lstrip(" ").startswith("#"):
                return None  # indentation: nesting, a block list or a multi-line value
        elif first and first != "#":
            entry = _entry(text, position, body, lines)
            if entry is None:
                return None
            node, value = entry
            if first_key is None:
                first_key = position
            assert node.key is not None
            children.append(node)
            data.pop(node.key, None)
            data[node.key] = value
        position += len(line)
    if first_key is None:
        return None  # empty or comments only: the full loader says what that is
    root = Node(
        NodeKind.MAPPING, Span(first_key, end, lines), Style.BLOCK, children=tuple(children)
    )
    return Loaded(root, data)


def _entry(text: str, offset: int, body: str, lines: LineIndex) -> tuple[Node, JSONValue] | None:
    key = _KEY.match(body)
    if key is None:
        return None
    key_text = key.group(1)
    key_type = _resolve(key_text)
    if key_type is None or key_text == "<<":
        return None
    rest = body[key.end() :]
    comment = _COMMENT.search(rest) if "#" in rest else None
    value = (rest[: comment.start()] if comment else rest).rstrip(" ")
    stripped = value.lstrip(" ")
    value_start = offset + key.end() + (len(value) - len(stripped))
    key_span = Span(offset + key.start(1), offset + key.end(1), lines)
    place = (key_text, key_span, key_type)
    if not stripped:
        after_colon = offset + key.end()
        node = Node(
            NodeKind.SCALAR,
            Span(after_colon, after_colon, lines),
            Style.PLAIN,
            None,
            ScalarType.NULL,
            key_text,
            key_span,
            key_type,
        )
        return node, None
    first = stripped[0]
    if first == "[":
        return _flow(stripped, value_start, place, lines)
    if first in "\"'":
        return _quoted(stripped, value_start, place, lines)
    if _PLAIN.fullmatch(stripped) is None:
        return None
    return _plain(stripped, value_start, place, lines, None)


def _plain(
    written: str,
    start: int,
    place: _Place | None,
    lines: LineIndex,
    index: int | None,
) -> tuple[Node, JSONValue] | None:
    if written[0] not in _IMPLICIT_FIRST:
        scalar_type: ScalarType | None = ScalarType.STRING
        value: JSONScalar = written
    else:
        scalar_type = _resolve(written)
        if scalar_type is None:
            return None
        value = _construct(written, scalar_type)
        if value is None and scalar_type is not ScalarType.NULL:
            return None  # a value PyYAML cannot construct: the full loader reports it
    key, key_span, key_type = place if place is not None else (None, None, None)
    # Nodes are built with positional arguments here: with keywords, building one took
    # 1.0 µs instead of 0.4 (timeit), and a post has a dozen.
    node = Node(
        NodeKind.SCALAR,
        Span(start, start + len(written), lines),
        Style.PLAIN,
        value,
        scalar_type,
        key,
        key_span,
        key_type,
        index,
    )
    return node, value


def _quoted(
    written: str, start: int, place: _Place, lines: LineIndex
) -> tuple[Node, JSONValue] | None:
    quote = written[0]
    inner = written[1:-1]
    if len(written) < 2 or written[-1] != quote or quote in inner or "\\" in inner:
        return None  # escapes and embedded quotes are the full loader's job
    style = Style.DOUBLE_QUOTED if quote == '"' else Style.SINGLE_QUOTED
    key, key_span, key_type = place
    node = Node(
        NodeKind.SCALAR,
        Span(start, start + len(written), lines),
        style,
        inner,
        ScalarType.STRING,
        key,
        key_span,
        key_type,
    )
    return node, inner


def _flow(
    written: str, start: int, place: _Place, lines: LineIndex
) -> tuple[Node, JSONValue] | None:
    if not written.endswith("]") or written.count("[") != 1 or written.count("]") != 1:
        return None
    inner = written[1:-1]
    children: list[Node] = []
    data: list[JSONValue] = []
    if inner.strip(" "):
        position = start + 1
        for index, item in enumerate(inner.split(",")):
            text = item.strip(" ")
            if not text or _FLOW_ITEM.fullmatch(text) is None:
                return None  # an empty item, a trailing comma, quotes: the full loader's job
            item_start = position + (len(item) - len(item.lstrip(" ")))
            built = _plain(text, item_start, None, lines, index)
            if built is None:
                return None
            children.append(built[0])
            data.append(built[1])
            position += len(item) + 1
    key, key_span, key_type = place
    node = Node(
        NodeKind.SEQUENCE,
        Span(start, start + len(written), lines),
        Style.FLOW,
        None,
        None,
        key,
        key_span,
        key_type,
        None,
        tuple(children),
    )
    return node, data


@lru_cache(maxsize=4096)
def _resolve(written: str) -> ScalarType | None:
    """The type PyYAML's resolver gives a plain scalar; ``None`` for a tag we do not build."""
    tag: str = _RESOLVER.resolve(ScalarNode, written, _PLAIN_IMPLICIT)  # type: ignore[no-untyped-call]
    return _TYPES.get(tag)


def _construct(written: str, scalar_type: ScalarType) -> JSONScalar:
    if scalar_type is ScalarType.STRING or scalar_type is ScalarType.DATE:
        return written
    node = ScalarNode("", written)
    try:
        if scalar_type is ScalarType.INTEGER:
            return int(_CONSTRUCTOR.construct_yaml_int(node))
        if scalar_type is ScalarType.FLOAT:
            return float(_CONSTRUCTOR.construct_yaml_float(node))
        if scalar_type is ScalarType.BOOLEAN:
            return bool(_CONSTRUCTOR.construct_yaml_bool(node))
    except ValueError:
        return None
    if scalar_type is ScalarType.NULL:
        return None
    return written
