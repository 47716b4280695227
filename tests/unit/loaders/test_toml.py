"""TOML loader: tomllib's data with dates as written, and exact spans for every key and value."""

from __future__ import annotations

import datetime
import re
import tomllib
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matterlint.loaders import Limits, Loaded, ProblemKind
from matterlint.loaders import toml as toml_loader
from matterlint.loaders._toml_scan import Mismatch, Scanner
from matterlint.nodes import JSONValue, Node, NodeKind, ScalarType, Style
from matterlint.source import LineIndex, Span
from support import CORPORA, needs_corpora

if TYPE_CHECKING:
    import random
    from pathlib import Path

Where = tuple[int, int, int, int]

POST = (
    "+++\n"
    'title = "Hello"\n'
    "date = 2020-10-01T14:38:05Z\n"
    'tags = ["a", "a"]\n'
    "[params]\n"
    "image = 'x.png'\n"
    "+++\n"
    "body\n"
)


def load(content: str, *, limits: Limits | None = None, newline: str = "\n") -> Loaded:
    """Load ``content`` as the TOML block of a post, so offsets are shifted by a delimiter line."""
    text = f"+++{newline}{content}+++{newline}body{newline}"
    start = len("+++" + newline)
    return toml_loader.load(text, start, start + len(content), LineIndex(text), limits or Limits())


def load_post(text: str) -> Loaded:
    """Load a whole post's block, found by its ``+++`` lines."""
    start = text.index("\n") + 1
    end = text.index("\n+++", start) + 1
    return toml_loader.load(text, start, end, LineIndex(text), Limits())


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
    if node.kind is NodeKind.MAPPING:
        return {child.key or "": plain(child) for child in node.children}
    if node.kind is NodeKind.SEQUENCE:
        return [plain(child) for child in node.children]
    return node.value


def test_post_data_and_spans() -> None:
    loaded = load_post(POST)
    assert loaded.problems == ()
    assert loaded.data == {
        "title": "Hello",
        "date": "2020-10-01T14:38:05Z",
        "tags": ["a", "a"],
        "params": {"image": "x.png"},
    }
    assert loaded.root is not None
    assert where(loaded.root.span) == (2, 1, 7, 1)
    assert (loaded.root.kind, loaded.root.style) == (NodeKind.MAPPING, Style.BLOCK)
    title = at(loaded, "title")
    assert (where(title.key_span), where(title.span)) == ((2, 1, 2, 6), (2, 9, 2, 16))
    assert (title.style, title.scalar_type, title.value) == (
        Style.DOUBLE_QUOTED,
        ScalarType.STRING,
        "Hello",
    )
    date = at(loaded, "date")
    assert where(date.span) == (3, 8, 3, 28)
    assert (date.style, date.scalar_type, date.value) == (
        Style.PLAIN,
        ScalarType.DATE,
        "2020-10-01T14:38:05Z",
    )
    tags = at(loaded, "tags")
    assert (tags.kind, tags.style, where(tags.span)) == (
        NodeKind.SEQUENCE,
        Style.FLOW,
        (4, 8, 4, 18),
    )
    second = at(loaded, "tags", 1)
    assert (second.index, second.key, second.key_span) == (1, None, None)
    assert where(second.span) == (4, 14, 4, 17)
    params = at(loaded, "params")
    assert (params.kind, params.style) == (NodeKind.MAPPING, Style.BLOCK)
    assert (where(params.key_span), where(params.span)) == ((5, 2, 5, 8), (5, 1, 6, 16))
    image = at(loaded, "params", "image")
    assert (image.style, where(image.span)) == (Style.SINGLE_QUOTED, (6, 9, 6, 16))


def test_crlf_keeps_columns_and_reads_breaks_as_lf() -> None:
    loaded = load_post(POST.replace("\n", "\r\n"))
    assert where(at(loaded, "tags", 1).span) == (4, 14, 4, 17)
    assert where(at(loaded, "params").span) == (5, 1, 6, 16)
    multi = load('a = """\r\nx\r\ny"""\r\nb = 1\r\n', newline="\r\n")
    assert multi.data == {"a": "x\ny", "b": 1}
    assert where(at(multi, "a").span) == (2, 5, 4, 5)
    assert where(at(multi, "b").span) == (5, 5, 5, 6)


