"""Properties of --fix over generated posts: idempotent, body untouched, still parses, and no
safe-fixable problem left."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from matterlint import document
from matterlint.config import Settings
from matterlint.diagnostics import Applicability
from matterlint.engine import Linter
from matterlint.fixes import repair

LINTER = Linter(Settings(root=Path.cwd()))
WORDS = st.text(alphabet="abcdefghij", min_size=1, max_size=6)
SPACES = st.sampled_from(["", "", " ", "  ", "\t", " \t"])
DATES = st.sampled_from(
    ["2020-10-01-14-38-05", "2020-10-01", "2019-09-05 9:00:00", "2016-06-13 10:00:00 -4"]
)


@st.composite
def lists(draw: st.DrawFn, key: str, newline: str) -> list[str]:
    items = draw(st.lists(WORDS, min_size=1, max_size=5))
    items += draw(st.lists(st.sampled_from(items), max_size=3))  # duplicates
    items = draw(st.permutations(items))
    if draw(st.booleans()):
        return [f"{key}: [{', '.join(items)}]{draw(SPACES)}"]
    lines = [f"{key}:{draw(SPACES)}"]
    indent = draw(st.sampled_from(["", "  "]))
    for item in items:
        comment = draw(st.sampled_from(["", "", "  # note"]))
        lines.append(f"{indent}- {item}{comment}{draw(SPACES)}")
    return lines


@st.composite
def posts(draw: st.DrawFn) -> tuple[bytes, bytes]:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    keys = draw(st.lists(WORDS, min_size=1, max_size=5, unique=True))
    lines = ["---" + draw(SPACES)]
    for key in keys:
        kind = draw(st.sampled_from(["text", "list", "comment"]))
        if kind == "list":
            lines.extend(draw(lists(key, newline)))
        elif kind == "comment":
            lines.append(f"# {draw(WORDS)}{draw(SPACES)}")
        else:
            lines.append(f"{key}: {draw(WORDS)} {draw(WORDS)}{draw(SPACES)}")
    lines.append(f"date: {draw(DATES)}{draw(SPACES)}")
    lines.append("---" + draw(SPACES))
    blank = draw(st.sampled_from(["", newline, newline * 2]))
    head = (blank + newline.join(lines) + newline).encode("utf-8")
    body = draw(st.text(max_size=60)).replace("\x00", "").encode("utf-8")
    return head, body


def fixed(raw: bytes) -> bytes:
    doc = document.parse("post.md", raw, LINTER.settings.limits)
    outcome = repair(LINTER, "post.md", Path("post.md"), raw, doc)
    return outcome.data if outcome.data is not None else raw


@settings(max_examples=200, deadline=None)
@given(posts())
def test_fixing_is_idempotent_keeps_the_body_and_leaves_nothing_safe_to_fix(
    post: tuple[bytes, bytes],
) -> None:
    head, body = post
    raw = head + body
    once = fixed(raw)
    assert fixed(once) == once
    assert once.endswith(body)
    doc = document.parse("post.md", once, LINTER.settings.limits)
    assert doc.problems == ()
    assert isinstance(doc.data, dict)
    result = LINTER.check(doc, Path("post.md"))
    assert not [
        d
        for d in result.diagnostics
        if d.fix is not None and d.fix.applicability is Applicability.SAFE
    ]


@settings(max_examples=100, deadline=None)
@given(posts(), st.binary(min_size=1, max_size=20))
def test_a_file_that_is_not_text_is_never_changed(post: tuple[bytes, bytes], junk: bytes) -> None:
    raw = post[0] + b"\xff" + junk
    assert fixed(raw) == raw
