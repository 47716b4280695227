"""The rules that compare files: after every file of a run has been linted, what each claimed
(a title, an asset path) is compared, and the problems found join their files' results.

This is the one place a run holds every result: reports group problems by file, and a file's
duplicate may be the last file linted. It does so only when a project rule is selected; other
runs stream as before. Claims are part of each file's (cached) result, while the comparison
runs on every run, so a cached post still learns of a new duplicate or a deleted image.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from matterlint.diagnostics import Diagnostic
from matterlint.options import RuleOptions
from matterlint.results import FileResult
from matterlint.rules import REGISTRY, internal_error
from matterlint.rules.base import Claim


def compare(
    results: Iterable[FileResult], codes: frozenset[str], options: RuleOptions
) -> Iterator[FileResult]:
    """Every result, in the order given, with the problems the project rules ``codes`` find."""
    if not codes:
        yield from results
        return
    stored = list(results)
    found: dict[str, list[Diagnostic]] = {}
    for entry in REGISTRY:
        if entry.check_project is None or entry.rule.code not in codes:
            continue
        claims = [c for r in stored for c in r.claims if c.diagnostic.code == entry.rule.code]
        if not claims:
            continue
        try:
            diagnostics = list(entry.check_project(claims, options))
        except Exception as error:  # the engine's rule boundary, for a rule over all files
            diagnostics = [_internal(claims[0], f"{entry.rule.code} ({entry.rule.name})", error)]
        for diagnostic in diagnostics:
            found.setdefault(diagnostic.path, []).append(diagnostic)
    for result in stored:
        extra = found.get(result.path)
        if extra is None and not result.claims:
            yield result
            continue
        merged = tuple(sorted((*result.diagnostics, *(extra or ())), key=Diagnostic.sort_key))
        yield dataclasses.replace(result, diagnostics=merged, claims=())


def _internal(claim: Claim, where: str, error: Exception) -> Diagnostic:
    rule = internal_error.RULE
    return dataclasses.replace(
        claim.diagnostic,
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=f"internal error in {where}: {type(error).__name__}: {error}",
        hint="This is a bug in matterlint; please report it with the files that trigger it",
        key_path=(),
    )
