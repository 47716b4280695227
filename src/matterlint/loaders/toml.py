"""TOML front matter (Hugo, Zola: between ``+++`` lines) → spanned tree and data.

tomllib decides what the TOML means; :mod:`matterlint.loaders._toml_scan` then finds where each
key and value is written. Dates and times come back as the text the author wrote, as YAML dates
do, so every format hands rules and schemas the same plain data.

tomllib turns CRLF into LF before parsing and counts lines by LF alone, so its ``(at line L,
column C)`` is mapped back to an offset by counting LFs in the original text, never through
:class:`~matterlint.source.LineIndex` (which also breaks lines at a lone CR).
"""

from __future__ import annotations

import re
import sys
import tomllib
from typing import TYPE_CHECKING

from matterlint.loaders import Limits, Loaded, LoadProblem, ProblemKind
from matterlint.loaders._toml_scan import Mismatch, Scanner, TooDeep, string_end

if TYPE_CHECKING:
    from matterlint.source import LineIndex, Span

_POSITION = re.compile(r" \(at (?:line (\d+), column (\d+)|end of document)\)$")
_KEY_TUPLE = re.compile(r"\(((?:'[^'\\]*', )*'[^'\\]*',?)\)")
_LINE_KEY = re.compile(r"([ \t]*)([^=\r\n]*?)[ \t]*=")
_NESTING = re.compile(r"[\"'#\[\]{}]")


def load(text: str, start: int, end: int, lines: LineIndex, limits: Limits) -> Loaded:
    """Load ``text[start:end]``; never raises."""
    try:
        data = tomllib.loads(text[start:end])
    except tomllib.TOMLDecodeError as error:
        return Loaded(None, None, (_syntax(str(error), text, start, end, lines),))
    except RecursionError:  # tomllib recurses for every level of nesting
        offset = _deep_point(text, start, end, limits.max_depth)
        if offset is None:
            return Loaded(None, None, (_unreadably_deep(text, start, end, lines),))
        problem = _too_deep(limits, _point(text, offset, end, lines))
        return Loaded(None, None, (problem,))
    except ValueError:  # int() refuses more than sys.get_int_max_str_digits() digits
        return Loaded(None, None, (_long_integer(text, start, end, lines),))
    try:
        root = Scanner(text, start, end, lines, limits).scan(data)
    except TooDeep as stop:
        return Loaded(None, None, (stop.problem,))
    except RecursionError:  # only when limits.max_depth is set near Python's recursion limit
        return Loaded(None, None, (_unreadably_deep(text, start, end, lines),))
    except Mismatch as error:
        message = "TOML: matterlint cannot follow this valid TOML here (a bug: please report it)"
        span = _point(text, error.offset, end, lines)
        return Loaded(None, None, (LoadProblem(ProblemKind.SYNTAX, message, span),))
    return Loaded(root, data)


def _syntax(message: str, text: str, start: int, end: int, lines: LineIndex) -> LoadProblem:
    """tomllib's message without its position suffix, at the offset that suffix names."""
    offset = end
    position = _POSITION.search(message)
    if position is not None:
        message = message[: position.start()]
        if position.group(1) is not None:
            offset = _offset(text, start, end, int(position.group(1)), int(position.group(2)))
    # tomllib names keys as Python tuples: ('params', 'tags') reads better as `params.tags`.
    message = _KEY_TUPLE.sub(lambda m: "`" + ".".join(m.group(1).split("'")[1::2]) + "`", message)
    if message == "Cannot overwrite a value" and offset < end:
        # tomllib points past the value; the key that repeats is at the start of the line.
        line_start = text.rfind("\n", start, offset) + 1 or start
        key = _LINE_KEY.match(text, line_start, end)
        if key is not None:
            message = f"key `{key.group(2)}` is set twice (TOML does not allow duplicate keys)"
            offset = key.start(2)
    return LoadProblem(ProblemKind.SYNTAX, f"TOML: {message}", _point(text, offset, end, lines))


def _offset(text: str, start: int, end: int, line: int, column: int) -> int:
    """The offset of tomllib's 1-based (line, column), which count LFs only."""
    line_start = start
    for _ in range(line - 1):
        line_start = text.index("\n", line_start, end) + 1
    return line_start + column - 1


def _point(text: str, offset: int, end: int, lines: LineIndex) -> Span:
    """One character at ``offset``; zero-width at the end of the content or at a line break,
    which has no column of its own to underline."""
    if offset >= end or text[offset] in "\r\n":
        return lines.span(offset, offset)
    return lines.span(offset, offset + 1)


def _too_deep(limits: Limits, span: Span) -> LoadProblem:
    message = f"TOML nesting deeper than {limits.max_depth} levels"
    return LoadProblem(ProblemKind.NESTING_LIMIT, message, span)


def _unreadably_deep(text: str, start: int, end: int, lines: LineIndex) -> LoadProblem:
    """Nesting within the configured limit but past Python's recursion limit."""
    message = "TOML nesting deeper than Python can read"
    return LoadProblem(ProblemKind.NESTING_LIMIT, message, _point(text, start, end, lines))


def _deep_point(text: str, start: int, end: int, max_depth: int) -> int | None:
    """Where brackets first nest past ``max_depth``, strings and comments skipped, if they do.
    For text too deep for tomllib, which is therefore not known to be valid."""
    depth = 0
    pos = start
    while (match := _NESTING.search(text, pos, end)) is not None:
        pos = match.start()
        char = match.group()
        if char in "\"'":
            pos = string_end(text, pos, end)
            continue
        if char == "#":
            newline = text.find("\n", pos, end)
            pos = end if newline == -1 else newline
            continue
        if char in "[{":
            depth += 1
            if depth > max_depth:
                return pos
        else:
            depth -= 1
        pos += 1
    return None


def _long_integer(text: str, start: int, end: int, lines: LineIndex) -> LoadProblem:
    limit = sys.get_int_max_str_digits()
    long_run = re.compile(rf"[0-9A-Za-z_]{{{limit + 1},}}").search(text, start, end)
    offset = long_run.start() if long_run is not None else start
    message = f"TOML: an integer has more than {limit} digits"
    return LoadProblem(ProblemKind.SYNTAX, message, _point(text, offset, end, lines))
