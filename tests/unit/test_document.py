from __future__ import annotations

import pytest

from matterlint.document import Format, parse
from matterlint.loaders import Limits, ProblemKind
from matterlint.nodes import NodeKind


def block_of(raw: bytes) -> tuple[Format, int, int | None, str] | None:
    doc = parse("post.md", raw, Limits())
    if doc.block is None:
        return None
    block = doc.block
    closing = block.closing.line if block.closing is not None else None
    return (
        block.format,
        block.opening.line,
        closing,
        doc.text[block.content.start : block.content.end],
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"---\na: 1\n---\nbody\n", (Format.YAML, 1, 3, "a: 1\n")),
        (b"--- \na: 1\n... \nbody\n", (Format.YAML, 1, 3, "a: 1\n")),
        (b"---\r\na: 1\r\n---\r\nbody\r\n", (Format.YAML, 1, 3, "a: 1\r\n")),
        (b"---\ra: 1\r---\rbody\r", (Format.YAML, 1, 3, "a: 1\r")),
        (b"\xef\xbb\xbf---\na: 1\n---\n", (Format.YAML, 1, 3, "a: 1\n")),
        (b"\n  \n---\na: 1\n---\n", (Format.YAML, 3, 5, "a: 1\n")),
        (b"---\n---\n", (Format.YAML, 1, 2, "")),
        (b"---\na: 1\nno end\n", (Format.YAML, 1, None, "a: 1\nno end\n")),
        (b"---", (Format.YAML, 1, None, "")),
        (b"+++\na = 1\n+++\n", (Format.TOML, 1, 3, "a = 1\n")),
        (b'{\n  "a": "}"\n}\nbody\n', (Format.JSON, 1, 3, '{\n  "a": "}"\n}')),
        (b'{"a": 1}\nbody\n', (Format.JSON, 1, 1, '{"a": 1}')),
        (b"----\na: 1\n----\n", None),
        (b"{{< figure >}}\n", None),
        (b"# Title\n", None),
        (b"", None),
    ],
)
def test_find_block(raw: bytes, expected: tuple[Format, int, int | None, str] | None) -> None:
    assert block_of(raw) == expected


def test_block_spans_and_leading_blank_lines() -> None:
    doc = parse("post.md", b"\n\n---\ntitle: x\n--- \nbody\n", Limits())
    assert doc.block is not None and doc.block.leading is not None
    assert (doc.block.leading.line, doc.block.leading.end_line) == (1, 3)
    assert doc.block.closing is not None
    assert doc.text[doc.block.closing.start : doc.block.closing.end] == "--- "
    assert doc.data == {"title": "x"}


def test_unclosed_block_is_not_parsed() -> None:
    doc = parse("post.md", b"---\ntitle: [\n\nbody text\n", Limits())
    assert doc.root is None and doc.problems == ()


def test_undecodable_file_is_not_parsed() -> None:
    doc = parse("post.md", b"---\nt: caf\xe9\n---\n", Limits())
    assert not doc.readable
    assert [(p.kind, p.span.line, p.span.column) for p in doc.problems] == [
        (ProblemKind.NOT_TEXT, 2, 7)
    ]
    assert doc.block is None


def test_locate_follows_a_schema_path() -> None:
    doc = parse("post.md", b"---\na:\n  b: [x, y]\n---\n", Limits())
    node, depth = doc.locate(("a", "b", 1))
    assert depth == 3 and node is not None and node.value == "y"
    node, depth = doc.locate(("a", "missing", 0))
    assert depth == 1 and node is not None and node.kind is NodeKind.MAPPING
