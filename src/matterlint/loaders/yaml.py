"""YAML front matter → spanned tree, read safely.

PyYAML only composes the node graph (libyaml's C parser when installed: ten times faster). The
values are built here rather than by PyYAML's constructor, because the constructor is what goes
wrong on real posts (yaml-pitfalls.md §2): it runs tags, expands aliases without bound, drops
duplicate keys, turns ``2020-02-30`` into a bare ``ValueError`` and dates into ``datetime``
objects. Building ourselves, no tag ever executes, duplicate keys stay in the tree, aliases and
nesting are bounded, and an unquoted date stays the text the author wrote.

Positions come from mark *indexes* (code points, identical in both parsers once a leading
byte-order mark is set aside), never from their line numbers, which count NEL and U+2028 as
line breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeAlias, cast

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from matterlint.loaders import Limits, Loaded, LoadProblem, ProblemKind, yaml_simple
from matterlint.nodes import JSONScalar, JSONValue, Node, NodeKind, ScalarType, Style
from matterlint.source import LineIndex, Span

LOADERS: tuple[type[yaml.SafeLoader] | type[yaml.CSafeLoader], ...] = (
    (yaml.CSafeLoader, yaml.SafeLoader) if yaml.__with_libyaml__ else (yaml.SafeLoader,)
)

_T = "tag:yaml.org,2002:"
_SCALAR_TYPES = {
    _T + "str": ScalarType.STRING,
    _T + "value": ScalarType.STRING,
    _T + "int": ScalarType.INTEGER,
    _T + "float": ScalarType.FLOAT,
    _T + "bool": ScalarType.BOOLEAN,
    _T + "null": ScalarType.NULL,
    _T + "timestamp": ScalarType.DATE,
}
_MERGE = _T + "merge"
_SEQ = _T + "seq"
_MAP = _T + "map"
_STYLES = {
    "'": Style.SINGLE_QUOTED,
    '"': Style.DOUBLE_QUOTED,
    "|": Style.LITERAL,
    ">": Style.FOLDED,
}
_CONSTRUCTOR = SafeConstructor()
# The two parsers word some errors differently; users should not see which one ran.
_WORDING = (
    (re.compile(r"^did not find expected (.*)$"), r"expected \1"),
    (re.compile(r"^expected (.*), but (?:got|found) .*$"), r"expected \1"),
    (re.compile(r"^expected (?:node content|the node content)$"), "expected a value"),
    (re.compile(r" in this context$"), " here"),
    (
        re.compile(r"^found character '.*' that cannot start any token$"),
        "found character that cannot start any token",
    ),
    (
        re.compile(r"^found a tab character that violates indentation$"),
        "found character that cannot start any token",
    ),
    (re.compile(r"^expected '<document start>'$"), "expected <document start>"),
    (re.compile(r"^found undefined alias '.*'$"), "found undefined alias"),
    (re.compile(r"^expected a comment or a line break$"), "expected comment or line break"),
    (re.compile(r"^expected ' '$"), "expected whitespace or line break"),
    (re.compile(r"^expected <block end>$"), "expected key"),
)

# Flow brackets, skipping quoted strings and comments, to find where nesting goes too deep.
_FLOW = re.compile(r"\"(?:[^\"\\]|\\.)*\"?|'(?:[^']|'')*'?|(?<![^\s])#[^\n]*|[\[\]{}]")
_TRAILING_TABS = re.compile(r"[ \t]+(?=\r\n|\r|\n|\Z)")
_YamlNode: TypeAlias = ScalarNode | SequenceNode | MappingNode


def load(text: str, start: int, end: int, lines: LineIndex, limits: Limits) -> Loaded:
    """Load ``text[start:end]``; never raises. Flat one-line-per-key blocks take a fast path
    that gives the same result; others use libyaml when PyYAML has it."""
    simple = yaml_simple.load(text, start, end, lines)
    if simple is not None:
        return simple
    return load_with(LOADERS[0], text, start, end, lines, limits)


def load_with(
    loader_class: type[yaml.SafeLoader] | type[yaml.CSafeLoader],
    text: str,
    start: int,
    end: int,
    lines: LineIndex,
    limits: Limits,
) -> Loaded:
    """:func:`load` with a chosen parser, so tests can prove both give the same result."""
    if text.startswith("\ufeff", start):
        # Both parsers skip a byte-order mark that starts their stream, but libyaml counts its
        # indexes from after it and PyYAML from before: every span of the block was one code
        # point early with libyaml. Neither parser sees it now; FM202 reports it.
        start += 1
    content = text[start:end]
    try:
        root = _compose(loader_class, content)
    except yaml.YAMLError as error:
        if "maximum nesting depth" in str(error):  # libyaml's own limit (1,000 levels)
            return Loaded(None, None, (_too_deep(content, start, lines, limits),))
        return Loaded(None, None, (_syntax(error, loader_class, content, start, lines),))
    except RecursionError:  # the pure parser recurses per level and gives up near 1,000
        return Loaded(None, None, (_too_deep(content, start, lines, limits),))
    if root is None:
        return Loaded(None, None)
    builder = _Builder(start, lines, limits)
    try:
        node, data = builder.build(root, _Place(), 0, False)
    except _Stop as stop:
        return Loaded(None, None, (*builder.problems, stop.problem))
    return Loaded(node, data, tuple(builder.problems))


def _compose(
    loader_class: type[yaml.SafeLoader] | type[yaml.CSafeLoader], content: str
) -> _YamlNode | None:
    """Compose the node graph; raises what the parser raises.

    The pure parser rejects a tab at the end of a line after a value (``- melody\\t``), which
    YAML allows and libyaml accepts (yaml/pyyaml#306; one real post in the corpora). Such a tab
    is never part of a value, so it is replaced by a space and the text parsed again: both
    parsers give the same result and the same offsets. Tabs elsewhere are left to each parser
    (they differ on exotic placements, never on the corpora); trailing-whitespace still sees
    the tab, which is in the original text.
    """
    while True:
        loader = loader_class(content)
        try:
            return cast("_YamlNode | None", loader.get_single_node())
        except yaml.scanner.ScannerError as error:
            mark = error.problem_mark
            index = mark.index if mark is not None else -1
            run = (
                _TRAILING_TABS.match(content, index) if content[index : index + 1] == "\t" else None
            )
            if loader_class is not yaml.SafeLoader or run is None:
                raise
            content = content[:index] + " " * (run.end() - index) + content[run.end() :]
        finally:
            loader.dispose()


def _too_deep(content: str, start: int, lines: LineIndex, limits: Limits) -> LoadProblem:
    """Nesting too deep for a parser, reported as the builder reports nesting past the limit,
    at the same place, whichever parser gave up first and wherever it did."""
    depth = 0
    offset = 0
    for match in _FLOW.finditer(content):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limits.max_depth:
                offset = match.start()
                break
        elif token in "]}":
            depth -= 1
    message = f"YAML nesting deeper than {limits.max_depth} levels"
    return LoadProblem(
        ProblemKind.NESTING_LIMIT, message, lines.span(start + offset, start + offset)
    )


def _syntax(
    error: yaml.YAMLError,
    loader_class: type[yaml.SafeLoader] | type[yaml.CSafeLoader],
    content: str,
    start: int,
    lines: LineIndex,
) -> LoadProblem:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        index = mark.index if mark is not None else 0
        problem = error.problem or error.context or "invalid YAML"
    elif isinstance(error, yaml.reader.ReaderError):
        index = error.position
        if loader_class is not yaml.SafeLoader:  # libyaml reports a byte offset
            index = len(content.encode("utf-8")[:index].decode("utf-8", errors="ignore"))
        problem = f"character U+{error.character:04X} is not allowed in YAML"
    else:
        index, problem = 0, str(error)
    for pattern, replacement in _WORDING:
        problem = pattern.sub(replacement, problem)
    if content[index : index + 1] == "\t":
        problem += " (a tab; YAML indents with spaces)"
    elif problem == "mapping values are not allowed here":
        problem += " (a value containing ': ' must be quoted)"
    return LoadProblem(
        ProblemKind.SYNTAX, f"YAML: {problem}", lines.span(start + index, start + index)
    )


class _Stop(Exception):
    """Abandons building: the data cannot be trusted past this problem."""

    def __init__(self, problem: LoadProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a node sits in its parent: mapping entry or sequence item."""

    key: str | None = None
    key_span: Span | None = None
    key_type: ScalarType | None = None
    index: int | None = None


class _Builder:
    """Turns PyYAML's node graph into :class:`Node` trees and data, within the limits."""

    def __init__(self, offset: int, lines: LineIndex, limits: Limits) -> None:
        self._offset = offset
        self._lines = lines
        self._limits = limits
        self._seen: set[int] = set()
        self._open: set[int] = set()
        self._written: list[_YamlNode] = []  # the containers being built, outside aliases
        self._alias_nodes = 0
        self.problems: list[LoadProblem] = []

    def span(self, node: _YamlNode) -> Span:
        return self._lines.span(
            self._offset + node.start_mark.index, self._offset + node.end_mark.index
        )

    def build(
        self, node: _YamlNode, place: _Place, depth: int, alias: bool
    ) -> tuple[Node, JSONValue]:
        ident = id(node)
        if ident in self._open:
            raise _Stop(
                LoadProblem(ProblemKind.ALIAS_LIMIT, "alias refers to itself", self.span(node))
            )
        alias = alias or ident in self._seen
        if alias:
            self._alias_nodes += 1
            if self._alias_nodes > self._limits.max_alias_nodes:
                # The alias itself has no position in PyYAML's graph (it *is* the anchored
                # node), so point at the written value that expands it.
                message = f"aliases expand to more than {self._limits.max_alias_nodes:,} values"
                where = self._written[-1] if self._written else node
                raise _Stop(LoadProblem(ProblemKind.ALIAS_LIMIT, message, self.span(where)))
        if depth > self._limits.max_depth:
            message = f"YAML nesting deeper than {self._limits.max_depth} levels"
            raise _Stop(LoadProblem(ProblemKind.NESTING_LIMIT, message, self.span(node)))
        self._seen.add(ident)
        self._check_tag(node)
        if isinstance(node, ScalarNode):
            return self._scalar(node, place, alias)
        self._open.add(ident)
        if not alias:
            self._written.append(node)
        try:
            if isinstance(node, SequenceNode):
                return self._sequence(node, place, depth, alias)
            return self._mapping(node, place, depth, alias)
        finally:
            self._open.discard(ident)
            if not alias:
                self._written.pop()

    def _check_tag(self, node: _YamlNode) -> None:
        tag = node.tag
        if tag in _SCALAR_TYPES or tag in (_SEQ, _MAP, _MERGE):
            return
        self.problems.append(
            LoadProblem(
                ProblemKind.UNSUPPORTED_TAG,
                f"tag `{_short_tag(tag)}` is not supported",
                self.span(node),
            )
        )

    def _scalar(self, node: ScalarNode, place: _Place, alias: bool) -> tuple[Node, JSONValue]:
        scalar_type = _SCALAR_TYPES.get(node.tag, ScalarType.STRING)
        value = self._construct(node, scalar_type)
        if value is None and scalar_type is not ScalarType.NULL:
            scalar_type = ScalarType.STRING
            value = node.value
        built = Node(
            NodeKind.SCALAR,
            self.span(node),
            _STYLES.get(node.style or "", Style.PLAIN),
            value=value,
            scalar_type=scalar_type,
            key=place.key,
            key_span=place.key_span,
            key_type=place.key_type,
            index=place.index,
            alias=alias,
        )
        return built, value

    def _construct(self, node: ScalarNode, scalar_type: ScalarType) -> JSONScalar:
        try:
            if scalar_type is ScalarType.INTEGER:
                return int(_CONSTRUCTOR.construct_yaml_int(node))
            if scalar_type is ScalarType.FLOAT:
                return float(_CONSTRUCTOR.construct_yaml_float(node))
            if scalar_type is ScalarType.BOOLEAN:
                return bool(_CONSTRUCTOR.construct_yaml_bool(node))
        except ValueError as error:  # `!!int x`, or more digits than int() accepts
            message = f"`{_clip(node.value)}` cannot be read as {scalar_type.value}: {error}"
            self.problems.append(
                LoadProblem(ProblemKind.SYNTAX, f"YAML: {message}", self.span(node))
            )
            return None
        if scalar_type is ScalarType.NULL:
            return None
        return str(node.value)

    def _sequence(
        self, node: SequenceNode, place: _Place, depth: int, alias: bool
    ) -> tuple[Node, JSONValue]:
        children: list[Node] = []
        data: list[JSONValue] = []
        for index, item in enumerate(node.value):
            child, value = self.build(item, _Place(index=index), depth + 1, alias)
            children.append(child)
            data.append(value)
        style = Style.FLOW if node.flow_style else Style.BLOCK
        return self._container(NodeKind.SEQUENCE, node, style, place, alias, children, ()), data

    def _mapping(
        self, node: MappingNode, place: _Place, depth: int, alias: bool
    ) -> tuple[Node, JSONValue]:
        children: list[Node] = []
        explicit: dict[str, JSONValue] = {}
        merged: list[Node] = []
        merged_data: dict[str, JSONValue] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                message = "a key must be a plain value, not a list or mapping"
                self.problems.append(
                    LoadProblem(ProblemKind.COMPLEX_KEY, message, self.span(key_node))
                )
                continue
            if key_node.tag == _MERGE:
                self._merge(value_node, depth, alias, merged, merged_data)
                continue
            self._check_tag(key_node)
            key_type = _SCALAR_TYPES.get(key_node.tag, ScalarType.STRING)
            key = str(key_node.value)
            entry = _Place(key, self.span(key_node), key_type)
            child, value = self.build(value_node, entry, depth + 1, alias)
            children.append(child)
            explicit.pop(key, None)  # a repeated key is read last, as PyYAML does
            explicit[key] = value
        kept = [child for child in merged if child.key not in explicit]
        data = {key: value for key, value in merged_data.items() if key not in explicit}
        data.update(explicit)
        style = Style.FLOW if node.flow_style else Style.BLOCK
        built = self._container(NodeKind.MAPPING, node, style, place, alias, children, tuple(kept))
        return built, data

    def _merge(
        self,
        value_node: _YamlNode,
        depth: int,
        alias: bool,
        merged: list[Node],
        merged_data: dict[str, JSONValue],
    ) -> None:
        """``<<: *base`` or ``<<: [*a, *b]``: earlier sources win over later ones (YAML merge
        spec), and explicit keys of the mapping win over all of them."""
        sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
        for source in sources:
            if not isinstance(source, MappingNode):
                message = "a merge key (`<<`) must refer to a mapping"
                self.problems.append(
                    LoadProblem(ProblemKind.SYNTAX, f"YAML: {message}", self.span(source))
                )
                continue
            built, data = self.build(source, _Place(), depth + 1, alias)
            if not isinstance(data, dict):
                continue
            for child in (*built.children, *built.merged):
                if child.key is not None and child.key not in merged_data:
                    merged.append(child)
                    merged_data[child.key] = data.get(child.key)

    def _container(
        self,
        kind: NodeKind,
        node: _YamlNode,
        style: Style,
        place: _Place,
        alias: bool,
        children: list[Node],
        merged: tuple[Node, ...],
    ) -> Node:
        return Node(
            kind,
            self.span(node),
            style,
            key=place.key,
            key_span=place.key_span,
            key_type=place.key_type,
            index=place.index,
            children=tuple(children),
            merged=merged,
            alias=alias,
        )


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_T) :] if tag.startswith(_T) else tag


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
