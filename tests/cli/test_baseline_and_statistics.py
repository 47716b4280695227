from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from matterlint.cli import cli
from matterlint.progress import THRESHOLD, wanted
from support import ROOT


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    shutil.copy(ROOT / "examples" / "seed-post.md", tmp_path / "seed-post.md")
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_baseline_hides_recorded_problems_and_survives_unrelated_edits(site: Path) -> None:
    code, out, err = run("check", "--isolated", "--write-baseline", "baseline.json", ".")
    assert (code, out, err) == (0, "", "Recorded 9 problems in baseline.json\n")
    recorded = json.loads((site / "baseline.json").read_text(encoding="utf-8"))
    assert recorded["version"] == 1
    assert {p["code"] for p in recorded["problems"]} == {"FM201", "FM402", "FM501"}
    whitespace = [p for p in recorded["problems"] if p["code"] == "FM201"]
    assert len(whitespace) == 7 and {p["count"] for p in whitespace} == {1}
    assert {p["key"] for p in whitespace} == {
        "image",
        "title",
        "description",
        "date",
        "categories",
        "featured",
        "",
    }
    assert run("check", "--isolated", "--baseline", "baseline.json", ".") == (
        0,
        "All checks passed! (1 file checked)\n",
        "",
    )
    post = site / "seed-post.md"
    text = post.read_text(encoding="utf-8")
    text = text.replace("section: content\n", "section: content\nauthor: Ana\n")
    text = text.replace("featured: true \n", "featured: true \ntags: [a, a]\n")
    post.write_text(text, encoding="utf-8")
    code, out, _ = run(
        "check", "--isolated", "--baseline", "baseline.json", "--output-format", "concise", "."
    )
    assert (code, out) == (
        1,
        "seed-post.md:11:11: FM501 `a` is repeated in `tags` (first at 11:8)\n",
    )


def test_a_broken_baseline_is_a_configuration_error(site: Path) -> None:
    (site / "baseline.json").write_text("{}", encoding="utf-8")
    code, out, err = run("check", "--isolated", "--baseline", "baseline.json", ".")
    assert (code, out) == (2, "")
    assert "is not a matterlint baseline" in err


def test_statistics(site: Path) -> None:
    (site / "other.md").write_text("---\ntitle: Is #MeToo worth it\n---\n", encoding="utf-8")
    code, out, _ = run("check", "--isolated", "--statistics", ".")
    assert code == 1
    assert out == (
        "7  FM201  [*] trailing-whitespace\n"
        "1  FM301      truncated-by-comment\n"
        "1  FM402  [*] date-format\n"
        "1  FM501  [*] duplicate-list-item\n"
    )
    assert run("check", "--isolated", "--statistics", "--unsafe-fixes", ".")[1].splitlines()[1] == (
        "1  FM301  [*] truncated-by-comment"
    )


def test_output_file(site: Path) -> None:
    code, out, _ = run("check", "--isolated", "--output-format", "concise", "-o", "report.txt", ".")
    assert (code, out) == (1, "")
    report = (site / "report.txt").read_text(encoding="utf-8")
    assert report.startswith("seed-post.md:4:90: FM201 trailing whitespace\n")
    assert len(report.splitlines()) == 9


@pytest.mark.parametrize(
    ("count", "environ", "terminal", "shown"),
    [
        (THRESHOLD, {}, True, True),
        (THRESHOLD - 1, {}, True, False),
        (THRESHOLD, {}, False, False),
        (THRESHOLD, {"CI": "true"}, True, False),
        (THRESHOLD, {"PRE_COMMIT": "1"}, True, False),
        (THRESHOLD, {"TERM": "dumb"}, True, False),
    ],
)
def test_progress_bar_only_for_long_runs_at_a_terminal(
    count: int, environ: dict[str, str], terminal: bool, shown: bool
) -> None:
    assert wanted(count, environ, terminal) is shown
