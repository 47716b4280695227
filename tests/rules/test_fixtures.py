"""One test per fixture case: ``tests/fixtures/<rule-name>/<case>.md`` linted with the
folder's ``matterlint.toml`` (if any) must give exactly ``<case>.expected``, the concise report."""

from __future__ import annotations

from pathlib import Path

import pytest

from matterlint.config import load_settings
from matterlint.discovery import Target
from matterlint.engine import Linter
from support import FIXTURES

CASE_SUFFIXES = (".md", ".mdx", ".markdown", ".html")


def _cases() -> list[Path]:
    return sorted(
        path
        for path in FIXTURES.glob("*/*")
        if path.suffix in CASE_SUFFIXES and not path.name.endswith(".fixed" + path.suffix)
    )


def concise(case: Path) -> list[str]:
    config = case.parent / "matterlint.toml"
    settings = load_settings(config if config.is_file() else None, case.parent)
    result = Linter(settings).lint(Target(case, case.name))
    return [
        f"{d.path}:{d.span.line}:{d.span.column}: {d.code} {d.message}" for d in result.diagnostics
    ]


@pytest.mark.parametrize("case", _cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(case: Path) -> None:
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert concise(case) == expected
