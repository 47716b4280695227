"""The registry's promises: every rule is documented the same way and has fixture cases."""

from __future__ import annotations

import re

import pytest

from matterlint.rules import DEFAULT_SELECTION, REGISTRY
from matterlint.rules.base import Origin, RuleEntry
from support import FIXTURES

SECTIONS = ("*What it checks*", "*Why it matters*", "*Example*", "*Fix safety*")
# Rules no fixture file can trigger, and where their tests are instead.
WITHOUT_FIXTURES = {
    "internal-error": "needs a failing rule: tests/unit/test_engine.py",
    "fix-not-applied": "needs a fix that fails verification: tests/unit/test_fixes.py",
}


@pytest.mark.parametrize("entry", REGISTRY, ids=lambda e: e.rule.code)
def test_rule_is_documented(entry: RuleEntry) -> None:
    rule = entry.rule
    assert re.fullmatch(r"FM\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert entry.doc.startswith(f"{rule.code} {rule.name}: ")
    positions = [entry.doc.find(section) for section in SECTIONS]
    assert all(p > 0 for p in positions), f"{rule.code} lacks a section of {SECTIONS}"
    assert positions == sorted(positions)
    assert rule.summary and not rule.summary.endswith(".")


@pytest.mark.parametrize("entry", REGISTRY, ids=lambda e: e.rule.code)
def test_rule_has_fixtures(entry: RuleEntry) -> None:
    if entry.rule.name in WITHOUT_FIXTURES:
        assert entry.rule.origin is Origin.ENGINE
        return
    folder = FIXTURES / entry.rule.name
    cases = [c for c in folder.glob("*.md") if not c.name.endswith(".fixed.md")]
    assert cases, f"no fixture in {folder}"
    expected = "\n".join(c.with_suffix(".expected").read_text(encoding="utf-8") for c in cases)
    assert f" {entry.rule.code} " in expected, (
        f"no fixture of {folder.name} reports {entry.rule.code}"
    )


def test_codes_and_names_are_unique() -> None:
    assert len({e.rule.code for e in REGISTRY}) == len(REGISTRY)
    assert len({e.rule.name for e in REGISTRY}) == len(REGISTRY)


def test_checks_and_origins_agree() -> None:
    for entry in REGISTRY:
        assert (entry.check is not None) == (entry.rule.origin is Origin.CHECK), entry.rule.code
        project = entry.rule.origin is Origin.PROJECT
        assert (entry.collect is not None) == project, entry.rule.code
        assert (entry.check_project is not None) == project, entry.rule.code


def test_opt_in_rules_are_the_checks_across_posts() -> None:
    """They need a site's conventions (or hold a run's results): off unless selected."""
    opt_in = {entry.rule.code for entry in REGISTRY if entry.rule.opt_in}
    assert opt_in == {"FM801", "FM802", "FM803", "FM804"}
    assert not opt_in & DEFAULT_SELECTION
    assert DEFAULT_SELECTION | opt_in == {entry.rule.code for entry in REGISTRY}
