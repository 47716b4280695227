"""``--statistics``: how many problems each rule found, most frequent first, instead of the
problems themselves (what a team looks at before deciding which rules to adopt)."""

from __future__ import annotations

from typing import TextIO

from matterlint.diagnostics import Applicability
from matterlint.results import RunResult


class StatisticsReporter:
    def report(self, result: RunResult, stream: TextIO) -> None:
        for _ in result.files:
            pass  # only the tally matters
        tally = result.tally
        if not tally.rules:
            return
        levels = [Applicability.SAFE] + ([Applicability.UNSAFE] if result.unsafe_fixes else [])
        width = len(str(max(tally.rules.values())))
        for (code, name), count in sorted(
            tally.rules.items(), key=lambda item: (-item[1], item[0])
        ):
            fixable = sum(tally.fixable_by_rule[(code, level)] for level in levels)
            marker = "[*]" if fixable == count else "[-]" if fixable else "   "
            stream.write(f"{count:>{width}}  {code}  {marker} {name}\n")
