"""Time matterlint against the baselines of the speed issue, and prove it missed nothing.

Usage: ``python benchmarks/run.py [--posts 10000] [--runs 5] [--seed 1] [--corpus DIR]
[--remark] [--shared]``.

Every contender runs as a child process of ``sys.executable`` (remark under ``node``), once
untimed to fill the page cache (and matterlint's result cache, for the warm run), then
``--runs`` times, then once more to sample memory. Reported per contender: median wall time
(``time.perf_counter``), median CPU time (user + sys of the child and its reaped children, from
``RUSAGE_CHILDREN``) and the peak of the summed RSS of the whole process tree in the memory run
(sampled every 5 ms from ``/proc``, so worker processes count). The ratios the issue sets as
targets are computed from one invocation, never from figures taken on another day or another
machine.

Speed only counts if nothing was missed: matterlint's report on a generated corpus must equal
its ground truth exactly (every injected defect found at its line, nothing on clean posts). Any
difference is printed, and the exit status is 1. Results also go to
``benchmarks/results-latest.json``.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from measure import BenchmarkError, Contender, Timing, time_contender
from recall import Recall, compare, first_post, load_truth, parse_report
from remark import REMARK_DIR, REMARK_POSTS, find_node, remark_contender

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED_CORPORA = REPO.parent / "shared" / "corpora"
RESULTS = HERE / "results-latest.json"
MEMORY_BASE_POSTS = 10_000
# Exit 1 means "problems found", which a corpus with injected defects must give.
MATTERLINT_OK = frozenset({0, 1})
EXTENSIONS = (".md", ".markdown", ".mdx", ".html")
MISMATCHES_SHOWN = 20


@dataclass(frozen=True, slots=True)
class Target:
    """One goal of the issue: ``value`` compared with ``goal`` (``None`` when not measured)."""

    name: str
    value: float | None
    goal: float
    at_least: bool
    unit: str

    @property
    def passed(self) -> bool | None:
        if self.value is None:
            return None
        return self.value >= self.goal if self.at_least else self.value < self.goal


def matterlint(*arguments: str, cold: bool = True, output: str = "json-lines") -> tuple[str, ...]:
    """``python -m matterlint check`` with a report format and, if cold, ``--no-cache``."""
    flags = ("--no-cache",) if cold else ()
    check = (sys.executable, "-m", "matterlint", "check")
    return (*check, "--output-format", output, *flags, *arguments)


def ensure_corpus(path: Path, posts: int, seed: int) -> Path:
    """Generate the corpus at ``path`` unless a complete one is there.

    It is written beside ``path`` and renamed when complete, so an interrupted generation is
    never mistaken for a corpus.
    """
    if (path / "ground-truth.jsonl").exists():
        return path
    partial = path.with_name(path.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    script = str(HERE / "generate.py")
    command = [sys.executable, script, str(partial), "--posts", str(posts), "--seed", str(seed)]
    subprocess.run(command, check=True, stdout=sys.stderr)
    partial.rename(path)
    return path


def matterlint_on(corpus: Path, key: str, label: str, cold: bool) -> Contender:
    """matterlint over a whole generated corpus, with the corpus's configuration."""
    config = str(corpus / "matterlint.toml")
    command = matterlint("--config", config, str(corpus), cold=cold)
    posts = len(load_truth(corpus))
    return Contender(key, label, command, corpus, posts, MATTERLINT_OK, corpus)


def main_contenders(corpus: Path) -> list[Contender]:
    """matterlint cold (also with the default report), warm, a first run that writes the
    cache (after warm, whose cache it removes) and on one file; the naive script and the
    floor, on ``corpus``."""
    posts = len(load_truth(corpus))
    config = str(corpus / "matterlint.toml")
    full = matterlint("--config", config, str(corpus), output="full")
    # One file as a pre-commit hook lints it: the default report, start-up included.
    one_file = matterlint("--config", config, str(first_post(corpus)), output="full")
    return [
        matterlint_on(corpus, "cold", "matterlint cold", cold=True),
        Contender("cold-full", "matterlint cold, full report", full, corpus, posts, MATTERLINT_OK),
        matterlint_on(corpus, "warm", "matterlint warm", cold=False),
        replace(
            matterlint_on(corpus, "first", "matterlint first run, cache written", cold=False),
            reset=corpus / ".matterlint_cache",
        ),
        Contender("naive", "naive script", python_script("naive.py", corpus), corpus, posts),
        Contender(
            "floor", "read + C-loader floor", python_script("floor.py", corpus), corpus, posts
        ),
        Contender("one-file", "matterlint, one file", one_file, corpus, 1, MATTERLINT_OK),
    ]