def test_dotted_keys_make_implicit_tables() -> None:
    loaded = load('a.b.c = 1\na . b . "d.e" = "x"\n')
    assert loaded.data == {"a": {"b": {"c": 1, "d.e": "x"}}}
    a, b = at(loaded, "a"), at(loaded, "a", "b")
    assert (a.kind, a.style, where(a.key_span), where(a.span)) == (
        NodeKind.MAPPING,
        Style.BLOCK,
        (2, 1, 2, 2),
        (2, 1, 2, 2),
    )
    assert (where(b.key_span), [child.key for child in b.children]) == ((2, 3, 2, 4), ["c", "d.e"])
    quoted = at(loaded, "a", "b", "d.e")
    assert (where(quoted.key_span), where(quoted.span)) == ((3, 9, 3, 14), (3, 17, 3, 20))


def test_quoted_keys_are_one_key_each() -> None:
    loaded = load('"a.b" = 1\n\'c.d\' = 2\n"e\\"f\\u00e9" = 3\n"" = 4\n')
    assert loaded.data == {"a.b": 1, "c.d": 2, 'e"fé': 3, "": 4}
    root = loaded.root
    assert root is not None
    assert [where(child.key_span) for child in root.children] == [
        (2, 1, 2, 6),
        (3, 1, 3, 6),
        (4, 1, 4, 13),
        (5, 1, 5, 3),
    ]


def test_inline_tables() -> None:
    loaded = load('author = { name = "Ann", site.url = "u", tags = [1, 2] }\n')
    assert loaded.data == {"author": {"name": "Ann", "site": {"url": "u"}, "tags": [1, 2]}}
    author = at(loaded, "author")
    assert (author.kind, author.style, where(author.span)) == (
        NodeKind.MAPPING,
        Style.FLOW,
        (2, 10, 2, 57),
    )
    assert where(at(loaded, "author", "site", "url").span) == (2, 37, 2, 40)
    assert where(at(loaded, "author", "tags", 1).span) == (2, 53, 2, 54)


def test_arrays_of_tables() -> None:
    loaded = load('[[authors]]\nname = "A"\n\n[[authors]]\nname = "B"\n[authors.social]\nx = 1\n')
    assert loaded.data == {"authors": [{"name": "A"}, {"name": "B", "social": {"x": 1}}]}
    authors = at(loaded, "authors")
    assert (authors.kind, authors.style) == (NodeKind.SEQUENCE, Style.BLOCK)
    assert (where(authors.key_span), where(authors.span)) == ((2, 3, 2, 10), (2, 1, 6, 11))
    first, second = authors.children
    assert (first.kind, first.style, first.index, first.key) == (
        NodeKind.MAPPING,
        Style.BLOCK,
        0,
        None,
    )
    assert (where(first.span), where(second.span), second.index) == (
        (2, 1, 3, 11),
        (5, 1, 6, 11),
        1,
    )
    assert where(at(loaded, "authors", 1, "social", "x").span) == (8, 5, 8, 6)


def test_multi_line_strings_hide_toml_syntax() -> None:
    content = 'a = """\nx = [1] # not a comment\n\\""" still""""\nb = \'\'\'[c]\n= #\'\'\'\'\'\n'
    loaded = load(content)
    assert loaded.data == {"a": 'x = [1] # not a comment\n""" still"', "b": "[c]\n= #''"}
    a, b = at(loaded, "a"), at(loaded, "b")
    assert (a.style, where(a.span)) == (Style.DOUBLE_QUOTED, (2, 5, 4, 15))
    assert (b.style, where(b.span)) == (Style.SINGLE_QUOTED, (5, 5, 6, 9))


def test_unicode_columns_count_code_points() -> None:
    loaded = load('"日本" = ["😀", "b"]\n')
    assert where(at(loaded, "日本").key_span) == (2, 1, 2, 5)
    assert where(at(loaded, "日本", 1).span) == (2, 14, 2, 17)


def test_comments_and_multi_line_arrays() -> None:
    content = '# [fake]\n# a = 1\nb = 2 # c = [3]\nd = [ # [x]\n  1, # y = 2\n  "#",\n]\n'
    loaded = load(content)
    assert loaded.data == {"b": 2, "d": [1, "#"]}
    assert where(at(loaded, "d").span) == (5, 5, 8, 2)
    assert where(at(loaded, "d", 1).span) == (7, 3, 7, 6)


