"""Making user-controlled text safe to print on one line of a terminal or a log."""

from __future__ import annotations

import re

_CONTROL = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u00a0\u2007\u200b-\u200f\u2028-\u202f\u2060\u2066-\u2069\ud800-\udfff\ufeff]"
)


def one_line(text: str) -> str:
    """Control characters (escape sequences, line breaks, bidirectional overrides) and
    invisible ones (zero-width and non-breaking spaces) shown as escapes: a value in a post
    must never move the cursor, colour the terminal or start a new log line that a CI system
    would read as a command, and a report about an invisible character must show it. Lone
    surrogates (the undecodable bytes of a file name) are escaped too: no UTF-8 stream can
    write them."""
    if text.isascii() and text.isprintable():
        return text  # most text, and nothing to escape: two scans in C instead of the regex
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