def python_script(name: str, folder: Path) -> tuple[str, ...]:
    """Run one of the baseline scripts beside this one over ``folder``."""
    return (sys.executable, str(HERE / name), str(folder))


def remark_contenders(seed: int) -> list[Contender]:
    """remark-lint-frontmatter-schema and matterlint cold on the same 1,000 posts."""
    node = find_node()
    corpus = ensure_corpus(REMARK_DIR / f"corpus-{REMARK_POSTS}-{seed}", REMARK_POSTS, seed)
    return [
        matterlint_on(corpus, "cold-1k", "matterlint cold, 1,000 posts", cold=True),
        remark_contender(node, corpus),
    ]


def shared_contenders() -> list[Contender]:
    """matterlint with default settings, and the floor, over the real posts in shared/corpora."""
    files = sum(
        name.lower().endswith(EXTENSIONS)
        for _, _, names in os.walk(SHARED_CORPORA)
        for name in names
    )
    command = matterlint("--isolated", str(SHARED_CORPORA))
    floor = python_script("floor.py", SHARED_CORPORA)
    return [
        Contender("shared-cold", "matterlint cold, shared", command, HERE, files, MATTERLINT_OK),
        Contender("shared-floor", "read + C-loader floor, shared", floor, HERE, files),
    ]


def recalls(timings: dict[str, Timing]) -> dict[str, Recall]:
    """Check every matterlint run over a generated corpus against its ground truth."""
    checked = {}
    for key, timing in timings.items():
        corpus = timing.contender.corpus
        if corpus is not None:
            found = parse_report(timing.output, timing.contender.cwd, corpus)
            checked[key] = compare(load_truth(corpus), found)
    return checked


def targets(timings: dict[str, Timing], posts: int) -> list[Target]:
    """The issue's goals, from this run's figures."""

    def ratio(slow: str, fast: str) -> float | None:
        if slow in timings and fast in timings:
            return timings[slow].wall / timings[fast].wall
        return None

    peak = max(timings[key].peak_mb for key in ("cold", "warm") if key in timings)
    goals = [
        Target("naive script / matterlint cold, wall", ratio("naive", "cold"), 5.0, True, "x"),
        Target("floor / matterlint cold, wall", ratio("floor", "cold"), 1.0, True, "x"),
        Target("matterlint cold / warm, wall", ratio("cold", "warm"), 3.0, True, "x"),
        Target(f"matterlint peak RSS, {posts:,} posts", peak, 100.0, False, "MB"),
        Target("matterlint on one file, wall", timings["one-file"].wall, 0.3, False, "s"),
        Target(
            "remark / matterlint, 1,000 posts, wall", ratio("remark", "cold-1k"), 100.0, True, "x"
        ),
    ]
    if "cold-10k" in timings:
        growth = timings["cold"].peak_mb / timings["cold-10k"].peak_mb
        goals.append(Target(f"peak RSS {posts:,} / 10,000 posts", growth, 1.2, False, "x"))
    return goals


def print_table(timings: dict[str, Timing]) -> None:
    """The figures per contender."""
    print(f"{'contender':<34}{'files':>8}{'wall s':>9}{'CPU s':>9}{'peak MB':>9}{'files/s':>10}")
    for timing in timings.values():
        print(
            f"{timing.contender.label:<34}{timing.contender.files:>8}{timing.wall:>9.3f}"
            f"{timing.cpu:>9.3f}{timing.peak_mb:>9.1f}{timing.files_per_second:>10.0f}"
        )


def print_targets(goals: list[Target]) -> None:
    """Each goal with its value and verdict."""
    print(f"\n{'target':<44}{'value':>10}  {'goal':<10}verdict")
    for goal in goals:
        value = "n/a" if goal.value is None else f"{goal.value:.2f} {goal.unit}"
        wanted = f"{'>=' if goal.at_least else '<'} {goal.goal:g} {goal.unit}"
        verdict = {True: "pass", False: "FAIL", None: "not measured"}[goal.passed]
        print(f"{goal.name:<44}{value:>10}  {wanted:<10}{verdict}")


