"""Where each key and value of an already-parsed TOML document is written.

tomllib reads TOML correctly but gives no positions. So tomllib reads the data first and this
scanner walks the same text afterwards: because the text is known to be valid TOML, it only has
to find where each key and value starts and ends, and it takes every value from tomllib's data
rather than decoding it a second way that could disagree. Walking the data alongside is also the
one place a date or time can be swapped for the text the author wrote.

Offsets are into the whole decoded text; only ``text[start:end]`` is read.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

from matterlint.loaders import Limits, LoadProblem, ProblemKind
from matterlint.nodes import Node, NodeKind, ScalarType, Style

if TYPE_CHECKING:
    from matterlint.source import LineIndex, Span

# Whitespace, line breaks and comments. Valid TOML has a break or comment only where one may be,
# so the scanner can skip all three wherever it skips any.
_GAP = re.compile(r"(?:[ \t\r\n]|#[^\r\n]*)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]*")
# A date-time may separate date and time with a space (TOML 1.0, "Offset Date-Time"): the only
# bare value with a space inside. Every other bare value ends at a delimiter.
_BARE_VALUE = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})?"
    r"|[^ \t\r\n,\]}#]*"
)
_BASIC = re.compile(r'"[^"\\\r\n]*(?:\\.[^"\\\r\n]*)*"?')
_LITERAL = re.compile(r"'[^'\r\n]*'?")
_QUOTE_STYLES = {'"': Style.DOUBLE_QUOTED, "'": Style.SINGLE_QUOTED}
# By exact type: tomllib makes no subclasses, and a bool must not be read as an int.
_SCALAR_TYPES = {
    bool: ScalarType.BOOLEAN,
    int: ScalarType.INTEGER,
    float: ScalarType.FLOAT,
    str: ScalarType.STRING,
}


class Mismatch(Exception):
    """The scanner read text tomllib accepted differently from tomllib: a scanner bug, never a
    fault of the input. ``offset`` is where the two parted."""

    def __init__(self, offset: int) -> None:
        super().__init__(f"TOML scanner disagrees with tomllib at offset {offset}")
        self.offset = offset


class TooDeep(Exception):
    """Nesting passed ``Limits.max_depth``; scanning stops there."""

    def __init__(self, problem: LoadProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def string_end(text: str, pos: int, end: int) -> int:
    """Offset just past the string opening at ``pos`` (a quote), or ``end`` if it never closes.

    Never raises and always moves past ``pos``, so it is safe on text that is not valid TOML.
    """
    quote = text[pos]
    if not text.startswith(quote * 3, pos, end):
        match = (_BASIC if quote == '"' else _LITERAL).match(text, pos, end)
        assert match is not None  # both patterns match at a quote
        return match.end()
    close = pos + 3
    while True:
        close = text.find(quote * 3, close, end)
        if close == -1:
            return end
        if quote == "'" or not _escaped(text, close):
            break
        close += 1
    # One or two quotes just inside the closing delimiter belong to the string (TOML 1.0).
    stop = close + 3
    while stop < min(close + 5, end) and text[stop] == quote:
        stop += 1
    return stop


def _escaped(text: str, pos: int) -> bool:
    """Whether ``text[pos]`` follows an odd run of backslashes."""
    run = pos
    while text[run - 1] == "\\":
        run -= 1
    return (pos - run) % 2 == 1


@dataclass(frozen=True, slots=True)
class _KeyPart:
    """One part of a (possibly dotted) key: its name as read and where it is written."""

    name: str
    start: int
    end: int


@dataclass(eq=False, slots=True)
class _Table:
    """A table still being filled: the root, a ``[header]``, a dotted key's or an inline table.

    ``explicit`` is false for a table only implied by a longer header or a dotted key; a later
    ``[header]`` naming it takes it over, span and all.
    """

    data: dict[str, Any]
    depth: int
    start: int
    end: int
    style: Style = Style.BLOCK
    key: _KeyPart | None = None
    index: int | None = None
    explicit: bool = False
    entries: dict[str, _Entry] = field(default_factory=dict)


@dataclass(eq=False, slots=True)
class _TableArray:
    """An array of tables: one ``[[header]]`` per item."""

    data: list[Any]
    depth: int
    start: int
    key: _KeyPart
    items: list[_Table] = field(default_factory=list)


_Entry: TypeAlias = "_Table | _TableArray | Node"


class Scanner:
    """Builds the :class:`Node` tree of ``text[start:end]``, which tomllib parsed into ``data``.

    Every date and time in ``data`` is replaced, in place, by its source text. Raises
    :class:`TooDeep` past the nesting limit and :class:`Mismatch` if it reads the text
    differently from tomllib; nothing else.
    """

    def __init__(self, text: str, start: int, end: int, lines: LineIndex, limits: Limits) -> None:
        self._text = text
        self._start = start
        self._end = end
        self._lines = lines
        self._limits = limits

    def scan(self, data: dict[str, Any]) -> Node:
        root = _Table(data, 0, self._start, self._end, explicit=True)
        section = root
        pos = self._skip(self._start)
        while pos < self._end:
            if self._at(pos, "[["):
                section, pos = self._array_header(root, pos)
            elif self._at(pos, "["):
                section, pos = self._table_header(root, pos)
            else:
                pos = self._key_value(section, pos)
                section.end = max(section.end, pos)
            pos = self._skip(pos)
        return self._freeze(root)

    def _table_header(self, root: _Table, pos: int) -> tuple[_Table, int]:
        parts, after = self._key(pos + 1)
        end = self._expect(after, "]")
        parent = self._walk(root, parts[:-1])
        last = parts[-1]
        table = parent.entries.get(last.name)
        if table is None:
            data = self._child(parent.data, last.name, dict, last.start)
            table = _Table(data, parent.depth + 1, pos, end, key=last)
            self._check_depth(table.depth, last.start, last.end)
            parent.entries[last.name] = table
        elif isinstance(table, _Table) and not table.explicit:
            table.start, table.end, table.key = pos, end, last
        else:
            raise Mismatch(last.start)
        table.explicit = True
        return table, end

    def _array_header(self, root: _Table, pos: int) -> tuple[_Table, int]:
        parts, after = self._key(pos + 2)
        end = self._expect(after, "]]")
        parent = self._walk(root, parts[:-1])
        last = parts[-1]
        array = parent.entries.get(last.name)
        if array is None:
            data = self._child(parent.data, last.name, list, last.start)
            array = _TableArray(data, parent.depth + 1, pos, last)
            self._check_depth(array.depth, last.start, last.end)
            parent.entries[last.name] = array
        elif not isinstance(array, _TableArray):
            raise Mismatch(last.start)
        index = len(array.items)
        item_data = self._child(array.data, index, dict, last.start)
        item = _Table(item_data, array.depth + 1, pos, end, index=index, explicit=True)
        self._check_depth(item.depth, pos, end)
        array.items.append(item)
        return item, end

    def _walk(self, table: _Table, parts: list[_KeyPart]) -> _Table:
        """Follow the leading parts of a header or dotted key, creating implicit tables; an
        array of tables on the way means its last item, as in tomllib."""
        for part in parts:
            child = table.entries.get(part.name)
            if child is None:
                data = self._child(table.data, part.name, dict, part.start)
                child = _Table(data, table.depth + 1, part.start, part.end, key=part)
                self._check_depth(child.depth, part.start, part.end)
                table.entries[part.name] = child
            elif isinstance(child, _TableArray):
                child = child.items[-1]
            elif isinstance(child, Node):
                raise Mismatch(part.start)
            table = child
        return table

    def _key_value(self, section: _Table, pos: int) -> int:
        parts, after = self._key(pos)
        pos = self._skip(self._expect(after, "="))
        table = self._walk(section, parts[:-1])
        last = parts[-1]
        if last.name in table.entries:
            raise Mismatch(last.start)
        node, pos = self._value(pos, table.data, last.name, table.depth + 1, key=last, index=None)
        table.entries[last.name] = node
        return pos

    def _key(self, pos: int) -> tuple[list[_KeyPart], int]:
        """A dotted key's parts and the offset after it (and any whitespace)."""
        parts: list[_KeyPart] = []
        while True:
            pos = self._skip(pos)
            first = self._text[pos : pos + 1]
            if first in ('"', "'"):
                end = string_end(self._text, pos, self._end)
                parts.append(_KeyPart(self._quoted_key(pos, end), pos, end))
            else:
                match = _BARE_KEY.match(self._text, pos, self._end)
                assert match is not None  # `*` matches everywhere
                end = match.end()
                if end == pos:
                    raise Mismatch(pos)
                parts.append(_KeyPart(match.group(), pos, end))
            pos = self._skip(end)
            if not self._at(pos, "."):
                return parts, pos
            pos += 1

    def _quoted_key(self, start: int, end: int) -> str:
        written = self._text[start:end]
        if written.startswith('"') and "\\" in written:
            # Escapes are decoded by tomllib itself, so keys match the data's keys exactly.
            return next(iter(tomllib.loads(f"{written} = 0")))
        return written[1:-1]

    def _value(
        self,
        pos: int,
        holder: Any,
        slot: str | int,
        depth: int,
        *,
        key: _KeyPart | None,
        index: int | None,
    ) -> tuple[Node, int]:
        """The node of the value at ``pos``, which tomllib stored at ``holder[slot]``."""
        self._check_depth(depth, pos, pos + 1)
        first = self._text[pos : pos + 1]
        if first == "[":
            items = self._child(holder, slot, list, pos)
            return self._array(pos, items, depth, key, index)
        if first == "{":
            table = _Table(self._child(holder, slot, dict, pos), depth, pos, pos, Style.FLOW)
            table.key, table.index, table.explicit = key, index, True
            return self._inline_table(table)
        if first in _QUOTE_STYLES:
            end, style = string_end(self._text, pos, self._end), _QUOTE_STYLES[first]
        else:
            match = _BARE_VALUE.match(self._text, pos, self._end)
            assert match is not None  # the second branch matches everywhere
            end, style = match.end(), Style.PLAIN
        if end == pos:
            raise Mismatch(pos)
        value = self._child(holder, slot, object, pos)
        scalar_type = _SCALAR_TYPES.get(type(value))
        if isinstance(value, datetime.date | datetime.time):  # datetime is a date
            value = holder[slot] = self._text[pos:end]
            scalar_type = ScalarType.DATE
        if scalar_type is None:  # a table or array where the text has a scalar
            raise Mismatch(pos)
        return Node(
            NodeKind.SCALAR,
            self._span(pos, end),
            style,
            value=value,
            scalar_type=scalar_type,
            key=key.name if key else None,
            key_span=self._span(key.start, key.end) if key else None,
            index=index,
        ), end

    def _array(
        self, start: int, data: list[Any], depth: int, key: _KeyPart | None, index: int | None
    ) -> tuple[Node, int]:
        children: list[Node] = []
        pos = self._skip(start + 1)
        while not self._at(pos, "]"):
            child, pos = self._value(
                pos, data, len(children), depth + 1, key=None, index=len(children)
            )
            children.append(child)
            pos = self._skip(pos)
            if self._at(pos, ","):
                pos = self._skip(pos + 1)
        if len(children) != len(data):
            raise Mismatch(start)
        node = Node(
            NodeKind.SEQUENCE,
            self._span(start, pos + 1),
            Style.FLOW,
            key=key.name if key else None,
            key_span=self._span(key.start, key.end) if key else None,
            index=index,
            children=tuple(children),
        )
        return node, pos + 1

    def _inline_table(self, table: _Table) -> tuple[Node, int]:
        pos = self._skip(table.start + 1)
        while not self._at(pos, "}"):
            pos = self._skip(self._key_value(table, pos))
            if self._at(pos, ","):
                pos = self._skip(pos + 1)
        table.end = pos + 1
        return self._freeze(table), table.end

    def _freeze(self, entry: _Entry) -> Node:
        """The finished node of a table or array of tables, checked against the data."""
        if isinstance(entry, Node):
            return entry
        if isinstance(entry, _TableArray):
            items = tuple(self._freeze(item) for item in entry.items)
            if len(items) != len(entry.data):
                raise Mismatch(entry.start)
            return Node(
                NodeKind.SEQUENCE,
                self._span(entry.start, entry.items[-1].end),
                Style.BLOCK,
                key=entry.key.name,
                key_span=self._span(entry.key.start, entry.key.end),
                children=items,
            )
        children = tuple(self._freeze(child) for child in entry.entries.values())
        if len(children) != len(entry.data):
            raise Mismatch(entry.start)
        key = entry.key
        return Node(
            NodeKind.MAPPING,
            self._span(entry.start, entry.end),
            entry.style,
            key=key.name if key else None,
            key_span=self._span(key.start, key.end) if key else None,
            index=entry.index,
            children=children,
        )

    def _child(self, holder: Any, slot: str | int, kind: type, offset: int) -> Any:
        """``holder[slot]`` from tomllib's data, which must be a ``kind``."""
        try:
            value = holder[slot]
        except (KeyError, IndexError, TypeError):
            raise Mismatch(offset) from None
        if not isinstance(value, kind):
            raise Mismatch(offset)
        return value

    def _check_depth(self, depth: int, start: int, end: int) -> None:
        if depth > self._limits.max_depth:
            message = f"TOML nesting deeper than {self._limits.max_depth} levels"
            problem = LoadProblem(ProblemKind.NESTING_LIMIT, message, self._span(start, end))
            raise TooDeep(problem)

    def _skip(self, pos: int) -> int:
        match = _GAP.match(self._text, pos, self._end)
        assert match is not None  # `*` matches everywhere
        return match.end()

    def _at(self, pos: int, token: str) -> bool:
        return self._text.startswith(token, pos, self._end)

    def _expect(self, pos: int, token: str) -> int:
        if not self._at(pos, token):
            raise Mismatch(pos)
        return pos + len(token)

    def _span(self, start: int, end: int) -> Span:
        return self._lines.span(start, end)
