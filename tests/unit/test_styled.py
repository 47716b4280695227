"""The fast writer of report lines writes exactly what ``Console.print`` writes, and decides
without rich exactly when rich would write no escape code."""

from __future__ import annotations

import ast
import builtins
import io
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from matterlint.reporters.styled import Line, StyledWriter, cell_len, plain_output
from support import ROOT

ENVIRONMENTS = [
    {},
    {"FORCE_COLOR": "1", "TERM": "xterm"},
    {"FORCE_COLOR": "1", "TERM": "xterm-256color"},
    {"FORCE_COLOR": "1", "COLORTERM": "truecolor"},
    {"FORCE_COLOR": "1", "COLORTERM": "truecolor", "NO_COLOR": "1"},
    {"TTY_COMPATIBLE": "1", "TERM": "xterm"},
]
COLOUR_VARIABLES = ("FORCE_COLOR", "NO_COLOR", "TERM", "COLORTERM", "TTY_COMPATIBLE")
STYLES = st.sampled_from(["bold", "bold red", "yellow", "dim", "bold underline", "cyan", "blue"])


@st.composite
def lines(draw: st.DrawFn) -> Line:
    pieces = st.text(alphabet="ab \t\n界|^=…", max_size=8)
    line = Line(draw(pieces), style=draw(st.just("") | STYLES))
    for _ in range(draw(st.integers(0, 3))):
        line.append(draw(pieces), draw(st.none() | STYLES))
    return line


@pytest.mark.parametrize("environ", ENVIRONMENTS, ids=lambda e: ",".join(e) or "plain")
def test_lines_are_written_as_console_print_writes_them(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str]
) -> None:
    for name in COLOUR_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.none() | lines(), max_size=4))
    def check(written: list[Line | None]) -> None:
        fast, slow = io.StringIO(), io.StringIO()
        writer = StyledWriter(fast)
        console = Console(file=slow, highlight=False, soft_wrap=True, emoji=False)
        for line in written:
            writer.line(line)
            console.print(*(() if line is None else (line.rich(),)))
        writer.flush()
        assert fast.getvalue() == slow.getvalue()

    check()


def test_a_long_report_keeps_its_order_across_batches_and_lines_rich_writes() -> None:
    """Lines are written 512 at a time, and a line with a tab goes through rich, which
    writes at once: what was pending is written first."""
    written = [Line(f"line {n}" + ("\tafter a tab" if n % 300 == 7 else "")) for n in range(1300)]
    fast, slow = io.StringIO(), io.StringIO()
    writer = StyledWriter(fast)
    console = Console(file=slow, highlight=False, soft_wrap=True, emoji=False)
    for line in written:
        writer.line(line)
        console.print(line.rich())
    writer.flush()
    assert fast.getvalue() == slow.getvalue()
    assert fast.getvalue().count("\n") == 1300


class _Stream(io.StringIO):
    def __init__(self, tty: bool | None) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        if self._tty is None:
            raise ValueError("I/O operation on closed file")
        return self._tty


@pytest.mark.parametrize("tty", [True, False, None])
@pytest.mark.parametrize("tty_compatible", [None, "", "0", "1", "yes"])
@pytest.mark.parametrize("force_color", [None, "", "0", "1"])
@pytest.mark.parametrize("jupyter", [False, True])
def test_plain_output_is_what_rich_decides(
    monkeypatch: pytest.MonkeyPatch,
    tty: bool | None,
    tty_compatible: str | None,
    force_color: str | None,
    jupyter: bool,
) -> None:
    """Plain exactly when rich has no colour system (``TERM`` is a colour terminal here);
    where IPython is loaded, never: rich's rules for it are its own."""
    for name in COLOUR_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for name, value in (("TTY_COMPATIBLE", tty_compatible), ("FORCE_COLOR", force_color)):
        if value is not None:
            monkeypatch.setenv(name, value)
    if jupyter:
        monkeypatch.setattr(builtins, "get_ipython", lambda: None, raising=False)
    stream = _Stream(tty)
    if jupyter:
        assert not plain_output(stream)
    else:
        assert plain_output(stream) == (Console(file=stream).color_system is None)


def test_cell_len_is_rich_s() -> None:
    from rich.cells import cell_len as rich_cell_len

    for text in ["", "plain ascii", "界界", "é", "…", "\U0001f600 x", "a\u0301"]:
        assert cell_len(text) == rich_cell_len(text)


def _rich_modules_imported(post: str, cwd: Path) -> list[str]:
    code = (
        "import sys\n"
        "from matterlint.cli import main\n"
        "try:\n"
        f"    main(['check', '--isolated', {post!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=cwd
    )
    assert "FM201" in result.stdout
    modules: list[str] = ast.literal_eval(result.stderr.strip().splitlines()[-1])
    return modules


def test_a_plain_report_does_not_import_rich(tmp_path: Path) -> None:
    """What a pre-commit hook or CI prints (a pipe, no colour) costs no import of rich."""
    (tmp_path / "post.md").write_text("---\ntitle: x \n---\n", encoding="utf-8")
    assert _rich_modules_imported("post.md", tmp_path) == []


def test_a_plain_report_of_wide_characters_imports_only_rich_s_cell_widths() -> None:
    modules = _rich_modules_imported("examples/seed-post.md", ROOT)
    assert "rich.cells" in modules
    assert "rich.console" not in modules
    assert "rich.text" not in modules