def print_recalls(checked: dict[str, Recall], timings: dict[str, Timing]) -> None:
    """Recall and false positives per checked run, then the first mismatches."""
    for key, recall in checked.items():
        share = 100 * recall.found / recall.expected if recall.expected else 100.0
        print(
            f"\n{timings[key].contender.label}: recall {share:.2f}% ({recall.found} of "
            f"{recall.expected} expected diagnostics), {recall.flagged_clean_posts} of "
            f"{recall.clean_posts} clean posts flagged, {recall.unexpected} unexpected diagnostics"
        )
        for mismatch in recall.mismatches[:MISMATCHES_SHOWN]:
            print(f"  {mismatch}")
        if len(recall.mismatches) > MISMATCHES_SHOWN:
            print(f"  ... and {len(recall.mismatches) - MISMATCHES_SHOWN} more posts")


def source_stamp() -> list[tuple[str, int, int]]:
    """Size and modification time of every module of the matterlint being timed.

    matterlint's result cache keys on these, and the package is edited while benchmarks run:
    an edit mid-run turns the warm run into a cold one and mixes two versions' figures.
    """
    spec = importlib.util.find_spec("matterlint")
    if spec is None or spec.origin is None:
        raise BenchmarkError("matterlint is not importable from this interpreter")
    package = Path(spec.origin).parent
    stats = ((path, path.stat()) for path in sorted(package.rglob("*.py")))
    return [(str(path), stat.st_size, stat.st_mtime_ns) for path, stat in stats]


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    return {
        "cpus": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "arch": platform.machine(),
        "platform": platform.platform(),
    }


def write_results(
    timings: dict[str, Timing],
    goals: list[Target],
    checked: dict[str, Recall],
    source_changed: bool,
) -> None:
    """Everything printed, as JSON, for the README and for comparing runs."""
    results = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python", *sys.argv]),
        "machine": machine(),
        "matterlint": {"source_changed_during_run": source_changed},
        "timings": {
            key: {
                "label": t.contender.label,
                "files": t.contender.files,
                "median_wall_s": t.wall,
                "median_cpu_s": t.cpu,
                "peak_rss_mb": t.peak_mb,
                "files_per_second": t.files_per_second,
                "runs": [{"wall_s": r.wall, "cpu_s": r.cpu} for r in t.runs],
            }
            for key, t in timings.items()
        },
        "targets": [
            {"name": g.name, "value": g.value, "goal": g.goal, "unit": g.unit, "passed": g.passed}
            for g in goals
        ],
        "recall": {
            key: {
                "expected": r.expected,
                "found": r.found,
                "clean_posts": r.clean_posts,
                "flagged_clean_posts": r.flagged_clean_posts,
                "unexpected": r.unexpected,
                "mismatched_posts": len(r.mismatches),
            }
            for key, r in checked.items()
        },
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def plan(args: argparse.Namespace, corpus: Path) -> list[Contender]:
    """Every contender this invocation times, in order."""
    contenders = main_contenders(corpus)
    posts = len(load_truth(corpus))
    if posts > MEMORY_BASE_POSTS and args.corpus is None:
        base = ensure_corpus(
            HERE / f".corpus-{MEMORY_BASE_POSTS}-{args.seed}", MEMORY_BASE_POSTS, args.seed
        )
        contenders.append(
            matterlint_on(base, "cold-10k", "matterlint cold, 10,000 posts", cold=True)
        )
    if args.remark:
        contenders += remark_contenders(args.seed)
    if args.shared:
        contenders += shared_contenders()
    return contenders


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=MEMORY_BASE_POSTS, metavar="N")
    parser.add_argument("--runs", type=int, default=5, metavar="R")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    parser.add_argument(
        "--corpus", type=Path, metavar="DIR", help="a corpus written by generate.py"
    )
    parser.add_argument("--remark", action="store_true", help="also time remark on 1,000 posts")
    parser.add_argument("--shared", action="store_true", help="also time ../shared/corpora")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Time every contender, print and save the figures; 1 if a report missed or added anything."""
    args = parse_arguments(argv)
    corpus = args.corpus or ensure_corpus(
        HERE / f".corpus-{args.posts}-{args.seed}", args.posts, args.seed
    )
    corpus = corpus.resolve()
    try:
        stamp = source_stamp()
        timings = {c.key: time_contender(c, args.runs) for c in plan(args, corpus)}
    except BenchmarkError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    source_changed = source_stamp() != stamp
    checked = recalls(timings)
    goals = targets(timings, len(load_truth(corpus)))
    print_table(timings)
    print_targets(goals)
    print_recalls(checked, timings)
    if source_changed:
        print("\nwarning: matterlint's source changed during the run; its figures mix versions")
    write_results(timings, goals, checked, source_changed)
    return 0 if all(not recall.mismatches for recall in checked.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
