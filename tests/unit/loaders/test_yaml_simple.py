"""The fast path reads exactly what the full YAML loader reads, or declines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from matterlint.loaders import Limits, yaml_simple
from matterlint.loaders import yaml as full
from matterlint.source import LineIndex

KEYS = st.sampled_from(
    ["title", "date", "on", "yes", "1", "1.5", "2019-06-01", "a_b", "x-y", "<<", "null", "~"]
)
WORDS = st.sampled_from(
    [
        "a",
        "b c",
        "yes",
        "No",
        "3.0",
        "1.10",
        "0777",
        "1:20",
        "0x1F",
        "~",
        "null",
        "",
        "=",
        "2020-10-01",
        "2020-02-30",
        "2020-10-01 14:38:05",
        "http://x.y/z",
        "#tag",
        "a #tag",
        "a: b",
        "a:b",
        "-1",
        "- a",
        "*x",
        "&x y",
        "!x",
        "'q'",
        '"q"',
        "'it''s'",
        '"a\\"b"',
        "[a, b]",
        "[a, [b]]",
        "[]",
        "[ a ,b ]",
        "[a,]",
        "{a: 1}",
        "|",
        ">",
        "é",
        "\u00a0x\u00a0",
        "a\tb",
        "%x",
    ]
)
SPACES = st.sampled_from(["", " ", "  "])
ENDINGS = st.sampled_from(["\n", "\r\n"])


@st.composite
def blocks(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["entry", "entry", "entry", "comment", "blank", "indented"]))
        if kind == "comment":
            line = f"# {draw(WORDS)}"
        elif kind == "blank":
            line = draw(SPACES)
        elif kind == "indented":
            line = f"  - {draw(WORDS)}"
        else:
            comment = draw(st.sampled_from(["", " # c", "  #c"]))
            line = f"{draw(KEYS)}:{draw(SPACES)}{draw(WORDS)}{draw(SPACES)}{comment}"
        lines.append(line + draw(ENDINGS))
    return "".join(lines)


@settings(max_examples=3000, deadline=None)
@given(blocks())
def test_the_fast_path_agrees_with_the_full_loader(content: str) -> None:
    text = f"---\n{content}---\nbody\n"
    lines = LineIndex(text)
    fast = yaml_simple.load(text, 4, 4 + len(content), lines)
    if fast is None:
        return
    reference = full.load_with(full.LOADERS[0], text, 4, 4 + len(content), lines, Limits())
    assert fast == reference
    assert fast.data == reference.data


def test_the_seed_takes_the_fast_path() -> None:
    content = (
        "extends: _layouts.post\nsection: content\nimage: https://x.y/a.jpg \n"
        "title: Trump, Putin and Macron \ndate: 2020-10-01-14-38-05 \n"
        "categories: [latest, latest] \nfeatured: true \n"
    )
    text = f"---\n{content}--- \n"
    lines = LineIndex(text)
    fast = yaml_simple.load(text, 4, 4 + len(content), lines)
    assert fast is not None
    assert fast == full.load_with(full.LOADERS[0], text, 4, 4 + len(content), lines, Limits())
