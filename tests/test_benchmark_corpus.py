"""The benchmark's generated corpus and matterlint agree: a speed figure only counts if every
injected defect was found, so the generator's ground truth must be right, and stay right as
rules change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from recall import compare, load_truth, parse_report

from support import ROOT

POSTS = 300


def generate(folder: Path, seed: int = 1) -> Path:
    """Run the generator as ``run.py`` does, so its command line is what is tested."""
    script = ROOT / "benchmarks" / "generate.py"
    command = [sys.executable, str(script), str(folder), "--posts", str(POSTS), "--seed", str(seed)]
    subprocess.run(command, check=True, capture_output=True)
    return folder


def test_matterlint_reports_exactly_the_injected_defects(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "corpus")
    config = str(corpus / "matterlint.toml")
    command = [sys.executable, "-m", "matterlint", "check", "--output-format", "json-lines"]
    run = subprocess.run(
        [*command, "--no-cache", "--config", config, str(corpus)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    truth = load_truth(corpus)
    recall = compare(truth, parse_report(run.stdout, Path.cwd(), corpus))
    assert recall.mismatches == ()
    assert recall.found == recall.expected > POSTS // 2
    assert recall.flagged_clean_posts == recall.unexpected == 0
    assert 0 < recall.clean_posts < POSTS  # both kinds of post are there to be told apart


def test_the_corpus_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    one, two = generate(tmp_path / "one"), generate(tmp_path / "two")
    other = generate(tmp_path / "other", seed=2)
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert len(files) == POSTS + 2  # the posts, the ground truth and the configuration
    for name in files:
        assert (one / name).read_bytes() == (two / name).read_bytes()
    truth = (one / "ground-truth.jsonl").read_bytes()
    assert truth != (other / "ground-truth.jsonl").read_bytes()


def test_a_contender_with_a_reset_folder_runs_without_it(tmp_path: Path) -> None:
    """The first-run contender must write the whole cache each time, warm-up included."""
    from measure import Contender, time_contender

    cache = tmp_path / "cache"
    probe = "import os, sys; print(os.path.exists('cache')); os.makedirs('cache/x')"
    contender = Contender("first", "first", (sys.executable, "-c", probe), tmp_path, 1, reset=cache)
    cache.mkdir()
    timing = time_contender(contender, 2)
    assert timing.output == "False\n" and len(timing.runs) == 2
    assert cache.is_dir()  # what the last run wrote is left, as a cache would be
