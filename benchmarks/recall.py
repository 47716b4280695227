"""Proving a report found every injected defect: the ground truth of a generated corpus, and
matterlint's json or json-lines report, compared as (code, line) pairs per post."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from measure import BenchmarkError

Findings = dict[str, set[tuple[str, int]]]


@dataclass(frozen=True, slots=True)
class Recall:
    """How a report compares with a corpus's ground truth, by (code, line) per post."""

    expected: int
    found: int
    clean_posts: int
    flagged_clean_posts: int
    unexpected: int
    mismatches: tuple[str, ...]


@cache
def load_truth(corpus: Path) -> Findings:
    """The ground truth of a generated corpus: expected (code, line) pairs per relative path."""
    truth: Findings = {}
    with (corpus / "ground-truth.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            post = json.loads(line)
            truth[post["path"]] = {(d["code"], d["line"]) for d in post["defects"]}
    return truth


def first_post(corpus: Path, defective: bool = False) -> Path:
    """The corpus's first post, or its first post with an injected defect."""
    with (corpus / "ground-truth.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            post = json.loads(line)
            if post["defects"] or not defective:
                path: str = post["path"]
                return corpus / path
    raise BenchmarkError(f"{corpus} has no post with a defect")


def parse_report(output: str, cwd: Path, root: Path) -> Findings:
    """(code, line) pairs per path relative to ``root``, from a json or json-lines report."""
    text = output.strip()
    if text.startswith("["):
        records = json.loads(text)
    else:
        records = [json.loads(line) for line in text.split("\n") if line.strip()]
    found: Findings = defaultdict(set)
    for record in records:
        path = Path(os.path.relpath(cwd / record["path"], root)).as_posix()
        found[path].add((record["code"], record.get("line", 0)))
    return dict(found)


def compare(truth: Findings, found: Findings) -> Recall:
    """Compare a report with the ground truth, post by post."""
    empty: set[tuple[str, int]] = set()
    mismatches = []
    for path in sorted(truth.keys() | found.keys()):
        expected, got = truth.get(path, empty), found.get(path, empty)
        if expected != got:
            missing, unexpected = sorted(expected - got), sorted(got - expected)
            mismatches.append(f"{path}: missing {missing}, unexpected {unexpected}")
    return Recall(
        expected=sum(len(expected) for expected in truth.values()),
        found=sum(len(expected & found.get(path, empty)) for path, expected in truth.items()),
        clean_posts=sum(not expected for expected in truth.values()),
        flagged_clean_posts=sum(
            not expected and bool(found.get(p)) for p, expected in truth.items()
        ),
        unexpected=sum(len(got - truth.get(path, empty)) for path, got in found.items()),
        mismatches=tuple(mismatches),
    )
