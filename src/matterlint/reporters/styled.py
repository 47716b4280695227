"""Writing :class:`rich.text.Text` lines fast, exactly as ``Console.print`` would.

``Console.print`` lays out every line it is given (measuring, wrapping, splitting): 140 µs a
line, so the full report of 10,000 posts took 8 s, four times the whole lint. A report line
needs none of that (``soft_wrap``: never wrapped), only its styles turned into escape codes,
which is what rich's own renderer does last: 20 µs a line, and nothing at all without colour.
Lines holding a tab still go through ``Console.print``, which expands tabs.
"""

from __future__ import annotations

from typing import TextIO

from rich.color import ColorSystem
from rich.console import Console
from rich.text import Text

_SYSTEMS = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
    "windows": ColorSystem.WINDOWS,
}
_JOINER = Text()


class StyledWriter:
    def __init__(self, stream: TextIO) -> None:
        self.console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False)
        self._stream = stream
        system = self.console.color_system
        self._system = None if system is None else _SYSTEMS[system]

    def line(self, text: Text | None = None) -> None:
        """Write one line (an empty one without ``text``)."""
        if text is None:
            self._stream.write("\n")
        elif "\t" in text.plain or "\n" in text.plain or self.console.legacy_windows:
            self.console.print(text)
        elif self._system is None:
            self._stream.write(text.plain + "\n")
        else:
            self._stream.write(self._styled(text) + "\n")

    def _styled(self, text: Text) -> str:
        no_color = self.console.no_color
        if text.style:  # as Console.print does: the whole text's style becomes its first span
            text = _JOINER.join((text,))
        parts = []
        for segment in text.render(self.console):
            style = segment.style
            if not style:
                parts.append(segment.text)
                continue
            if no_color:
                style = style.without_color
            parts.append(style.render(segment.text, color_system=self._system))
        return "".join(parts)