def test_tables_out_of_order_and_implicit_tables_taken_over() -> None:
    loaded = load("[a.b]\nx = 1\n[c]\ny = 2\n[a]\nz = 3\n[a.d]\n")
    assert loaded.data == {"a": {"b": {"x": 1}, "z": 3, "d": {}}, "c": {"y": 2}}
    a = at(loaded, "a")
    assert [child.key for child in a.children] == ["b", "z", "d"]
    assert (where(a.key_span), where(a.span)) == ((6, 2, 6, 3), (6, 1, 7, 6))
    assert where(at(loaded, "a", "d").span) == (8, 1, 8, 6)


@pytest.mark.parametrize(
    ("written", "value", "scalar_type"),
    [
        ("42", 42, ScalarType.INTEGER),
        ("0xff", 255, ScalarType.INTEGER),
        ("1_000", 1000, ScalarType.INTEGER),
        ("-1.5e3", -1500.0, ScalarType.FLOAT),
        ("inf", float("inf"), ScalarType.FLOAT),
        ("true", True, ScalarType.BOOLEAN),
        ("1979-05-27", "1979-05-27", ScalarType.DATE),
        ("07:32:00.5", "07:32:00.5", ScalarType.DATE),
        ("1979-05-27 07:32:00", "1979-05-27 07:32:00", ScalarType.DATE),
        ("1979-05-27T00:32:00.999-07:00", "1979-05-27T00:32:00.999-07:00", ScalarType.DATE),
    ],
)
def test_bare_values(written: str, value: JSONValue, scalar_type: ScalarType) -> None:
    loaded = load(f"v = {written} # note\nw = [{written},{written}]\n")
    node = at(loaded, "v")
    assert (node.value, node.scalar_type, node.style) == (value, scalar_type, Style.PLAIN)
    assert where(node.span) == (2, 5, 2, 5 + len(written))
    assert where(at(loaded, "w", 1).span) == (3, 7 + len(written), 3, 7 + 2 * len(written))
    assert loaded.data == {"v": value, "w": [value, value]}


def test_empty_block_is_an_empty_mapping() -> None:
    loaded = load("# only a comment\n")
    assert loaded.data == {}
    assert loaded.root is not None
    assert (loaded.root.children, where(loaded.root.span)) == ((), (2, 1, 3, 1))


@pytest.mark.parametrize(
    ("content", "message", "position"),
    [
        ('title = "x"\ntags = \n', "TOML: Invalid value", (3, 8, 3, 8)),
        ("a = 1\r\nb = ?\r\n", "TOML: Invalid value", (3, 5, 3, 6)),
        ("[a]\n[a]\n", "TOML: Cannot declare `a` twice", (3, 3, 3, 4)),
        ("a.b = 1\n[a.b.c]\n", "TOML: Cannot overwrite a value", (3, 7, 3, 8)),
        ("d = 2020-02-30\n", "TOML: Invalid date or datetime", (2, 5, 2, 6)),
        ('title = "x', "TOML: Unterminated string", (2, 11, 2, 11)),
    ],
)
def test_syntax_errors(content: str, message: str, position: Where) -> None:
    newline = "\r\n" if "\r" in content else "\n"
    loaded = load(content, newline=newline)
    assert (loaded.root, loaded.data) == (None, None)
    (problem,) = loaded.problems
    assert (problem.kind, problem.message, where(problem.span)) == (
        ProblemKind.SYNTAX,
        message,
        position,
    )


def test_integer_too_long_for_python() -> None:
    (problem,) = load("a = 1\nb = " + "9" * 5000 + "\n").problems
    assert problem.kind is ProblemKind.SYNTAX
    assert problem.message == "TOML: an integer has more than 4300 digits"
    assert where(problem.span) == (3, 5, 3, 6)


@pytest.mark.parametrize("levels", [100, 100_000])
def test_deep_arrays_stop_at_the_limit(levels: int) -> None:
    loaded = load("a = " + "[" * levels + "]" * levels + "\n")
    assert (loaded.root, loaded.data) == (None, None)
    (problem,) = loaded.problems
    assert (problem.kind, problem.message) == (
        ProblemKind.NESTING_LIMIT,
        "TOML nesting deeper than 64 levels",
    )
    assert where(problem.span) == (2, 69, 2, 70)


def test_deep_headers_and_inline_tables_stop_at_the_limit() -> None:
    header = load("[" + ".".join(f"k{i:02}" for i in range(100)) + "]\n")
    assert where(header.problems[0].span) == (2, 258, 2, 261)
    inline = load("a = " + "{b = " * 100 + "1" + "}" * 100 + "\n")
    assert inline.problems[0].kind is ProblemKind.NESTING_LIMIT


