from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matterlint.source import LineIndex, decode


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("ab\ncd", 0, (1, 1)),
        ("ab\ncd", 3, (2, 1)),
        ("ab\r\ncd", 4, (2, 1)),
        ("ab\r\ncd", 2, (1, 3)),
        ("ab\rcd", 3, (2, 1)),
        ("a\u0085b\u2028c\nd", 6, (2, 1)),  # NEL and U+2028 are not line breaks for us
        ("é€😀x", 3, (1, 4)),  # columns count code points
    ],
)
def test_position(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert LineIndex(text).position(offset) == expected


def test_span_and_lines() -> None:
    lines = LineIndex("one\r\ntwo  \nthree")
    span = lines.span(5, 8)
    assert (span.line, span.column, span.end_line, span.end_column) == (2, 1, 2, 4)
    assert lines.line_text(2) == "two  "
    assert lines.line_text(3) == "three"
    assert lines.line_count == 3
    assert LineIndex("a\n").line_count == 1


def test_span_clamps_offsets() -> None:
    span = LineIndex("ab").span(5, 1)
    assert (span.start, span.end) == (2, 2)


def test_decode_keeps_bom_aside() -> None:
    decoded = decode(b"\xef\xbb\xbf---\n")
    assert (decoded.text, decoded.bom, decoded.error) == ("---\n", True, None)


def test_decode_points_at_the_first_invalid_byte() -> None:
    decoded = decode(b"---\ntitle: caf\xe9\n---\n")
    assert decoded.error == "not valid UTF-8 (byte 0xe9)"
    assert LineIndex(decoded.text).position(decoded.error_offset) == (2, 11)


def test_decode_calls_nul_bytes_binary() -> None:
    decoded = decode(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert decoded.error == "binary file (it contains NUL bytes)"


def _naive_positions(text: str) -> list[tuple[int, int]]:
    """Line and column of every offset, by walking the text once."""
    out = []
    line, column, i = 1, 1, 0
    while i <= len(text):
        out.append((line, column))
        if i == len(text):
            break
        if text[i] == "\r" and text[i + 1 : i + 2] == "\n":
            out.append((line, column + 1))
            i += 2
            line, column = line + 1, 1
            continue
        if text[i] in "\r\n":
            line, column = line + 1, 1
        else:
            column += 1
        i += 1
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab\r\n\u2028\x85", max_size=40), st.lists(st.integers(0, 45), max_size=10))
def test_the_lazy_index_agrees_with_a_walk_whatever_is_asked_first(
    text: str, offsets: list[int]
) -> None:
    expected = _naive_positions(text)
    index = LineIndex(text)
    for offset in [*offsets, *range(len(text) + 1)]:
        clamped = min(offset, len(text))
        assert index.position(offset) == expected[clamped]
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    assert index.line_count == max(1, breaks + (0 if text.endswith(("\n", "\r")) else 1))
