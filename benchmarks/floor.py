"""The parse floor: the least work any front-matter linter must do, in one Python process.

Usage: ``python benchmarks/floor.py DIR``.

It reads every file's bytes, splits off the front matter with one regular expression and parses
it with PyYAML's C loader (``+++`` TOML blocks with ``tomllib``, for the shared corpora). No
validation, no rules, no report: the issue asks matterlint's cold run to be no slower than this,
which a single process can only reach by doing less per file, so matterlint has to use its
cores or its cache. Files are those matterlint looks at by default (``.md``, ``.markdown``,
``.mdx``, ``.html``). It prints how many blocks parsed.
"""

from __future__ import annotations

import argparse
import os
import re
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path

import yaml

EXTENSIONS = (".md", ".markdown", ".mdx", ".html")
# Leading blank lines, an opening delimiter, the block, the same delimiter on a line of its own.
BLOCK = re.compile(
    rb"\A\s*(---|\+\+\+)[ \t]*\r?\n(.*?)^(?:---|\+\+\+)[ \t]*\r?$", re.MULTILINE | re.DOTALL
)


def paths(folder: Path) -> Iterator[str]:
    """Every file under ``folder`` with a Markdown or HTML extension, in walk order."""
    for directory, _, names in os.walk(folder):
        for name in names:
            if name.lower().endswith(EXTENSIONS):
                yield os.path.join(directory, name)


def parse(data: bytes) -> bool:
    """Whether ``data`` has a front-matter block that parses."""
    match = BLOCK.match(data)
    if match is None:
        return False
    try:
        if match.group(1) == b"+++":
            tomllib.loads(match.group(2).decode("utf-8"))
        else:
            yaml.load(match.group(2), Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Parse every file's front matter and print how many parsed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, metavar="DIR")
    args = parser.parse_args(argv)
    files = parsed = 0
    for path in paths(args.folder):
        with open(path, "rb") as stream:
            files += 1
            parsed += parse(stream.read())
    print(f"{parsed} front-matter blocks parsed in {files} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
