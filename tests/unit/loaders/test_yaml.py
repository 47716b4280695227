from __future__ import annotations

import time

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from matterlint.loaders import Limits, Loaded, ProblemKind
from matterlint.loaders.yaml import LOADERS, load_with
from matterlint.nodes import Node, NodeKind, ScalarType, Style
from matterlint.source import LineIndex

PARSERS = pytest.mark.parametrize("parser", LOADERS, ids=lambda c: c.__name__)
Parser = type[yaml.SafeLoader] | type[yaml.CSafeLoader]


LIMITS = Limits()


def load(parser: Parser, content: str, limits: Limits = LIMITS) -> tuple[str, Loaded]:
    """Load ``content`` as the block of a file that starts with an opening ``---`` line."""
    text = f"---\n{content}---\nbody\n"
    return text, load_with(parser, text, 4, 4 + len(content), LineIndex(text), limits)


def where(node: Node) -> tuple[int, int, int, int]:
    s = node.span
    return (s.line, s.column, s.end_line, s.end_column)


def test_both_parsers_are_tested() -> None:
    assert yaml.SafeLoader in LOADERS
    assert yaml.__with_libyaml__ is (yaml.CSafeLoader in LOADERS)


@PARSERS
def test_block_and_flow_positions(parser: Parser) -> None:
    _, loaded = load(parser, "title: Hello\ncategories: [latest, latest]\ntags:\n  - a\n  - 'b'\n")
    root = loaded.root
    assert root is not None
    assert loaded.data == {
        "title": "Hello",
        "categories": ["latest", "latest"],
        "tags": ["a", "b"],
    }
    categories = root.get("categories")
    assert categories is not None and categories.style is Style.FLOW
    assert [where(item) for item in categories.children] == [(3, 14, 3, 20), (3, 22, 3, 28)]
    tags = root.get("tags")
    assert tags is not None and tags.style is Style.BLOCK
    assert [where(item) for item in tags.children] == [(5, 5, 5, 6), (6, 5, 6, 8)]
    assert tags.children[1].style is Style.SINGLE_QUOTED
    title = root.get("title")
    assert title is not None and title.key_span is not None
    assert (title.key_span.line, title.key_span.column) == (2, 1)


@PARSERS
def test_dates_stay_as_written(parser: Parser) -> None:
    _, loaded = load(
        parser, "date: 2020-10-01\nwhen: 2020-10-01 14:38:05 +02:00\nbad: 2020-02-30\n"
    )
    assert loaded.data == {
        "date": "2020-10-01",
        "when": "2020-10-01 14:38:05 +02:00",
        "bad": "2020-02-30",
    }
    assert loaded.root is not None
    assert all(c.scalar_type is ScalarType.DATE for c in loaded.root.children)


@PARSERS
def test_yaml11_scalars_are_read_as_pyyaml_reads_them(parser: Parser) -> None:
    _, loaded = load(parser, "a: no\nb: 0777\nc: 1:20\nd: 1.10\ne: ~\nf: =\ng: .inf\n")
    assert loaded.data == {
        "a": False,
        "b": 511,
        "c": 80,
        "d": 1.1,
        "e": None,
        "f": "=",
        "g": float("inf"),
    }


@PARSERS
def test_duplicate_keys_stay_in_the_tree_and_the_last_wins(parser: Parser) -> None:
    _, loaded = load(parser, "title: One\nother: x\ntitle: Two\n")
    assert loaded.data == {"title": "Two", "other": "x"}
    assert loaded.root is not None
    assert [c.key for c in loaded.root.children] == ["title", "other", "title"]
    node = loaded.root.get("title")
    assert node is not None and node.value == "Two"


@PARSERS
def test_non_string_keys_keep_their_text(parser: Parser) -> None:
    _, loaded = load(parser, "on: 1\n1.5: x\nnull: y\n")
    assert loaded.data == {"on": 1, "1.5": "x", "null": "y"}
    assert loaded.root is not None
    assert [c.key_type for c in loaded.root.children] == [
        ScalarType.BOOLEAN,
        ScalarType.FLOAT,
        ScalarType.NULL,
    ]


@PARSERS
def test_complex_keys_are_skipped_and_reported(parser: Parser) -> None:
    _, loaded = load(parser, "? [a, b]\n: value\ntitle: x\n")
    assert loaded.data == {"title": "x"}
    assert [(p.kind, p.span.line, p.span.column) for p in loaded.problems] == [
        (ProblemKind.COMPLEX_KEY, 2, 3)
    ]


@PARSERS
def test_unsafe_tags_never_run(parser: Parser) -> None:
    _, loaded = load(parser, 'x: !!python/object/apply:os.system ["exit 3"]\ny: !custom 1\n')
    assert loaded.data == {"x": ["exit 3"], "y": "1"}
    assert [(p.kind, p.message) for p in loaded.problems] == [
        (ProblemKind.UNSUPPORTED_TAG, "tag `!!python/object/apply:os.system` is not supported"),
        (ProblemKind.UNSUPPORTED_TAG, "tag `!custom` is not supported"),
    ]


