"""One test per fixture case: ``tests/fixtures/<rule-name>/<case>.md`` linted with the
folder's ``matterlint.toml`` (if any) must give exactly ``<case>.expected``, the concise report;
and where ``<case>.fixed.md`` exists, ``--fix`` must turn the case into exactly those bytes, and
fixing them again must change nothing.

The cases of a folder are linted as one run, from inside the folder, as
``cd <folder> && matterlint check .`` would: the rules that compare files (FM8xx) compare the
folder's cases with each other and look for assets beside them."""

from __future__ import annotations

import contextlib
from functools import cache
from pathlib import Path

import pytest

from matterlint import document
from matterlint.config import Settings, load_settings
from matterlint.discovery import Target
from matterlint.engine import Linter
from matterlint.fixes import repair
from matterlint.project import compare
from matterlint.results import FileResult
from support import FIXTURES

CASE_SUFFIXES = (".md", ".mdx", ".markdown", ".html")


def _cases() -> list[Path]:
    return sorted(
        path
        for path in FIXTURES.glob("*/*")
        if path.suffix in CASE_SUFFIXES and not path.name.endswith(".fixed" + path.suffix)
    )


def _fixed_file(case: Path) -> Path:
    return case.with_name(case.stem + ".fixed" + case.suffix)


def settings_for(case: Path) -> Settings:
    config = case.parent / "matterlint.toml"
    return load_settings(config if config.is_file() else None, case.parent)


@cache
def folder_results(folder: Path) -> dict[str, FileResult]:
    with contextlib.chdir(folder):
        linter = Linter(settings_for(folder / "case.md"))
        cases = [case for case in _cases() if case.parent == folder]
        results = [linter.lint(Target(case.name, case.name)) for case in cases]
        compared = compare(results, linter.project_codes, linter.settings.options)
        return {result.path: result for result in compared}


def concise(case: Path) -> list[str]:
    result = folder_results(case.parent)[case.name]
    return [
        f"{d.path}:{d.span.line}:{d.span.column}: {d.code} {d.message}" for d in result.diagnostics
    ]


def fixed(case: Path, raw: bytes) -> bytes:
    """What ``--fix`` makes of ``raw`` if it were the case's file."""
    linter = Linter(settings_for(case))
    doc = document.parse(case.name, raw, linter.settings.limits)
    outcome = repair(linter, case.name, case, raw, doc)
    return outcome.data if outcome.data is not None else raw


@pytest.mark.parametrize("case", _cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(case: Path) -> None:
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert concise(case) == expected


@pytest.mark.parametrize(
    "case",
    [case for case in _cases() if _fixed_file(case).exists()],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_fix(case: Path) -> None:
    expected = _fixed_file(case).read_bytes()
    assert fixed(case, case.read_bytes()) == expected
    assert fixed(case, expected) == expected