def test_too_deep_for_python_under_a_huge_limit() -> None:
    (problem,) = load("a = " + "[" * 100_000 + "\n", limits=Limits(max_depth=10**6)).problems
    assert (problem.kind, problem.message, where(problem.span)) == (
        ProblemKind.NESTING_LIMIT,
        "TOML nesting deeper than Python can read",
        (2, 1, 2, 2),
    )


def test_recursion_in_the_scanner_is_a_nesting_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def recurse(self: Scanner, data: object) -> Node:
        raise RecursionError

    monkeypatch.setattr(Scanner, "scan", recurse)
    (problem,) = load("a = 1\n").problems
    assert (problem.message, where(problem.span)) == (
        "TOML nesting deeper than Python can read",
        (2, 1, 2, 2),
    )


def test_limit_counts_every_level() -> None:
    assert load("a = [[1]]\n", limits=Limits(max_depth=3)).problems == ()
    (problem,) = load("a = [[1]]\n", limits=Limits(max_depth=2)).problems
    assert where(problem.span) == (2, 7, 2, 8)


def test_scanner_reports_disagreement_with_the_data() -> None:
    text = "a = 1\n"
    with pytest.raises(Mismatch):
        Scanner(text, 0, len(text), LineIndex(text), Limits()).scan({"b": 1})


def test_disagreement_is_a_problem_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tomllib, "loads", lambda _: {"a": [1]})
    (problem,) = load("a = 1\n").problems
    assert problem.kind is ProblemKind.SYNTAX
    assert where(problem.span) == (2, 5, 2, 6)


def walk_spans(loaded: Loaded) -> list[Span]:
    spans = [problem.span for problem in loaded.problems]
    if loaded.root is not None:
        for _, node in loaded.root.walk():
            spans.append(node.span)
            if node.key_span is not None:
                spans.append(node.key_span)
    return spans


TOML_CHARS = st.sampled_from([*"ab1 \t=.,\"'[]{}#\n\r\\-:_T+", "\r\n", '"""', "'''", "é"])


@settings(max_examples=300)
@given(st.lists(TOML_CHARS | st.characters(), max_size=40).map("".join), st.text(max_size=5))
def test_arbitrary_text_never_raises(content: str, before: str) -> None:
    text = before + content + "\n+++\n"
    start = len(before)
    loaded = toml_loader.load(text, start, start + len(content), LineIndex(text), Limits())
    for span in walk_spans(loaded):
        assert 0 <= span.start <= span.end <= len(text)
    if loaded.root is not None:
        assert plain(loaded.root) == loaded.data


# A tiny TOML writer: random data written in random but valid styles.
BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
KEYS = st.text(max_size=4) | st.from_regex(BARE_KEY, fullmatch=True)
Dateish = datetime.date | datetime.time


def date_text(value: Dateish) -> str:
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" " if value.second % 2 else "T")
    return value.isoformat()


