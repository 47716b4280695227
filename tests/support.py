"""Helpers shared by the tests: lint a text in memory, and find the shared corpora."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from matterlint import document
from matterlint.config import Settings
from matterlint.document import Document
from matterlint.engine import Linter
from matterlint.loaders import Limits
from matterlint.results import FileResult

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MATTERLINT_SHARED", ROOT.parent / "shared"))
CORPORA = SHARED / "corpora"
FIXTURES = ROOT / "tests" / "fixtures"

needs_corpora = pytest.mark.skipif(
    not CORPORA.is_dir(),
    reason=f"{CORPORA} is absent (a user's clone has no ../shared; CI always has it)",
)


def lint(
    text: str | bytes,
    *,
    path: str = "post.md",
    settings: Settings | None = None,
    schema: str | None = None,
) -> FileResult:
    """Lint a text as if it were the file ``path`` under ``settings`` (defaults otherwise)."""
    settings = settings or Settings(root=Path.cwd())
    raw = text.encode("utf-8") if isinstance(text, str) else text
    linter = Linter(settings, schema)
    doc = document.parse(path, raw, settings.limits)
    return linter.check(doc, Path(path))


def report(
    text: str | bytes,
    *,
    path: str = "post.md",
    settings: Settings | None = None,
    schema: str | None = None,
) -> list[str]:
    """``line:col CODE message`` for every diagnostic, in report order."""
    result = lint(text, path=path, settings=settings, schema=schema)
    return [f"{d.span.line}:{d.span.column} {d.code} {d.message}" for d in result.diagnostics]


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The bytes of every post parsed from now on in this process: what a run read from the
    result cache is what it did not parse."""
    parsed: list[bytes] = []
    parse = document.parse

    def parse_counted(path: str, raw: bytes, limits: Limits) -> Document:
        parsed.append(raw)
        return parse(path, raw, limits)

    monkeypatch.setattr(document, "parse", parse_counted)
    return parsed
