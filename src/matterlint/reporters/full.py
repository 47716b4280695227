"""The default report: grouped by file, each problem with its source line underlined and its
``help:``, then a summary. Colour only on a terminal; rich honours ``NO_COLOR`` and
``FORCE_COLOR``.

Every piece of user text is plain text in a :class:`~matterlint.reporters.styled.Line`,
never rich markup: a title containing ``[/]`` would otherwise raise ``MarkupError`` or vanish
(yaml-pitfalls.md, "rich").
"""

from __future__ import annotations

from typing import TextIO

from matterlint.diagnostics import Applicability, Diagnostic, Severity
from matterlint.reporters.styled import Line, StyledWriter, cell_len
from matterlint.reporters.text import one_line
from matterlint.results import FileResult, RunResult

_STYLES = {Severity.WARNING: "yellow", Severity.ERROR: "red", Severity.FATAL: "bold magenta"}
_WINDOW = 100


class FullReporter:
    def report(self, result: RunResult, stream: TextIO) -> None:
        out = StyledWriter(stream)
        for file_result in result.files:
            if not file_result.diagnostics:
                continue
            out.line(Line(one_line(file_result.path), style="bold underline"))
            for diagnostic in file_result.diagnostics:
                for line in _render(diagnostic, file_result):
                    out.line(line)
                out.line()
        out.line(summary(result))
        out.flush()


def _render(diagnostic: Diagnostic, result: FileResult) -> list[Line]:
    span = diagnostic.span
    style = _STYLES[diagnostic.severity]
    head = Line()
    head.append(f"{one_line(diagnostic.path)}:{span.line}:{span.column}: ", style="bold")
    head.append(diagnostic.code, style=f"bold {style}")
    head.append(f" {diagnostic.severity.value}: ", style=style)
    head.append(one_line(diagnostic.message))
    out = [head]
    source = result.lines.get(span.line)
    if source is not None:
        gutter = len(str(span.line))
        shown, start, width = _window(source, span.column - 1, _underline_end(diagnostic, source))
        out.append(Line(" " * (gutter + 1) + "|", style="blue"))
        line = Line(f"{span.line} | ", style="blue")
        line.append(shown)
        out.append(line)
        marker = Line(" " * (gutter + 1) + "| ", style="blue")
        marker.append(" " * start + "^" * width, style=f"bold {style}")
        out.append(marker)
    if diagnostic.suggestion is not None:
        help_line = Line(" " * (len(str(span.line)) + 1) + "= help: ", style="cyan")
        help_line.append(one_line(diagnostic.suggestion))
        if diagnostic.fix is not None:
            help_line.append(f" ({_fix_label(diagnostic.fix.applicability)})", style="dim")
        out.append(help_line)
    return out


def _underline_end(diagnostic: Diagnostic, source: str) -> int:
    """The 0-based column where the underline ends on the first line of the span."""
    span = diagnostic.span
    if span.end_line == span.line:
        return max(span.end_column - 1, span.column)
    return max(len(source), span.column)


def _window(source: str, start: int, end: int) -> tuple[str, int, int]:
    """The part of a source line to show, and where the underline goes in display cells.

    Long lines (a 2,000-character description) are cut around the span; tabs and control
    characters are made visible so the carets stay aligned with what is printed.
    """
    half = _WINDOW // 2
    cut_start = start - half if len(source) > _WINDOW and start > half else 0
    cut_end = min(len(source), max(cut_start + _WINDOW, end))
    end = min(end, cut_end)
    before = ("…" if cut_start else "") + _visible(source[cut_start:start])
    marked = _visible(source[start:end])
    after = _visible(source[end:cut_end]) + ("…" if cut_end < len(source) else "")
    return before + marked + after, cell_len(before), max(1, cell_len(marked))


def _visible(text: str) -> str:
    """Tabs as one space, trailing spaces kept (they are what is underlined), control
    characters escaped."""
    return one_line(text.replace("\t", " "))


def _fix_label(applicability: Applicability) -> str:
    return {
        Applicability.SAFE: "safe fix",
        Applicability.UNSAFE: "unsafe fix",
        Applicability.DISPLAY_ONLY: "manual fix",
    }[applicability]


def summary(result: RunResult) -> Line:
    """``Found 11 problems (2 errors, 9 warnings) in 1 file; 11 have a suggested fix.``, from
    the run's tally (the files have been written by then)."""
    tally = result.tally
    if not tally.problems:
        checked = tally.files
        return Line(
            f"All checks passed! ({checked} file{'s' if checked != 1 else ''} checked)",
            style="green",
        )
    parts = [
        _plural(tally.severities[severity], severity.value)
        for severity in (Severity.FATAL, Severity.ERROR, Severity.WARNING)
        if tally.severities[severity]
    ]
    text = Line()
    text.append(f"Found {_plural(tally.problems, 'problem')}", style="bold")
    text.append(f" ({', '.join(parts)}) in {_plural(tally.files_with_problems, 'file')}")
    if tally.with_help:
        text.append(
            f"; {tally.with_help} {'has' if tally.with_help == 1 else 'have'} a suggested fix"
        )
    text.append(".")
    unsafe = tally.fixable[Applicability.UNSAFE]
    now = tally.fixable[Applicability.SAFE] + (unsafe if result.unsafe_fixes else 0)
    later = 0 if result.unsafe_fixes else unsafe
    if now:
        text.append(f"\n{now} fixable with `matterlint check --fix`")
        text.append(f" ({later} more with `--unsafe-fixes`)." if later else ".")
    elif later:
        text.append(f"\n{later} fixable with `matterlint check --fix --unsafe-fixes`.")
    return text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
