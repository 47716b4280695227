"""Baselines: record today's problems, and fail only on new ones.

A baseline entry is a problem's fingerprint (rule, file, key path and the text it is about)
with a count, never a line number: adding a key above a recorded problem, or fixing another one,
leaves the entry matching. Counts make repeated problems work: a file with three recorded
trailing-whitespace problems on identical text fails when a fourth appears.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import cast

from matterlint.errors import ConfigError
from matterlint.nodes import JSONValue, format_path
from matterlint.reporters.jsonstream import write_array
from matterlint.results import FileResult, RunResult

FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Baseline:
    counts: Counter[tuple[str, str]]

    def filter(self, result: RunResult) -> RunResult:
        """The run without the problems the baseline records (each up to its count), still
        streaming."""
        return RunResult(self._filtered(result), result.unsafe_fixes)

    def _filtered(self, result: RunResult) -> Iterator[FileResult]:
        left = Counter(self.counts)
        for file in result.files:
            kept = []
            for diagnostic in file.diagnostics:
                key = (diagnostic.path, diagnostic.fingerprint)
                if left[key] > 0:
                    left[key] -= 1
                else:
                    kept.append(diagnostic)
            yield FileResult(file.path, tuple(kept), file.lines, file.positions)


def read(path: Path) -> Baseline:
    """A baseline file; a missing or malformed one is a configuration error (exit 2)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"cannot read baseline {path}: {error.strerror or error}") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise ConfigError(f"baseline {path} is not valid JSON: {error}") from None
    problems = data.get("problems") if isinstance(data, dict) else None
    if not isinstance(problems, list) or data.get("version") != FORMAT_VERSION:
        raise ConfigError(f"{path} is not a matterlint baseline (version {FORMAT_VERSION})")
    counts: Counter[tuple[str, str]] = Counter()
    for entry in problems:
        if not isinstance(entry, dict):
            raise ConfigError(f"{path}: every problem must be an object")
        where, fingerprint, count = (
            entry.get("path"),
            entry.get("fingerprint"),
            entry.get("count", 1),
        )
        if not (isinstance(where, str) and isinstance(fingerprint, str) and isinstance(count, int)):
            raise ConfigError(f"{path}: a problem needs a path, a fingerprint and a count")
        counts[(where, fingerprint)] += count
    return Baseline(counts)


@dataclass(slots=True)
class _Record:
    path: str
    code: str
    name: str
    key: str
    message: str
    fingerprint: str
    count: int = 0


def write(path: Path, result: RunResult) -> int:
    """Record every problem of a run, file by file as the run streams; returns how many. The
    file is sorted and readable, so that it diffs well in code review."""
    count = 0

    def records() -> Iterator[JSONValue]:
        nonlocal count
        for file in result.files:
            grouped: dict[str, _Record] = {}
            for d in file.diagnostics:
                record = grouped.setdefault(
                    d.fingerprint,
                    _Record(
                        d.path, d.code, d.name, format_path(d.key_path), d.message, d.fingerprint
                    ),
                )
                record.count += 1
                count += 1
            ordered = sorted(grouped.values(), key=lambda r: (r.code, r.key, r.fingerprint))
            yield from (cast("JSONValue", asdict(r)) for r in ordered)

    with path.open("w", encoding="utf-8", errors="surrogateescape") as stream:
        stream.write(f'{{\n  "tool": "matterlint",\n  "version": {FORMAT_VERSION},\n  "problems": ')
        write_array(stream, records(), "  ")
        stream.write("\n}\n")
    return count
