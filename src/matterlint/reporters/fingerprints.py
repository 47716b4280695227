"""Fingerprints that are unique within a report, for CI systems that key findings on them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from matterlint.diagnostics import Diagnostic
from matterlint.results import FileResult, RunResult


def unique_fingerprints(result: RunResult) -> Iterator[tuple[FileResult, Diagnostic, str]]:
    """Every diagnostic, in report order, with its fingerprint made unique.

    A diagnostic's fingerprint leaves out the line, so the same problem twice in one place
    (trailing spaces on two lines of one block scalar) shares it; GitLab would show such
    findings as one, and GitHub code scanning would merge their alerts. The second and later
    occurrences get ``:2``, ``:3``… as GitHub's own ``primaryLocationLineHash`` does, so the
    value is stable across runs as long as the file is. Fingerprints include the file's path,
    so repeats are counted file by file.
    """
    for file_result in result.files:
        seen: Counter[str] = Counter()
        for diagnostic in file_result.diagnostics:
            seen[diagnostic.fingerprint] += 1
            count = seen[diagnostic.fingerprint]
            suffix = f":{count}" if count > 1 else ""
            yield file_result, diagnostic, diagnostic.fingerprint + suffix
