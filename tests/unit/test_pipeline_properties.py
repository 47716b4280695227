"""Arbitrary bytes and YAML-like text through the whole pipeline (decode, block, loaders, every
rule, a schema, the fixer): no exception escapes, no rule fails, every position is in the file."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from matterlint import document
from matterlint.config import Settings
from matterlint.engine import Linter
from matterlint.fixes import repair

SETTINGS = Settings(root=Path.cwd(), unsafe_fixes=True)
LINTER = Linter(SETTINGS, "news-post")
PIECES = st.sampled_from(
    [
        "---",
        "+++",
        "{",
        "}",
        "\n",
        "\r\n",
        "\r",
        " ",
        "\t",
        ":",
        "- ",
        "[",
        "]",
        ",",
        '"',
        "'",
        "#",
        "&a ",
        "*a",
        "<<: ",
        "!!str ",
        "? ",
        "|",
        ">",
        "title",
        "date",
        "categories",
        "image",
        "2020-10-01-14-38-05",
        "http://x y",
        "no",
        "1.10",
        "\u00a0",
        "\u200b",
        "é",
        "\x00",
    ]
)
YAMLISH = st.lists(PIECES, max_size=40).map("".join)


def _check(raw: bytes) -> None:
    doc = document.parse("post.md", raw, SETTINGS.limits)
    outcome = repair(LINTER, "post.md", Path("post.md"), raw, doc)
    assert not [d for d in outcome.before.diagnostics if d.code == "FM901"]
    for diagnostic in outcome.before.diagnostics:
        span = diagnostic.span
        assert 0 <= span.start <= span.end <= len(doc.text)
        assert (span.line, span.column) == doc.lines.position(span.start)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes(raw: bytes) -> None:
    _check(raw)


@settings(max_examples=600, deadline=None)
@given(YAMLISH)
def test_yaml_like_text(text: str) -> None:
    _check(("---\n" + text + "\n---\nbody\n").encode("utf-8", "surrogatepass"))
    _check(text.encode("utf-8", "surrogatepass"))
