"""JSON front matter (Hugo's ``{ ... }`` block) → spanned tree and data.

``json.loads`` decides what the JSON means; a small scanner finds where each value is written,
because the json module gives no positions. The scanner keeps its own stack instead of recursing,
so 100,000 nested brackets cost a loop, not a crash. Duplicate keys stay in the tree, where the
duplicate-key rule finds them; the data keep the last, as ``json.loads`` does.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NoReturn

from matterlint.loaders import Limits, Loaded, LoadProblem, ProblemKind
from matterlint.nodes import JSONScalar, JSONValue, Node, NodeKind, ScalarType, Style

if TYPE_CHECKING:
    from matterlint.source import LineIndex, Span

_BRACE_OR_QUOTE = re.compile(r'["{}]')
# Unrolled, so a long string costs linear time: runs of plain characters between escapes.
_STRING_BODY = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*', re.DOTALL)
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_WORDS: dict[str, tuple[JSONScalar, ScalarType]] = {
    "true": (True, ScalarType.BOOLEAN),
    "false": (False, ScalarType.BOOLEAN),
    "null": (None, ScalarType.NULL),
}
_CONSTANTS = ("NaN", "Infinity", "-Infinity")
_CLOSERS = {NodeKind.MAPPING: "}", NodeKind.SEQUENCE: "]"}


def find_end(text: str, start: int) -> int | None:
    """Offset just past the ``}`` closing the object whose ``{`` is at ``start``, or ``None``.

    Counts braces outside strings only, so ``"}"`` and ``"\\"}"`` inside a value do not end the
    block. One pass, no recursion: the block's end must be found before anything is parsed.
    """
    depth = 0
    pos = start
    while (match := _BRACE_OR_QUOTE.search(text, pos)) is not None:
        pos = match.end()
        char = match.group()
        if char == '"':
            body = _STRING_BODY.match(text, pos)
            assert body is not None  # `*` matches everywhere
            # Past the closing quote; past the end (so the search fails) if there is none.
            pos = body.end() + 1
        elif char == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return pos
    return None


def load(text: str, start: int, end: int, lines: LineIndex, limits: Limits) -> Loaded:
    """Load ``text[start:end]``; never raises."""
    late: LoadProblem | None = None
    data: JSONValue = None
    try:
        data = json.loads(text[start:end], parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        span = _point(text, start + error.pos, end, lines)
        return Loaded(None, None, (LoadProblem(ProblemKind.SYNTAX, f"JSON: {error.msg}", span),))
    except RecursionError:  # the json module recurses for every level; the scanner says where
        message = "JSON nesting deeper than Python can read"
        late = LoadProblem(ProblemKind.NESTING_LIMIT, message, _point(text, start, end, lines))
    except ValueError as error:  # NaN, Infinity, or an integer too long for int(): likewise
        late = LoadProblem(ProblemKind.SYNTAX, f"JSON: {error}", _point(text, start, end, lines))
    try:
        root = _Scanner(text, start, end, lines, limits).scan()
    except _Stop as stop:
        return Loaded(None, None, (stop.problem,))
    if late is not None:
        return Loaded(None, None, (late,))
    return Loaded(root, data)


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a JSON value")


def _point(text: str, offset: int, end: int, lines: LineIndex) -> Span:
    """One character at ``offset``; zero-width at the end of the content or at a line break,
    which has no column of its own to underline."""
    if offset >= end or text[offset] in "\r\n":
        return lines.span(offset, offset)
    return lines.span(offset, offset + 1)


class _Stop(Exception):
    """Abandons scanning at a problem the scanner located."""

    def __init__(self, problem: LoadProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class _Place:
    """Where the value about to be read sits in its parent."""

    key: str | None = None
    key_span: Span | None = None
    index: int | None = None


@dataclass(eq=False, slots=True)
class _Open:
    """An object or array whose closing bracket is still ahead."""

    kind: NodeKind
    start: int
    place: _Place
    children: list[Node] = field(default_factory=list)


class _Scanner:
    """Builds the tree of one JSON value with an explicit stack of open containers.

    Checks what it reads, so it can also say where ``json.loads`` failed without a position
    (NaN, a too-long integer, too much nesting). Raises only :class:`_Stop`.
    """

    def __init__(self, text: str, start: int, end: int, lines: LineIndex, limits: Limits) -> None:
        self._text = text
        self._start = start
        self._end = end
        self._lines = lines
        self._limits = limits

    def scan(self) -> Node:
        stack: list[_Open] = []
        place = _Place()
        pos = self._skip(self._start)
        while True:
            if len(stack) > self._limits.max_depth:
                message = f"JSON nesting deeper than {self._limits.max_depth} levels"
                raise _Stop(LoadProblem(ProblemKind.NESTING_LIMIT, message, self._point(pos)))
            char = self._text[pos : pos + 1]
            if char in ("{", "["):
                kind = NodeKind.MAPPING if char == "{" else NodeKind.SEQUENCE
                opened = _Open(kind, pos, place)
                pos = self._skip(pos + 1)
                if not self._at(pos, _CLOSERS[kind]):
                    stack.append(opened)
                    place, pos = self._place(opened, pos)
                    continue
                node, pos = self._close(opened, pos + 1), pos + 1
            else:
                node, pos = self._scalar(pos, place)
            # Attach the finished value, and close every container that ends right after it.
            while True:
                if not stack:
                    return node
                top = stack[-1]
                top.children.append(node)
                pos = self._skip(pos)
                if self._at(pos, ","):
                    place, pos = self._place(top, self._skip(pos + 1))
                    break
                if not self._at(pos, _CLOSERS[top.kind]):
                    self._fail(pos, "JSON: expected ',' or a closing bracket")
                node, pos = self._close(stack.pop(), pos + 1), pos + 1

    def _place(self, container: _Open, pos: int) -> tuple[_Place, int]:
        """The place of the next value in ``container``; for an object, reads its key."""
        if container.kind is NodeKind.SEQUENCE:
            return _Place(index=len(container.children)), pos
        if not self._at(pos, '"'):
            self._fail(pos, "JSON: expected a key in double quotes")
        end = self._string_end(pos)
        key = self._decode(pos, end)
        after = self._skip(end)
        if not self._at(after, ":"):
            self._fail(after, "JSON: expected ':' after a key")
        return _Place(key, self._span(pos, end)), self._skip(after + 1)

    def _scalar(self, pos: int, place: _Place) -> tuple[Node, int]:
        text = self._text
        value: JSONScalar
        if self._at(pos, '"'):
            end = self._string_end(pos)
            value, scalar_type, style = (
                self._decode(pos, end),
                ScalarType.STRING,
                Style.DOUBLE_QUOTED,
            )
        elif (number := _NUMBER.match(text, pos, self._end)) is not None:
            end, style = number.end(), Style.PLAIN
            value, scalar_type = self._number(number)
        else:
            word = next((word for word in _WORDS if self._at(pos, word)), None)
            if word is None:
                constant = next((c for c in _CONSTANTS if self._at(pos, c)), None)
                if constant is not None:
                    self._fail(pos, f"JSON: {constant} is not a JSON value", len(constant))
                self._fail(pos, "JSON: expected a value")
            end, style = pos + len(word), Style.PLAIN
            value, scalar_type = _WORDS[word]
        node = Node(
            NodeKind.SCALAR,
            self._span(pos, end),
            style,
            value=value,
            scalar_type=scalar_type,
            key=place.key,
            key_span=place.key_span,
            index=place.index,
        )
        return node, end

    def _number(self, number: re.Match[str]) -> tuple[JSONScalar, ScalarType]:
        written = number.group()
        if number.group(1) is None and number.group(2) is None:
            try:
                return int(written), ScalarType.INTEGER
            except ValueError:  # more digits than sys.get_int_max_str_digits()
                self._fail(number.start(), "JSON: integer with too many digits", len(written))
        return float(written), ScalarType.FLOAT

    def _string_end(self, pos: int) -> int:
        """Offset just past the string whose opening quote is at ``pos``."""
        body = _STRING_BODY.match(self._text, pos + 1, self._end)
        assert body is not None  # `*` matches everywhere
        if not self._at(body.end(), '"'):
            self._fail(pos, "JSON: unterminated string")
        return body.end() + 1

    def _decode(self, start: int, end: int) -> str:
        written = self._text[start:end]
        if "\\" not in written:
            return written[1:-1]
        try:
            return str(json.loads(written))
        except json.JSONDecodeError as error:
            self._fail(start + error.pos, f"JSON: {error.msg}")

    def _close(self, opened: _Open, end: int) -> Node:
        place = opened.place
        return Node(
            opened.kind,
            self._span(opened.start, end),
            Style.FLOW,
            key=place.key,
            key_span=place.key_span,
            index=place.index,
            children=tuple(opened.children),
        )

    def _fail(self, offset: int, message: str, width: int = 1) -> NoReturn:
        span = self._span(offset, offset + width) if width > 1 else self._point(offset)
        raise _Stop(LoadProblem(ProblemKind.SYNTAX, message, span))

    def _skip(self, pos: int) -> int:
        match = _WHITESPACE.match(self._text, pos, self._end)
        assert match is not None  # `*` matches everywhere
        return match.end()

    def _at(self, pos: int, token: str) -> bool:
        return self._text.startswith(token, pos, self._end)

    def _point(self, offset: int) -> Span:
        return _point(self._text, offset, self._end, self._lines)

    def _span(self, start: int, end: int) -> Span:
        return self._lines.span(start, end)