def as_written(value: object) -> JSONValue:
    """The data the loader should return for generated data: dates as the writer writes them."""
    if isinstance(value, dict):
        return {key: as_written(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_written(item) for item in value]
    if isinstance(value, Dateish):
        return date_text(value)
    assert isinstance(value, str | int | float | bool)
    return value


def escape(text: str, *, keep_newlines: bool = False) -> str:
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif (ord(char) < 0x20 or ord(char) == 0x7F) and not (keep_newlines and char == "\n"):
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    written = "".join(out)
    return "\\n" + written[1:] if written.startswith("\n") else written


def literal_ok(text: str, *, multi_line: bool = False) -> bool:
    allowed = "\t\n" if multi_line else "\t"
    plain_chars = all(ch in allowed or (0x20 <= ord(ch) != 0x7F) for ch in text)
    if multi_line:
        return plain_chars and "'''" not in text and not text.startswith("\n")
    return plain_chars and "'" not in text


def write_string(text: str, rnd: random.Random) -> str:
    style = rnd.randrange(4)
    if style == 1 and literal_ok(text):
        return f"'{text}'"
    if style == 2:
        return f'"""{escape(text, keep_newlines=True)}"""'
    if style == 3 and literal_ok(text, multi_line=True):
        return f"'''{text}'''"
    return f'"{escape(text)}"'


def write_key(key: str, rnd: random.Random) -> str:
    if BARE_KEY.fullmatch(key) and rnd.random() < 0.8:
        return key
    if literal_ok(key) and rnd.random() < 0.5:
        return f"'{key}'"
    return f'"{escape(key)}"'


def write_value(value: object, rnd: random.Random) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return hex(value) if value >= 0 and rnd.random() < 0.2 else str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return write_string(value, rnd)
    if isinstance(value, Dateish):
        return date_text(value)
    if isinstance(value, list):
        items = [write_value(item, rnd) for item in value]
        separator = rnd.choice([", ", ",", " ,\n  # a = [1]\n  "])
        trailing = rnd.choice(["", ",", ", # x\n"]) if items else ""
        return "[" + separator.join(items) + trailing + "]"
    assert isinstance(value, dict)
    pairs = [f"{write_key(key, rnd)} = {write_value(item, rnd)}" for key, item in value.items()]
    return "{" + ", ".join(pairs) + "}"


def write_dotted(out: list[str], prefix: str, table: dict[str, object], rnd: random.Random) -> None:
    for key, value in table.items():
        dotted = f"{prefix}.{write_key(key, rnd)}"
        if isinstance(value, dict) and value and rnd.random() < 0.5:
            write_dotted(out, dotted, value, rnd)
        else:
            out.append(f"{dotted} = {write_value(value, rnd)}\n")


def write_section(
    out: list[str], path: list[str], table: dict[str, object], rnd: random.Random
) -> None:
    later: list[tuple[str, object]] = []
    for key, value in table.items():
        is_tables = isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        if (isinstance(value, dict) or is_tables) and rnd.random() < 0.6:
            later.append((key, value))
        elif isinstance(value, dict) and value and rnd.random() < 0.5:
            write_dotted(out, write_key(key, rnd), value, rnd)
        else:
            equals = rnd.choice([" = ", "=", "\t=  "])
            comment = rnd.choice(["", " # [x] = 'y'"])
            out.append(f"{write_key(key, rnd)}{equals}{write_value(value, rnd)}{comment}\n")
    for key, value in later:
        full = [*path, key]
        header = ".".join(write_key(part, rnd) for part in full)
        for item in value if isinstance(value, list) else [value]:
            assert isinstance(item, dict)
            out.append(f"\n[[{header}]]\n" if isinstance(value, list) else f"[ {header} ]\n")
            write_section(out, full, item, rnd)


SCALARS = (
    st.text(max_size=6)
    | st.integers(-(2**63), 2**63 - 1)
    | st.booleans()
    | st.floats(allow_nan=False)
    | st.dates()
    | st.times()
    | st.datetimes(timezones=st.none() | st.just(datetime.UTC))
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=5), st.randoms(use_true_random=False), st.booleans())
def test_written_documents_round_trip(
    data: dict[str, object], rnd: random.Random, crlf: bool
) -> None:
    out: list[str] = []
    write_section(out, [], data, rnd)
    content = "".join(out)
    if crlf:
        content = content.replace("\n", "\r\n")
    loaded = load(content, newline="\r\n" if crlf else "\n")
    assert loaded.problems == ()
    assert loaded.data == as_written(data)
    assert loaded.root is not None
    assert plain(loaded.root) == loaded.data
    text = ("+++\r\n" if crlf else "+++\n") + content
    for _, node in loaded.root.walk():
        if node.key_span is not None:
            written_key = text[node.key_span.start : node.key_span.end]
            assert next(iter(tomllib.loads(f"{written_key} = 0"))) == node.key
        if node.kind is not NodeKind.SCALAR:
            continue
        written = text[node.span.start : node.span.end]
        if node.scalar_type is ScalarType.DATE:
            assert written == node.value
        else:
            assert tomllib.loads(f"v = {written}")["v"] == node.value


def corpus_posts() -> list[Path]:
    return sorted(
        path
        for name in ("hugo-toml-baldanders", "zola-rust-blog")
        for path in (CORPORA / name).rglob("*")
        if path.is_file()
    )


@pytest.mark.slow
@needs_corpora
def test_corpora_trees_mirror_the_data() -> None:
    posts = corpus_posts()
    assert len(posts) > 1000
    for path in posts:
        loaded = load_post(path.read_text(encoding="utf-8"))
        assert loaded.problems == (), path
        assert loaded.root is not None
        assert plain(loaded.root) == loaded.data, path
