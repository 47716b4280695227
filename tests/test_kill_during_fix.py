"""``--fix`` killed with SIGKILL at random moments leaves every file either as it was or fully
fixed, never half written: writes go to a temporary file that is renamed over the original."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from matterlint import document
from matterlint.config import Settings
from matterlint.engine import Linter
from matterlint.fixes import repair
from support import CORPORA, needs_corpora

FILES = 3_000


def _fully_fixed(raw: bytes, path: Path, linter: Linter) -> bytes:
    doc = document.parse(path.name, raw, linter.settings.limits)
    outcome = repair(linter, path.name, path, raw, doc)
    return outcome.data if outcome.data is not None else raw


@needs_corpora
@pytest.mark.slow
def test_sigkill_never_leaves_a_half_written_file(tmp_path: Path) -> None:
    sources = sorted((CORPORA / "jigsaw-dailymail").rglob("*.md"))[:FILES]
    tree = tmp_path / "posts"
    tree.mkdir()
    linter = Linter(Settings(root=tree))
    original: dict[Path, bytes] = {}
    fixed: dict[Path, bytes] = {}
    for index, source in enumerate(sources):
        target = tree / f"{index:05d}.md"
        shutil.copyfile(source, target)
        original[target] = target.read_bytes()
        fixed[target] = _fully_fixed(original[target], target, linter)
    assert sum(original[p] != fixed[p] for p in original) > FILES // 2

    command = [
        sys.executable,
        "-m",
        "matterlint",
        "check",
        "--isolated",
        "--fix",
        "--output-format",
        "concise",
        str(tree),
    ]
    chance = random.Random(20201001)
    interrupted = 0
    for _ in range(6):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(0.3, 2.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        done = 0
        for path, before in original.items():
            now = path.read_bytes()
            assert now in (before, fixed[path]), path
            done += now == fixed[path] != before
        interrupted += 0 < done < sum(original[p] != fixed[p] for p in original)
    assert interrupted  # at least one kill fell in the middle of the run
    subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
    assert all(path.read_bytes() == fixed[path] for path in original)
    leftovers = [name for name in os.listdir(tree) if not name.endswith(".md")]
    assert all(name.endswith(".tmp") for name in leftovers)
