"""The naive baseline: what someone would script in ten minutes instead of using matterlint.

Usage: ``python benchmarks/naive.py DIR [--schema PATH]``.

For every ``.md`` file under DIR: ``frontmatter.load`` it, turn the dates PyYAML made into ISO
strings (the schema wants strings, as a real script would have to), and validate the metadata
with one reused ``Draft202012Validator`` that checks formats. It prints how many problems it
found. The issue asks matterlint's cold run to be at least 5 times faster than this, so the
script must do no less work than such a script would, and no more: no spans, no rules.
"""

from __future__ import annotations

import argparse
import datetime
import json
from collections.abc import Sequence
from pathlib import Path

import frontmatter
from jsonschema import Draft202012Validator

DEFAULT_SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "news-post.json"


def plain(value: object) -> object:
    """``value`` with dates and date-times (at any depth) as ISO strings."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def problems(path: Path, validator: Draft202012Validator) -> list[str]:
    """The schema's error messages for one file; a file that does not load is one problem."""
    try:
        post = frontmatter.load(path)
        return [error.message for error in validator.iter_errors(plain(post.metadata))]
    # A quick script would catch everything so that one bad file does not stop the run.
    except Exception as error:
        return [f"{path}: {error}"]


def main(argv: Sequence[str] | None = None) -> int:
    """Validate every post under the folder and print the number of problems."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, metavar="DIR")
    parser.add_argument("--schema", type=Path, default=DEFAULT_SCHEMA, metavar="PATH")
    args = parser.parse_args(argv)
    schema = json.loads(args.schema.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    files = found = 0
    for path in sorted(args.folder.rglob("*.md")):
        files += 1
        found += len(problems(path, validator))
    print(f"{found} problems in {files} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
