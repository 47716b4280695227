"""Instructions per post: a figure this shared machine repeats, where seconds vary by a third.

callgrind counts the instructions of a Python process that lints ``--posts`` posts of a
generated corpus one by one (what a worker does for each, without the cache), and of the same
process linting none of them; the difference divided by the number of posts is what one post
costs, start-up excluded. A change that saves 3% shows as 3% under any load, so this is the
instrument for optimising; ``run.py`` says what the user then waits.

``--phase`` stops each post early: ``read`` (the bytes), ``parse`` (bytes to document),
``whole`` (read, parse, rules, schema, decisions: ``runner.lint_one``); ``warm`` is
``lint_one`` with the result cache, filled by an uncounted run first (what a worker does for
each post of a second run: a ``stat`` and one entry read). Under valgrind, OpenSSL's SHA-256
runs without the CPU's SHA instructions (about 500k instructions for a 17.5 KB post, 13 µs
on the CPU itself), so compare a phase that hashes posts only with itself.

    python benchmarks/instructions.py [--posts 300] [--phase whole] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from run import HERE, ensure_corpus

PHASES = ("read", "parse", "whole", "warm")
# The first posts warm the interpreter (imports made on first use, regexes, caches of values);
# the counted posts follow them.
WARM_UP = 20
_COLLECTED = re.compile(r"Collected : (\d+)")


def lint_posts(corpus: Path, posts: int, phase: str) -> None:
    """The measured process: lint ``posts`` posts of ``corpus`` after the warm-up ones."""
    from matterlint import document
    from matterlint.cache import ResultCache, settings_key
    from matterlint.config import settings_for
    from matterlint.discovery import discover
    from matterlint.engine import Linter
    from matterlint.runner import lint_one
    from matterlint.schemas import SOURCES

    os.chdir(corpus)
    settings = settings_for(Path("matterlint.toml"), isolated=False)
    linter = Linter(settings)
    targets = list(discover(["posts"], settings, force_exclude=False))
    chosen = targets[:WARM_UP] + targets[WARM_UP : WARM_UP + posts]
    cache = None
    if phase == "warm":
        cache = ResultCache(settings.root, settings_key([settings, None], SOURCES))
    for target in chosen:
        if phase in ("whole", "warm"):
            lint_one(linter, cache, target)
            continue
        raw = linter.read_bytes(target)
        if phase == "parse" and isinstance(raw, bytes):
            document.parse(target.display, raw, settings.limits)
    if cache is not None:
        cache.finish()  # the filling run's last batch: without it, the counted run misses


def count(corpus: Path, posts: int, phase: str) -> int:
    """Instructions callgrind counts for a process linting ``posts`` posts."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        "--corpus",
        str(corpus),
        "--posts",
        str(posts),
        "--phase",
        phase,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr}")
    return int(found.group(1))


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--phase", choices=PHASES, default="whole")
    parser.add_argument(
        "--corpus", type=Path, metavar="DIR", help="a corpus written by generate.py"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    corpus = args.corpus or ensure_corpus(HERE / ".corpus-10000-1", 10_000, 1)
    if args.child:
        lint_posts(corpus.resolve(), args.posts, args.phase)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    if args.phase == "warm":  # fill the cache, uncounted
        lint = [sys.executable, __file__, "--child", "--corpus", str(corpus), "--phase", "warm"]
        subprocess.run([*lint, "--posts", str(args.posts)], check=True)
    base = count(corpus, 0, args.phase)
    total = count(corpus, args.posts, args.phase)
    per_post = (total - base) / args.posts
    print(f"{args.phase}: {per_post / 1000:,.1f}k instructions a post ({args.posts} posts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
