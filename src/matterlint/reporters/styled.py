"""Report lines with styles, written exactly as ``Console.print`` would write rich's ``Text``.

``Console.print`` lays out every line it is given (measuring, wrapping, splitting): 140 µs a
line, so the full report of 10,000 posts took 8 s, four times the whole lint. A report line
needs none of that (``soft_wrap``: never wrapped), only its styles turned into escape codes,
which is what rich's own renderer does last: 20 µs a line. Lines holding a tab (and, with
colour, a line break) still go through ``Console.print``, which expands tabs.

Without colour (a pipe, a file, CI, a pre-commit hook) a line is its plain text, and rich is
not even imported: its import was 50 ms of a 300 ms one-file run. Whether rich would colour
is decided by rich's own rules (:func:`plain_output`), and a test holds the two to agreeing.
"""

from __future__ import annotations

import builtins
import os
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.color import ColorSystem
    from rich.console import Console
    from rich.text import Text


class Line:
    """A line as pieces of text, each with its style (``None``: the line's own ``style``):
    what the report builds, turned into rich's ``Text`` only when colour needs it."""

    __slots__ = ("pieces", "plain", "style")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.style = style
        self.pieces: list[tuple[str, str | None]] = [(text, None)] if text else []
        self.plain = text  # what is written without colour, kept as pieces are added

    def append(self, text: str, style: str | None = None) -> None:
        self.pieces.append((text, style))
        self.plain += text

    def rich(self) -> Text:
        from rich.text import Text

        text = Text(style=self.style)
        for piece, style in self.pieces:
            text.append(piece, style)
        return text


def plain_output(stream: TextIO) -> bool:
    """Whether rich would write to ``stream`` without any escape code: it is not a terminal
    by rich's ``Console.is_terminal`` (``TTY_COMPATIBLE``, then ``FORCE_COLOR``, then
    ``isatty``), and this is not Jupyter (where rich always colours). Any doubt is ``False``,
    and rich decides."""
    if "get_ipython" in vars(builtins):
        return False
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "0"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force == ""
    isatty = getattr(stream, "isatty", None)
    try:
        return isatty is None or not isatty()
    except ValueError:  # a closed stream, as rich says
        return True


class StyledWriter:
    """Writes lines 512 at a time (:meth:`flush` writes the rest): one write per line flushed
    stdout every few lines, a system call each in the process that also reads every
    worker's results."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._plain = plain_output(stream)
        self._console: Console | None = None
        self._system: ColorSystem | None = None
        self._pending: list[str] = []

    def line(self, line: Line | None = None) -> None:
        """Write one line (an empty one without ``line``)."""
        if line is None:
            self._add("")
            return
        plain = line.plain
        if self._plain and "\t" not in plain:
            self._add(plain)
            return
        console = self._rich_console()
        text = line.rich()
        if "\t" in plain or "\n" in plain or console.legacy_windows:
            self.flush()  # rich writes to the stream itself
            console.print(text)
        elif self._system is None:
            self._add(plain)
        else:
            self._add(self._styled(console, text))

    def flush(self) -> None:
        """Write the lines not written yet."""
        if self._pending:
            self._stream.write("\n".join(self._pending) + "\n")
            self._pending.clear()

    def _add(self, text: str) -> None:
        self._pending.append(text)
        if len(self._pending) >= 512:
            self.flush()

    def _rich_console(self) -> Console:
        if self._console is None:
            from rich.color import ColorSystem
            from rich.console import Console

            self._console = Console(file=self._stream, highlight=False, soft_wrap=True, emoji=False)
            systems = {
                "standard": ColorSystem.STANDARD,
                "256": ColorSystem.EIGHT_BIT,
                "truecolor": ColorSystem.TRUECOLOR,
                "windows": ColorSystem.WINDOWS,
            }
            system = self._console.color_system
            self._system = None if system is None else systems[system]
        return self._console

    def _styled(self, console: Console, text: Text) -> str:
        from rich.text import Text

        no_color = console.no_color
        if text.style:  # as Console.print does: the whole text's style becomes its first span
            text = Text().join((text,))
        parts = []
        for segment in text.render(console):
            style = segment.style
            if not style:
                parts.append(segment.text)
                continue
            if no_color:
                style = style.without_color
            parts.append(style.render(segment.text, color_system=self._system))
        return "".join(parts)


def cell_len(text: str) -> int:
    """Terminal cells ``text`` takes, as rich counts them: one per character for ASCII
    (rich's own shortcut), rich's tables otherwise, imported only then."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len as rich_cell_len

    return rich_cell_len(text)
