"""Bytes to text, and offsets to human positions.

Every position matterlint reports is computed here, from offsets into the decoded text. Parsers'
own line numbers are never trusted: PyYAML counts NEL, U+2028 and U+2029 as line breaks (YAML 1.1)
and ``str.splitlines`` adds VT, FF and more, while editors and every CI format count only LF, CR
and CRLF (yaml-pitfalls.md, "Line counting").
"""

from __future__ import annotations

import codecs
import os
import re
from bisect import bisect_right
from dataclasses import dataclass

UTF8_BOM = codecs.BOM_UTF8
_BREAK = re.compile(r"\r\n|\r|\n")
# How posts and cache entries are opened: non-blocking, so that opening a FIFO returns at once
# (it is then not read); binary, so that Windows does not translate line breaks.
READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def read_all(descriptor: int, size: int) -> bytes:
    """A file's bytes, read until its end: it may have grown since ``size`` was known, a read
    may return less than asked (network file systems), and ``/proc`` files have no size.
    One ``read`` on a descriptor costs less than a file object's ``readall``."""
    parts = [os.read(descriptor, size + 1)]
    while chunk := os.read(descriptor, 1 << 16):
        parts.append(chunk)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def write_all(descriptor: int, data: bytes) -> None:
    """Write every byte: ``write`` may write less than asked (a pipe, a signal)."""
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


class Span:
    """A half-open range ``[start, end)`` of offsets into the decoded text.

    ``line``/``column`` and ``end_line``/``end_column`` are 1-based; columns count code points.
    ``end_column`` is the column just past the last character, as in Ruff and SARIF. Only
    :class:`LineIndex` makes spans, so the two views never disagree. Lines and columns are
    worked out when first asked for: a post has dozens of spans and a report needs a few.
    Spans are immutable and compare by their offsets. A span sent to another process (a
    worker's result) travels with its positions worked out, not with the text they index.
    """

    __slots__ = ("_index", "_position", "end", "start")

    def __init__(self, start: int, end: int, index: LineIndex | None) -> None:
        self.start = start
        self.end = end
        self._index = index
        self._position: tuple[int, int, int, int] | None = None

    def _resolve(self) -> tuple[int, int, int, int]:
        if self._position is None:
            assert self._index is not None  # only resolved spans lose their index
            self._position = (*self._index.position(self.start), *self._index.position(self.end))
            self._index = None
        return self._position

    def __reduce__(self) -> tuple[object, tuple[int, int, tuple[int, int, int, int]]]:
        return (_resolved_span, (self.start, self.end, self._resolve()))

    @property
    def line(self) -> int:
        return self._resolve()[0]

    @property
    def column(self) -> int:
        return self._resolve()[1]

    @property
    def end_line(self) -> int:
        return self._resolve()[2]

    @property
    def end_column(self) -> int:
        return self._resolve()[3]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return self.start == other.start and self.end == other.end

    def __hash__(self) -> int:
        return hash((self.start, self.end))

    def __repr__(self) -> str:
        line, column, end_line, end_column = self._resolve()
        return f"Span({self.start}, {self.end}, {line}:{column}-{end_line}:{end_column})"


def _resolved_span(start: int, end: int, position: tuple[int, int, int, int]) -> Span:
    span = Span(start, end, None)
    span._position = position
    return span


class LineIndex:
    """Line starts of a text, for offset → (line, column) in O(log n).

    Line breaks are LF, CR and CRLF only. A CRLF pair is one break: an offset between its CR and
    LF belongs to the line the CR ends. Lines are found as far as they are asked for: a post is
    5 to 30 KB and the front matter its first few hundred bytes.
    """

    __slots__ = ("_done", "_scanned", "_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = [0]
        self._scanned = 0
        self._done = not text

    def _extend(self, offset: int) -> None:
        """Find line breaks until one lies past ``offset``, or the text ends."""
        if self._done or offset < self._scanned:
            return
        starts = self._starts
        for found in _BREAK.finditer(self._text, self._scanned):
            end = found.end()
            starts.append(end)
            if end > offset:
                self._scanned = end
                return
        self._scanned = len(self._text)
        self._done = True

    def _lines(self, count: int) -> None:
        """Find line breaks until ``count`` line starts are known, or the text ends."""
        while len(self._starts) < count and not self._done:
            self._extend(self._scanned)

    @property
    def line_count(self) -> int:
        """The number of lines; a final line break does not open an extra line."""
        self._extend(len(self._text))
        starts = self._starts
        if len(starts) > 1 and starts[-1] == len(self._text):
            return len(starts) - 1
        return len(starts)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of an offset, clamped into the text."""
        offset = max(0, min(offset, len(self._text)))
        self._extend(offset)
        row = bisect_right(self._starts, offset) - 1
        return row + 1, offset - self._starts[row] + 1

    def span(self, start: int, end: int) -> Span:
        """The span of ``[start, end)``; offsets are clamped and ordered."""
        size = len(self._text)
        if not 0 <= start <= end <= size:  # clamping only what needs it: spans are made often
            start = max(0, min(start, size))
            end = max(start, min(end, size))
        return Span(start, end, self)

    def line_start(self, line: int) -> int:
        """Offset of the first character of a 1-based line."""
        self._lines(line)
        return self._starts[max(0, min(line, len(self._starts))) - 1]

    def line_end(self, line: int) -> int:
        """Offset of the line break ending a 1-based line (or of the end of the text)."""
        self._lines(line + 1)
        if line < len(self._starts):
            end = self._starts[line]
            text = self._text
            if end >= 1 and text[end - 1] == "\n":
                end -= 1
            if end >= 1 and text[end - 1] == "\r":
                end -= 1
            return end
        return len(self._text)

    def line_text(self, line: int) -> str:
        """A 1-based line's text, without its line break."""
        return self._text[self.line_start(line) : self.line_end(line)]

    def line_span(self, line: int) -> Span:
        """The span of a whole 1-based line, without its line break."""
        return self.span(self.line_start(line), self.line_end(line))


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from UTF-8; a byte-order mark is removed here and remembered in ``bom``.

    When the bytes are not text, ``error`` says why and ``error_offset`` points at the first bad
    character of ``text``, which then holds the bytes decoded with replacement characters, so the
    problem can still be reported at a line and column.
    """

    text: str
    bom: bool
    error: str | None = None
    error_offset: int = 0


def decode(raw: bytes) -> Decoded:
    """Decode a post's bytes; never raises.

    A NUL byte in the first 8 KiB marks a binary file (the heuristic of git and grep): such a
    file is not text a generator would read, so it is reported rather than parsed.
    """
    bom = raw.startswith(UTF8_BOM)
    body = raw[len(UTF8_BOM) :] if bom else raw
    nul = body.find(b"\x00", 0, 8192)
    if nul != -1:
        text = body.decode("utf-8", errors="replace")
        offset = len(body[:nul].decode("utf-8", errors="replace"))
        return Decoded(text, bom, "binary file (it contains NUL bytes)", offset)
    try:
        return Decoded(body.decode("utf-8"), bom)
    except UnicodeDecodeError as error:
        text = body.decode("utf-8", errors="replace")
        offset = len(body[: error.start].decode("utf-8", errors="replace"))
        byte = body[error.start : error.start + 1].hex()
        return Decoded(text, bom, f"not valid UTF-8 (byte 0x{byte})", offset)