@PARSERS
def test_merge_keys(parser: Parser) -> None:
    _, loaded = load(
        parser, "base: &b {layout: post, draft: true}\npost:\n  <<: *b\n  draft: false\n"
    )
    assert loaded.data == {
        "base": {"layout": "post", "draft": True},
        "post": {"layout": "post", "draft": False},
    }
    assert loaded.root is not None
    post = loaded.root.get("post")
    assert post is not None
    layout = post.get("layout")
    assert layout is not None and layout.alias and where(layout) == (2, 19, 2, 23)
    assert [c.key for c in post.children] == ["draft"]  # no duplicate-key with a merged one


@PARSERS
def test_alias_bomb_is_stopped_quickly(parser: Parser) -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        levels.append(f"a{level}: &a{level} [{refs}]")
    started = time.perf_counter()
    _, loaded = load(parser, "\n".join(levels) + "\n")
    assert time.perf_counter() - started < 2
    assert loaded.root is None
    assert [(p.kind, p.message) for p in loaded.problems] == [
        (ProblemKind.ALIAS_LIMIT, "aliases expand to more than 10,000 values")
    ]


@PARSERS
def test_recursive_alias(parser: Parser) -> None:
    _, loaded = load(parser, "a: &x [1, *x]\n")
    assert [(p.kind, p.message) for p in loaded.problems] == [
        (ProblemKind.ALIAS_LIMIT, "alias refers to itself")
    ]


@PARSERS
@pytest.mark.parametrize("depth", [65, 5000])
def test_deep_nesting(parser: Parser, depth: int) -> None:
    _, loaded = load(parser, "a: " + "[" * depth + "]" * depth + "\n")
    assert loaded.root is None
    assert [p.kind for p in loaded.problems] == [ProblemKind.NESTING_LIMIT]


@PARSERS
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "title: Update: the news\n",
            (
                2,
                14,
                "YAML: mapping values are not allowed here (a value containing ': ' must be quoted)",
            ),
        ),
        ("a: [1, 2\n", (3, 1, "YAML: expected ',' or ']'")),
        (
            "a:\n\t- b\n",
            (
                3,
                1,
                "YAML: found character that cannot start any token (a tab; YAML indents with spaces)",
            ),
        ),
        ("t: é€\x07\n", (2, 6, "YAML: character U+0007 is not allowed in YAML")),
    ],
)
def test_syntax_errors_point_at_the_file(
    parser: Parser, content: str, expected: tuple[int, int, str]
) -> None:
    _, loaded = load(parser, content)
    assert loaded.root is None
    assert [(p.span.line, p.span.column, p.message) for p in loaded.problems] == [expected]


@PARSERS
def test_nel_and_line_separator_do_not_shift_lines(parser: Parser) -> None:
    _, loaded = load(parser, "a: 'x\u0085y'\nb: \"p\u2028q\"\nc: 1\n")
    assert loaded.root is not None
    c = loaded.root.get("c")
    assert c is not None and where(c) == (4, 4, 4, 5)


def test_both_parsers_agree_on_the_seed() -> None:
    content = "title: x \ncategories: [latest, latest] \nimage:\ndate: 2020-10-01-14-38-05\n"
    results = [load(parser, content)[1] for parser in LOADERS]
    assert all(r == results[0] for r in results)


_KEYS = st.text(alphabet="abcdefgh_", min_size=1, max_size=6)
_SCALARS = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12),
    st.integers(-1000, 1000),
    st.booleans(),
    st.none(),
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_KEYS, _DATA, max_size=6), st.booleans())
def test_data_round_trips_and_parsers_agree(data: dict[str, object], flow: bool) -> None:
    content = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, sort_keys=False)
    results = [load(parser, content)[1] for parser in LOADERS]
    assert results[0].data == data
    assert all(r == results[0] for r in results)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_loads_without_raising_and_spans_stay_inside(content: str) -> None:
    for parser in LOADERS:
        text, loaded = load(parser, content)
        spans = [p.span for p in loaded.problems]
        if loaded.root is not None:
            for _, node in loaded.root.walk():
                spans.append(node.span)
                if node.key_span is not None:
                    spans.append(node.key_span)
        assert all(0 <= s.start <= s.end <= len(text) for s in spans)
        if loaded.root is not None:
            assert loaded.root.kind in (NodeKind.MAPPING, NodeKind.SEQUENCE, NodeKind.SCALAR)


@PARSERS
def test_a_tab_after_a_value_is_whitespace_in_both_parsers(parser: Parser) -> None:
    # The one "syntax error" of the corpora (an 18F post): only the pure parser rejected it.
    _, loaded = load(parser, 'authors:\n- melody\t\t\n- x\t\nquote: "q\t"\t\n')
    assert loaded.problems == ()
    assert loaded.data == {"authors": ["melody", "x"], "quote": "q\t"}


@PARSERS
def test_a_byte_order_mark_starting_the_block_does_not_shift_positions(parser: Parser) -> None:
    # libyaml skipped it and counted its indexes from after it: every span was one early.
    _, loaded = load(parser, "\ufefftitle: a\nok: no\n")
    assert loaded.root is not None and loaded.problems == ()
    assert loaded.data == {"title": "a", "ok": False}
    title, ok = loaded.root.get("title"), loaded.root.get("ok")
    assert title is not None and title.key_span is not None
    assert (title.key_span.line, title.key_span.column) == (2, 2)
    assert ok is not None and where(ok) == (3, 5, 3, 7)
