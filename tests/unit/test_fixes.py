from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from matterlint import document, engine
from matterlint.config import Settings
from matterlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from matterlint.document import Document
from matterlint.engine import Linter
from matterlint.fixes import ChangedOnDisk, apply_edits, repair, write_atomically
from matterlint.options import RuleOptions
from matterlint.rules import BY_NAME, REGISTRY
from matterlint.rules.base import Check
from matterlint.source import LineIndex


def diagnostic(code: str, *edits: tuple[int, int, str]) -> Diagnostic:
    fix = Fix("fix", tuple(Edit(*e) for e in edits), Applicability.SAFE)
    return Diagnostic(code, "x", Severity.ERROR, "p", LineIndex("").span(0, 0), "m", fix=fix)


def test_edits_apply_in_order_and_overlaps_wait() -> None:
    text = "0123456789"
    first = diagnostic("FM201", (2, 4, "ab"))
    overlapping = diagnostic("FM101", (3, 5, "X"))
    adjacent = diagnostic("FM501", (4, 6, ""))
    beyond = diagnostic("FM202", (8, 10, "!"))
    fixed, used = apply_edits(text, [beyond, adjacent, overlapping, first], limit=8)
    assert fixed == "01ab6789"
    assert used == [first, adjacent]


def test_two_insertions_at_one_place_conflict() -> None:
    fixed, used = apply_edits(
        "ab", [diagnostic("FM2", (1, 1, "x")), diagnostic("FM1", (1, 1, "y"))], 2
    )
    assert (fixed, [d.code for d in used]) == ("ayb", ["FM1"])


def fix_text(text: str, settings: Settings, schema: str | None = None) -> tuple[str, list[str]]:
    linter = Linter(settings, schema)
    raw = text.encode("utf-8")
    doc = document.parse("post.md", raw, settings.limits)
    outcome = repair(linter, "post.md", Path("post.md"), raw, doc)
    data = outcome.data if outcome.data is not None else raw
    return data.decode("utf-8"), [f"{d.code} {d.message}" for d in outcome.result.diagnostics]


def test_a_fix_that_causes_a_new_problem_is_refused_and_the_others_applied(tmp_path: Path) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"properties": {"version": {"type": "number"}}}), encoding="utf-8")
    settings = Settings(root=tmp_path, unsafe_fixes=True)
    text, remaining = fix_text(
        "---\nversion: 1.10\ntags: [a, a] \n---\nbody\n", settings, str(schema)
    )
    assert text == "---\nversion: 1.10\ntags: [a]\n---\nbody\n"
    assert remaining == [
        "FM303 `1.10` is read as the number 1.1",
        "FM902 fix of FM303 (ambiguous-number) not applied: it would cause FM703 (wrong-type): "
        "`version` should be a number, not a string",
    ]


def _make_fm601(check: Check, monkeypatch: pytest.MonkeyPatch) -> None:
    """FM601 (empty-url) replaced by a buggy rule, to test what catches a bad fix."""
    buggy = dataclasses.replace(BY_NAME["empty-url"], check=check)
    monkeypatch.setattr(
        engine, "REGISTRY", tuple(buggy if e.rule.code == "FM601" else e for e in REGISTRY)
    )


BUGGY_REFUSED = [
    "FM601 buggy",
    "FM902 fix of FM601 (empty-url) not applied: the data would change beyond what the fix is about",
]


def _deletes_the_title(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    """A buggy rule: its 'safe' fix deletes data it is not about."""
    node = doc.root.get("title") if doc.root is not None else None
    if node is not None and node.key_span is not None:
        edit = Edit(node.key_span.start, node.span.end, "")
        fix = Fix("Tidy up", (edit,), Applicability.SAFE)
        yield BY_NAME["empty-url"].rule.diagnostic(doc, node.span, "buggy", fix=fix)


def test_a_fix_that_changes_other_data_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _make_fm601(_deletes_the_title, monkeypatch)
    text, remaining = fix_text("---\ntitle: x\n---\n", Settings(root=Path.cwd()))
    assert text == "---\ntitle: x\n---\n"
    assert remaining == BUGGY_REFUSED


def test_a_fix_refused_beside_a_problem_being_fixed_is_tried_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The buggy fix spoils the first batch, so each fix is tried alone on the same text: the
    # key's rename alone leaves the line's trailing space under a key that had no FM201.
    # Refused in the round that removes the space, the rename passes in the next.
    _make_fm601(_deletes_the_title, monkeypatch)
    settings = Settings(root=Path.cwd(), unsafe_fixes=True)
    text, remaining = fix_text("---\ntitle: x\nimag\ufeffe: https://x.y/a.jpg \n---\n", settings)
    assert text == "---\ntitle: x\nimage: https://x.y/a.jpg\n---\n"
    assert remaining == BUGGY_REFUSED


def _changes_the_first_tag(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    """A buggy rule: its 'safe' fix rewrites a list item it is not about."""
    tags = doc.root.get("tags") if doc.root is not None else None
    if tags is not None and tags.children:
        first = tags.children[0]
        fix = Fix("Tidy up", (Edit(first.span.start, first.span.end, "z"),), Applicability.SAFE)
        yield BY_NAME["empty-url"].rule.diagnostic(doc, first.span, "buggy", fix=fix)


def test_a_list_losing_a_duplicate_cannot_hide_another_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _make_fm601(_changes_the_first_tag, monkeypatch)
    text, remaining = fix_text("---\ntags: [a, b, b]\n---\n", Settings(root=Path.cwd()))
    assert text == "---\ntags: [a, b]\n---\n"
    assert remaining == BUGGY_REFUSED


def test_a_list_can_lose_a_duplicate_and_have_another_item_fixed_at_once() -> None:
    settings = Settings(root=Path.cwd(), unsafe_fixes=True)
    text, remaining = fix_text("---\ntags: [l\u200batest, b, f, f]\n---\n", settings)
    assert (text, remaining) == ("---\ntags: [latest, b, f]\n---\n", [])


def test_only_the_front_matter_changes() -> None:
    body = "\ntitle: body \n---  \ntext \r\n"
    text, _ = fix_text("---\r\ntags: [a, a] \r\n---\r\n" + body, Settings(root=Path.cwd()))
    assert text == "---\r\ntags: [a]\r\n---\r\n" + body


def test_configuration_moves_fixes_between_safe_and_unsafe() -> None:
    text = "---\ntags: [a, a]\nversion: 1.10\n---\n"
    base = Settings(root=Path.cwd())
    assert fix_text(text, dataclasses.replace(base, unfixable=frozenset({"FM501"})))[0] == text
    promoted = dataclasses.replace(base, safe_fixes=frozenset({"FM303"}))
    assert fix_text(text, promoted)[0] == '---\ntags: [a]\nversion: "1.10"\n---\n'
    demoted = dataclasses.replace(base, unsafe_fix_codes=frozenset({"FM501"}))
    assert fix_text(text, demoted)[0] == text


def test_write_atomically_keeps_mode_and_refuses_a_changed_file(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomically(path, b"new", b"old")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o640
    with pytest.raises(ChangedOnDisk):
        write_atomically(path, b"newer", b"old")
    assert path.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["post.md"]  # no temporary file left behind
