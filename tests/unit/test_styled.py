"""The fast writer of report lines writes exactly what ``Console.print`` writes."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from matterlint.reporters.styled import StyledWriter

ENVIRONMENTS = [
    {},
    {"FORCE_COLOR": "1", "TERM": "xterm"},
    {"FORCE_COLOR": "1", "TERM": "xterm-256color"},
    {"FORCE_COLOR": "1", "COLORTERM": "truecolor"},
    {"FORCE_COLOR": "1", "COLORTERM": "truecolor", "NO_COLOR": "1"},
]
STYLES = st.sampled_from(["bold", "bold red", "yellow", "dim", "bold underline", "cyan", "blue"])


@st.composite
def texts(draw: st.DrawFn) -> Text:
    plain = draw(st.text(alphabet="ab \t\n界|^=…", max_size=20))
    text = Text(plain, style=draw(st.just("") | STYLES))
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(plain)))
        text.stylize(draw(STYLES), start, draw(st.integers(start, len(plain))))
    return text


@pytest.mark.parametrize("environ", ENVIRONMENTS, ids=lambda e: ",".join(e) or "plain")
def test_lines_are_written_as_console_print_writes_them(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str]
) -> None:
    for name in ("FORCE_COLOR", "NO_COLOR", "TERM", "COLORTERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.none() | texts(), max_size=4))
    def check(lines: list[Text | None]) -> None:
        fast, slow = io.StringIO(), io.StringIO()
        writer = StyledWriter(fast)
        console = Console(file=slow, highlight=False, soft_wrap=True, emoji=False)
        for line in lines:
            writer.line(line)
            console.print(*(() if line is None else (line,)))
        assert fast.getvalue() == slow.getvalue()

    check()
