"""``--statistics``: how many problems each rule found, most frequent first, instead of the
problems themselves (what a team looks at before deciding which rules to adopt)."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from matterlint.diagnostics import Applicability
from matterlint.engine import RunResult


class StatisticsReporter:
    def report(self, result: RunResult, stream: TextIO) -> None:
        counts: Counter[tuple[str, str]] = Counter()
        fixable: Counter[str] = Counter()
        levels = {Applicability.SAFE} | ({Applicability.UNSAFE} if result.unsafe_fixes else set())
        for diagnostic in result.diagnostics:
            counts[(diagnostic.code, diagnostic.name)] += 1
            if diagnostic.fix is not None and diagnostic.fix.applicability in levels:
                fixable[diagnostic.code] += 1
        if not counts:
            return
        width = len(str(max(counts.values())))
        for (code, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            marker = "[*]" if fixable[code] == count else "[-]" if fixable[code] else "   "
            stream.write(f"{count:>{width}}  {code}  {marker} {name}\n")
