"""Coverage-guided fuzzing of the whole pipeline with atheris (libFuzzer for Python).

Any bytes go through decoding, block finding, the YAML/TOML/JSON loaders, every rule, schema
validation with the built-in ``news-post`` schema, and the fixer. The harness fails on any
exception escaping matterlint, on an internal-error diagnostic (a rule that raised), and on a
position outside the file. Run it from the repository root (see the README, Development):

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/fuzz_matterlint.py -max_total_time=600 fuzz/corpus tests/fixtures/*/
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["matterlint"]):
    from matterlint import document
    from matterlint.config import Settings
    from matterlint.engine import Linter
    from matterlint.fixes import repair

SETTINGS = Settings(root=Path.cwd(), unsafe_fixes=True)
LINTERS = (Linter(SETTINGS), Linter(SETTINGS, "news-post"))
PATH = Path("post.md")


def test_one_input(raw: bytes) -> None:
    linter = LINTERS[len(raw) % 2]
    doc = document.parse("post.md", raw, SETTINGS.limits)
    outcome = repair(linter, "post.md", PATH, raw, doc)
    for diagnostic in (*outcome.before.diagnostics, *outcome.result.diagnostics):
        if diagnostic.code == "FM901":
            raise AssertionError(diagnostic.message)
    size = len(doc.text)
    for diagnostic in outcome.before.diagnostics:
        span = diagnostic.span
        if not 0 <= span.start <= span.end <= size:
            raise AssertionError(f"{diagnostic.code} span {span} outside a text of {size}")
    if outcome.data is not None and outcome.data != raw:
        fixed = document.parse("post.md", outcome.data, SETTINGS.limits)
        body = doc.text[doc.block.end :] if doc.block else doc.text
        if fixed.block is None or fixed.text[fixed.block.end :] != body:
            raise AssertionError("a fix changed the body")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
