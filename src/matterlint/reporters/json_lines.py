"""JSON Lines: the objects of the ``json`` format, one per line, so that a consumer can
stream a long run (and ``grep`` or ``jq -c`` it) without holding the whole array."""

from __future__ import annotations

import json
from typing import TextIO

from matterlint.reporters.json import to_json
from matterlint.results import RunResult

# JSON leaves these unescaped in strings, yet Python's ``str.splitlines`` (and some other
# readers) end a line at each: escaped, one object stays one line for every reader.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
# One encoder for the run: `json.dumps` with options builds a new one per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


class JsonLinesReporter:
    def report(self, result: RunResult, stream: TextIO) -> None:
        for file_result in result.files:
            for diagnostic in file_result.diagnostics:
                line = _ENCODE(to_json(diagnostic, file_result))
                if "\x85" in line or "\u2028" in line or "\u2029" in line:  # translate is slow
                    line = line.translate(_LINE_BREAKS)
                stream.write(line + "\n")
