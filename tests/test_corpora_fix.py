"""``--fix`` over a copy of every corpus post: bodies stay byte-identical, the data change only
as the safe fixes say (duplicated list items dropped, dates rewritten in the canonical form),
and nothing safe to fix is left. The oracle for the data is written here, independently of the
fixer's own verification."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from matterlint import dates, document
from matterlint.config import Settings
from matterlint.diagnostics import Applicability
from matterlint.discovery import Target, discover
from matterlint.document import Document
from matterlint.engine import Linter
from matterlint.fixes import repair, save
from matterlint.nodes import JSONValue
from matterlint.options import DateOptions
from support import CORPORA, needs_corpora


def _dedupe(value: JSONValue) -> JSONValue:
    """Lists without repeated scalars (first kept), at any depth."""
    if isinstance(value, dict):
        return {k: _dedupe(v) for k, v in value.items()}
    if isinstance(value, list):
        kept: list[JSONValue] = []
        seen: list[tuple[type, JSONValue]] = []
        for item in value:
            if isinstance(item, (dict, list)):
                kept.append(_dedupe(item))
                continue
            identity = (
                (type(item), item)
                if isinstance(item, (bool, str)) or item is None
                else (float, item)
            )
            if identity not in seen:
                seen.append(identity)
                kept.append(item)
        return kept
    return value


def _expected(data: JSONValue, options: DateOptions) -> JSONValue:
    data = _dedupe(data)
    if not isinstance(data, dict):
        return data
    for key, value in data.items():
        if options.is_date_key(key) and isinstance(value, str):
            try:
                moment = dates.parse(value)
            except dates.DateError:
                continue
            if dates.dialect_of(value) not in options.accept:
                data[key] = moment.render(options.canonical)
    return data


def _body(doc: Document) -> str:
    return doc.text[doc.block.end :] if doc.block is not None else doc.text


@needs_corpora
@pytest.mark.slow
def test_fix_every_corpus_post(tmp_path: Path) -> None:
    tree = tmp_path / "corpora"
    shutil.copytree(CORPORA, tree, symlinks=True)
    settings = Settings(root=tree)
    linter = Linter(settings)
    changed = 0
    for target in discover([str(tree)], settings, force_exclude=False):
        raw, before = linter.read(target)
        assert raw is not None
        outcome = repair(linter, target.display, target.path, raw, before)
        outcome = save(target.path, outcome, raw, before)
        assert not [d for d in outcome.result.diagnostics if d.code in ("FM901", "FM902")]
        after_raw = target.path.read_bytes()
        after = document.parse(target.display, after_raw, settings.limits)
        changed += after_raw != raw
        assert _body(after) == _body(before), target.display
        assert len(after.problems) <= len(before.problems), target.display
        if before.data is not None:
            assert after.data == _expected(before.data, settings.options.dates), target.display
        again = linter.lint(Target(target.location, target.display))
        assert not [
            d
            for d in again.diagnostics
            if d.fix is not None and d.fix.applicability is Applicability.SAFE
        ], target.display
    assert changed > 5000  # every post of the two Jigsaw corpora, and more
