"""Making user-controlled text safe to print on one line of a terminal or a log."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """Control characters (escape sequences, line breaks, bidirectional overrides) shown as
    escapes: a value in a post must never move the cursor, colour the terminal or start a new
    log line that a CI system would read as a command."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
