"""The spanned tree every front-matter format is parsed into.

Rules and the schema translator see one shape whatever the author wrote (YAML block or flow,
TOML tables or inline tables, JSON), so a position is found the same way for each.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeAlias

from matterlint.source import Span

JSONScalar: TypeAlias = bool | int | float | str | None
JSONValue: TypeAlias = "JSONScalar | list[JSONValue] | dict[str, JSONValue]"
PathPart: TypeAlias = str | int


class NodeKind(StrEnum):
    MAPPING = "mapping"
    SEQUENCE = "sequence"
    SCALAR = "scalar"


class Style(StrEnum):
    """How a value is written; fixes use it to edit in the author's own style."""

    BLOCK = "block"
    FLOW = "flow"
    PLAIN = "plain"
    SINGLE_QUOTED = "single-quoted"
    DOUBLE_QUOTED = "double-quoted"
    LITERAL = "literal"
    FOLDED = "folded"


class ScalarType(StrEnum):
    """What a scalar was read as. ``DATE`` marks an unquoted timestamp kept as its text."""

    STRING = "string"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    NULL = "null"
    DATE = "date"


@dataclass(slots=True)
class Node:
    """One value of the front matter with where it is written; never changed once built.

    Not a frozen dataclass only because a frozen one's ``__init__`` is four times slower, and a
    post has dozens of nodes: that alone was 8% of a run.

    ``key``/``key_span`` are set for the entries of a mapping (``key_type`` says what a YAML 1.1
    loader reads the key as), ``index`` for the items of a sequence. ``children`` are in source
    order and keep duplicate keys; the data keep the last one, as every YAML loader does.
    ``merged`` holds entries a YAML merge key (``<<``) brought in, and ``alias`` marks a node
    reached through a YAML alias (its spans are the anchor's), so walks can skip repeats.
    """

    kind: NodeKind
    span: Span
    style: Style
    value: JSONScalar = None
    scalar_type: ScalarType | None = None
    key: str | None = None
    key_span: Span | None = None
    key_type: ScalarType | None = None
    index: int | None = None
    children: tuple[Node, ...] = ()
    merged: tuple[Node, ...] = ()
    alias: bool = False

    def get(self, part: PathPart) -> Node | None:
        """The child at a key (the last duplicate wins, as in the data) or at an index."""
        if self.kind is NodeKind.MAPPING and isinstance(part, str):
            for child in reversed(self.children):
                if child.key == part:
                    return child
            for child in reversed(self.merged):
                if child.key == part:
                    return child
            return None
        if (
            self.kind is NodeKind.SEQUENCE
            and isinstance(part, int)
            and 0 <= part < len(self.children)
        ):
            return self.children[part]
        return None

    def walk(self) -> Iterator[tuple[tuple[PathPart, ...], Node]]:
        """Every node written in the file, with its path, depth first; alias repeats skipped."""
        stack: list[tuple[tuple[PathPart, ...], Node]] = [((), self)]
        while stack:
            path, node = stack.pop()
            yield path, node
            for child in reversed(node.children):
                if child.alias:
                    continue
                part: PathPart = child.key if child.key is not None else (child.index or 0)
                stack.append(((*path, part), child))


def json_type(value: JSONValue) -> str:
    """The JSON Schema type of a value; a float is a ``number`` even when integral, since
    ``number`` accepts both."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "array"
    return "object"


def format_path(path: tuple[PathPart, ...]) -> str:
    """A key path as users write it: ``author.name``, ``categories[1]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


Entry: TypeAlias = tuple[tuple[PathPart, ...], Node]


@dataclass(frozen=True, slots=True)
class NodeIndex:
    """A document's nodes grouped the ways rules look for them, built in one pass: each rule
    then visits the few nodes it is about instead of walking the whole tree (36 rules walking
    every node cost more than parsing). The groups are the lists the pass built, not copies
    into tuples: nothing changes them once the index is made, and copying cost 4% of parsing.
    """

    by_type: Mapping[ScalarType, Sequence[Entry]]
    by_key: Mapping[str, Sequence[Entry]]
    sequences: Sequence[Entry]
    mappings: Sequence[Entry]
    odd_keys: Sequence[Entry]

    @classmethod
    def of(cls, nodes: Iterable[Entry]) -> NodeIndex:
        by_type: dict[ScalarType, list[Entry]] = {}
        by_key: dict[str, list[Entry]] = {}
        sequences: list[Entry] = []
        mappings: list[Entry] = []
        odd_keys: list[Entry] = []
        scalar, sequence = NodeKind.SCALAR, NodeKind.SEQUENCE
        string = ScalarType.STRING
        for entry in nodes:
            node = entry[1]
            kind = node.kind
            if kind is scalar:
                if node.scalar_type is not None:
                    group = by_type.get(node.scalar_type)
                    if group is None:
                        by_type[node.scalar_type] = [entry]
                    else:
                        group.append(entry)
            elif kind is sequence:
                sequences.append(entry)
            else:
                mappings.append(entry)
            key = node.key
            if key is not None:
                same = by_key.get(key)
                if same is None:
                    by_key[key] = [entry]
                else:
                    same.append(entry)
                if node.key_type is not None and node.key_type is not string:
                    odd_keys.append(entry)
        return cls(by_type, by_key, sequences, mappings, odd_keys)
