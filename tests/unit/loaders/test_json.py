"""JSON loader: the end of a ``{ ... }`` block, json.loads' data, and exact spans."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matterlint.loaders import Limits, Loaded, ProblemKind
from matterlint.loaders import json as json_loader
from matterlint.nodes import JSONValue, Node, NodeKind, ScalarType, Style
from matterlint.source import LineIndex, Span

if TYPE_CHECKING:
    import random

Where = tuple[int, int, int, int]

POST = """{
  "title": "Hello {world}",
  "tags": ["a", "a"],
  "author": {"name": "Ann \\"A\\"", "age": 42, "score": -1.5e3},
  "draft": false,
  "image": null
}
Body with a } brace.
"""


def load(text: str, *, limits: Limits | None = None) -> Loaded:
    """Load the JSON block at the start of ``text``."""
    end = json_loader.find_end(text, 0)
    assert end is not None
    return json_loader.load(text, 0, end, LineIndex(text), limits or Limits())


def where(span: Span | None) -> Where:
    assert span is not None
    return span.line, span.column, span.end_line, span.end_column


def at(loaded: Loaded, *path: str | int) -> Node:
    node = loaded.root
    assert node is not None
    for part in path:
        node = node.get(part)
        assert node is not None, path
    return node


def plain(node: Node) -> JSONValue:
    """The data a tree stands for; a repeated key keeps its last value, as json.loads does."""
    if node.kind is NodeKind.MAPPING:
        return {child.key or "": plain(child) for child in node.children}
    if node.kind is NodeKind.SEQUENCE:
        return [plain(child) for child in node.children]
    return node.value


def test_post_data_and_spans() -> None:
    loaded = load(POST)
    assert loaded.problems == ()
    assert loaded.data == {
        "title": "Hello {world}",
        "tags": ["a", "a"],
        "author": {"name": 'Ann "A"', "age": 42, "score": -1500.0},
        "draft": False,
        "image": None,
    }
    root = loaded.root
    assert root is not None
    assert (root.kind, root.style, where(root.span)) == (NodeKind.MAPPING, Style.FLOW, (1, 1, 7, 2))
    title = at(loaded, "title")
    assert (where(title.key_span), where(title.span)) == ((2, 3, 2, 10), (2, 12, 2, 27))
    assert (title.style, title.scalar_type) == (Style.DOUBLE_QUOTED, ScalarType.STRING)
    tags = at(loaded, "tags")
    assert (tags.kind, tags.style, where(tags.span)) == (
        NodeKind.SEQUENCE,
        Style.FLOW,
        (3, 11, 3, 21),
    )
    second = at(loaded, "tags", 1)
    assert (second.index, second.key, where(second.span)) == (1, None, (3, 17, 3, 20))
    author = at(loaded, "author")
    assert (author.kind, author.style, where(author.span)) == (
        NodeKind.MAPPING,
        Style.FLOW,
        (4, 13, 4, 62),
    )
    name = at(loaded, "author", "name")
    assert (name.value, where(name.span)) == ('Ann "A"', (4, 22, 4, 33))
    age, score = at(loaded, "author", "age"), at(loaded, "author", "score")
    assert (age.value, age.scalar_type, age.style) == (42, ScalarType.INTEGER, Style.PLAIN)
    assert (score.value, score.scalar_type, where(score.span)) == (
        -1500.0,
        ScalarType.FLOAT,
        (4, 55, 4, 61),
    )
    assert at(loaded, "draft").scalar_type is ScalarType.BOOLEAN
    image = at(loaded, "image")
    assert (image.value, image.scalar_type, where(image.span)) == (
        None,
        ScalarType.NULL,
        (6, 12, 6, 16),
    )


def test_duplicate_keys_stay_in_the_tree() -> None:
    loaded = load('{"a": 1, "b": [], "a": {"c": 2}}')
    assert loaded.data == {"a": {"c": 2}, "b": []}
    root = loaded.root
    assert root is not None
    assert [(child.key, where(child.key_span)) for child in root.children] == [
        ("a", (1, 2, 1, 5)),
        ("b", (1, 10, 1, 13)),
        ("a", (1, 19, 1, 22)),
    ]
    assert at(loaded, "a", "c").value == 2


def test_escaped_keys_and_unicode_columns() -> None:
    loaded = load('{"\\u00e9\\"": "😀", "x": "y"}')
    assert loaded.data == {'é"': "😀", "x": "y"}
    assert where(at(loaded, 'é"').key_span) == (1, 2, 1, 12)
    assert where(at(loaded, "x").span) == (1, 24, 1, 27)


def test_crlf_lines() -> None:
    loaded = load('{\r\n  "a": [\r\n    1,\r\n    2\r\n  ]\r\n}\r\nbody')
    assert where(at(loaded, "a").span) == (2, 8, 5, 4)
    assert where(at(loaded, "a", 1).span) == (4, 5, 4, 6)


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("{}", 2),
        ('{"a": "}"} }', 10),
        ('{"a": "\\"}"}\n}', 12),
        ('{"a": "\\\\"}"}', 11),
        ('{"a": {"b": {}}, "c": "{"}\nbody {', 26),
        ('{\n  "a": 1\n}\r\n}', 12),
    ],
)
def test_find_end(text: str, end: int) -> None:
    assert json_loader.find_end(text, 0) == end
    assert json_loader.find_end("xx" + text, 2) == end + 2


@pytest.mark.parametrize("text", ["{", '{"a": 1', '{"a": "}', '{"a": {"b": 1}', '{"a": "x\\'])
def test_find_end_of_an_unclosed_object(text: str) -> None:
    assert json_loader.find_end(text, 0) is None


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ('{"a" 1}', "JSON: Expecting ':' delimiter", (1, 6, 1, 7)),
        (
            '{\n  "a": 1,\n}',
            "JSON: Expecting property name enclosed in double quotes",
            (3, 1, 3, 2),
        ),
        ('{"a": [1, 2}', "JSON: Expecting ',' delimiter", (1, 12, 1, 13)),
        ('{"a": tru}', "JSON: Expecting value", (1, 7, 1, 8)),
        ('{"a":\n', "JSON: Expecting value", (2, 1, 2, 1)),
        ('{"a": NaN}', "JSON: NaN is not a JSON value", (1, 7, 1, 10)),
        ('{"a": [1, -Infinity]}', "JSON: -Infinity is not a JSON value", (1, 11, 1, 20)),
        ('{"a": ' + "9" * 5000 + "}", "JSON: integer with too many digits", (1, 7, 1, 5007)),
    ],
)
def test_syntax_errors(text: str, message: str, position: Where) -> None:
    loaded = json_loader.load(text, 0, len(text), LineIndex(text), Limits())
    assert (loaded.root, loaded.data) == (None, None)
    (problem,) = loaded.problems
    assert (problem.kind, problem.message, where(problem.span)) == (
        ProblemKind.SYNTAX,
        message,
        position,
    )


@pytest.mark.parametrize("levels", [100, 100_000])
def test_deep_nesting_stops_at_the_limit(levels: int) -> None:
    loaded = load('{"a": ' + "[" * levels + "]" * levels + "}")
    assert (loaded.root, loaded.data) == (None, None)
    (problem,) = loaded.problems
    assert (problem.kind, problem.message, where(problem.span)) == (
        ProblemKind.NESTING_LIMIT,
        "JSON nesting deeper than 64 levels",
        (1, 71, 1, 72),
    )


def test_too_deep_for_json_loads_under_a_huge_limit() -> None:
    loaded = load('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", limits=Limits(max_depth=10**6))
    assert (loaded.root, loaded.data) == (None, None)
    (problem,) = loaded.problems
    assert (problem.kind, problem.message, where(problem.span)) == (
        ProblemKind.NESTING_LIMIT,
        "JSON nesting deeper than Python can read",
        (1, 1, 1, 2),
    )


def test_limit_counts_every_level() -> None:
    assert load('{"a": [1]}', limits=Limits(max_depth=2)).problems == ()
    (problem,) = load('{"a": [1]}', limits=Limits(max_depth=1)).problems
    assert where(problem.span) == (1, 8, 1, 9)


def all_spans(loaded: Loaded) -> list[Span]:
    spans = [problem.span for problem in loaded.problems]
    if loaded.root is not None:
        for _, node in loaded.root.walk():
            spans.append(node.span)
            if node.key_span is not None:
                spans.append(node.key_span)
    return spans


JSON_CHARS = st.sampled_from([*'{}[]":,\\ \n\r\t0123456789.eE-+aflnrstu', "NaN", "true"])


@settings(max_examples=300)
@given(st.lists(JSON_CHARS | st.characters(), max_size=50).map("".join))
def test_arbitrary_text_never_raises(body: str) -> None:
    text = "{" + body
    end = json_loader.find_end(text, 0)
    assert end is None or 0 < end <= len(text)
    loaded = json_loader.load(text, 0, end or len(text), LineIndex(text), Limits())
    for span in all_spans(loaded):
        assert 0 <= span.start <= span.end <= len(text)
    if loaded.root is not None:
        assert plain(loaded.root) == loaded.data


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=300)
@given(
    st.dictionaries(st.text(max_size=4), JSON_VALUES, max_size=5),
    st.randoms(use_true_random=False),
    st.text(alphabet='{}"\\\n x'),
)
def test_dumped_documents_round_trip(
    data: dict[str, JSONValue], rnd: random.Random, body: str
) -> None:
    block = json.dumps(data, indent=rnd.choice([None, 2, "\t"]), ensure_ascii=rnd.random() < 0.5)
    text = block + "\n" + body
    assert json_loader.find_end(text, 0) == len(block)
    loaded = load(text)
    assert loaded.problems == ()
    assert loaded.data == data
    assert loaded.root is not None
    assert plain(loaded.root) == data
    for _, node in loaded.root.walk():
        if node.key_span is not None:
            assert json.loads(text[node.key_span.start : node.key_span.end]) == node.key
        if node.kind is NodeKind.SCALAR:
            assert json.loads(text[node.span.start : node.span.end]) == node.value
