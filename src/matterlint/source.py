"""Bytes to text, and offsets to human positions.

Every position matterlint reports is computed here, from offsets into the decoded text. Parsers'
own line numbers are never trusted: PyYAML counts NEL, U+2028 and U+2029 as line breaks (YAML 1.1)
and ``str.splitlines`` adds VT, FF and more, while editors and every CI format count only LF, CR
and CRLF (yaml-pitfalls.md, "Line counting").
"""

from __future__ import annotations

import codecs
from bisect import bisect_right
from dataclasses import dataclass

UTF8_BOM = codecs.BOM_UTF8


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of offsets into the decoded text.

    ``line``/``column`` and ``end_line``/``end_column`` are 1-based; columns count code points.
    ``end_column`` is the column just past the last character, as in Ruff and SARIF. Only
    :class:`LineIndex` makes spans, so the two views never disagree.
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


class LineIndex:
    """Line starts of a text, for offset → (line, column) in O(log n).

    Line breaks are LF, CR and CRLF only. A CRLF pair is one break: an offset between its CR and
    LF belongs to the line the CR ends.
    """

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        starts = [0]
        if "\r" in text:
            i, n = 0, len(text)
            while i < n:
                ch = text[i]
                if ch == "\n":
                    starts.append(i + 1)
                elif ch == "\r":
                    if i + 1 < n and text[i + 1] == "\n":
                        i += 1
                    starts.append(i + 1)
                i += 1
        else:
            find = text.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
        self._starts = starts

    @property
    def line_count(self) -> int:
        """The number of lines; a final line break does not open an extra line."""
        starts = self._starts
        if len(starts) > 1 and starts[-1] == len(self._text):
            return len(starts) - 1
        return len(starts)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of an offset, clamped into the text."""
        offset = max(0, min(offset, len(self._text)))
        row = bisect_right(self._starts, offset) - 1
        return row + 1, offset - self._starts[row] + 1

    def span(self, start: int, end: int) -> Span:
        """The span of ``[start, end)``; offsets are clamped and ordered."""
        size = len(self._text)
        start = max(0, min(start, size))
        end = max(start, min(end, size))
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Span(start, end, line, column, end_line, end_column)

    def line_start(self, line: int) -> int:
        """Offset of the first character of a 1-based line."""
        return self._starts[max(0, min(line, len(self._starts))) - 1]

    def line_end(self, line: int) -> int:
        """Offset of the line break ending a 1-based line (or of the end of the text)."""
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
