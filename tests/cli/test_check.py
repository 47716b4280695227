from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from matterlint.cli import cli
from support import ROOT

EXAMPLES = ROOT / "examples"
SEED_CONCISE = """\
examples/seed-post.md:4:90: FM201 trailing whitespace
examples/seed-post.md:5:72: FM201 trailing whitespace
examples/seed-post.md:6:204: FM201 trailing whitespace
examples/seed-post.md:7:7: FM402 date `2020-10-01-14-38-05` is not in an accepted format (iso-date, iso-datetime, space-datetime)
examples/seed-post.md:7:26: FM201 trailing whitespace
examples/seed-post.md:8:22: FM501 `latest` is repeated in `categories` (first at 8:14)
examples/seed-post.md:8:29: FM201 trailing whitespace
examples/seed-post.md:9:15: FM201 trailing whitespace
examples/seed-post.md:10:4: FM201 trailing whitespace
"""


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    return CliRunner()


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_seed_post_concise(in_repo: CliRunner) -> None:
    code, out, err = run(
        in_repo,
        "check",
        "--config",
        "examples/matterlint.toml",
        "--output-format",
        "concise",
        "examples",
    )
    assert (code, out, err) == (1, SEED_CONCISE, "")


def test_clean_post_passes(in_repo: CliRunner) -> None:
    code, out, err = run(
        in_repo, "check", "--config", "examples/matterlint.toml", "examples/clean-post.md"
    )
    assert (code, err) == (0, "")
    assert out == "All checks passed! (1 file checked)\n"


def test_full_report(in_repo: CliRunner) -> None:
    code, out, _ = run(
        in_repo, "check", "--config", "examples/matterlint.toml", "examples/seed-post.md"
    )
    assert code == 1
    assert out.startswith("examples/seed-post.md\n")
    assert (
        "examples/seed-post.md:8:22: FM501 error: `latest` is repeated in `categories` (first at 8:14)\n"
        "  |\n"
        "8 | categories: [latest, latest] \n"
        "  |                      ^^^^^^\n"
        "  = help: Remove the repeated item (safe fix)\n"
        "\n"
        "examples/seed-post.md:8:29: FM201 warning: trailing whitespace\n"
    ) in out
    assert "  = help: Write it as `2020-10-01T14:38:05` (safe fix)\n" in out
    assert out.endswith(
        "Found 9 problems (2 errors, 7 warnings) in 1 file; 9 have a suggested fix.\n"
        "9 fixable with `matterlint check --fix`.\n"
    )
    assert "\x1b[" not in out


def test_json_report(in_repo: CliRunner) -> None:
    code, out, _ = run(
        in_repo,
        "check",
        "--config",
        "examples/matterlint.toml",
        "--output-format",
        "json",
        "examples",
    )
    items = json.loads(out)
    assert code == 1
    assert len(items) == 9
    duplicate = next(i for i in items if i["code"] == "FM501")
    assert duplicate["fingerprint"] == "185a7aa3dec40fb1"
    assert {k: v for k, v in duplicate.items() if k not in ("fix", "fingerprint")} == {
        "code": "FM501",
        "name": "duplicate-list-item",
        "severity": "error",
        "message": "`latest` is repeated in `categories` (first at 8:14)",
        "path": "examples/seed-post.md",
        "line": 8,
        "column": 22,
        "end_line": 8,
        "end_column": 28,
        "suggestion": "Remove the repeated item",
    }
    assert duplicate["fix"] == {
        "applicability": "safe",
        "message": "Remove the repeated item",
        "edits": [
            {
                "content": "",
                "location": {"line": 8, "column": 20},
                "end_location": {"line": 8, "column": 28},
            }
        ],
    }


def test_exit_codes(in_repo: CliRunner, tmp_path: Path) -> None:
    warn_only = tmp_path / "w.md"
    warn_only.write_text("---\ntitle: x \n---\n", encoding="utf-8")
    assert run(in_repo, "check", "--isolated", str(warn_only))[0] == 0
    assert run(in_repo, "check", "--isolated", "--strict", str(warn_only))[0] == 1
    seed = "examples/seed-post.md"
    assert run(in_repo, "check", "--isolated", seed)[0] == 1
    assert run(in_repo, "check", "--isolated", "--exit-zero", seed)[0] == 0
    assert run(in_repo, "check", "--isolated", "--select", "FM201", seed)[0] == 0
    assert run(in_repo, "check", "--isolated", "--ignore", "FM5,FM201", "--strict", seed)[0] == 1


def test_configuration_errors_exit_2(in_repo: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "matterlint.toml"
    config.write_text("selcet = []\n", encoding="utf-8")
    code, out, err = run(in_repo, "check", "--config", str(config), "examples")
    assert (code, out) == (2, "")
    assert err == f"Error: {config}: unknown setting `selcet` (did you mean `select`?)\n"
    code, _, err = run(in_repo, "check", "--isolated", "--schema", "missing.json", "examples")
    assert code == 2
    assert "cannot read schema" in err
    code, _, err = run(in_repo, "check", "--isolated", "--select", "FM999", "examples")
    assert code == 2
    assert "unknown rule `FM999`" in err
    assert run(in_repo, "check", "--no-such-option")[0] == 2


def test_unreadable_and_missing_files_are_diagnostics(in_repo: CliRunner, tmp_path: Path) -> None:
    code, out, _ = run(
        in_repo,
        "check",
        "--isolated",
        "--output-format",
        "concise",
        str(tmp_path / "gone.md"),
        "examples/clean-post.md",
    )
    assert code == 1
    assert (
        out
        == f"{(tmp_path / 'gone.md').as_posix()}:1:1: FM001 cannot read the file: no such file (or a broken symbolic link)\n"
    )


def test_show_schema(in_repo: CliRunner) -> None:
    code, out, _ = run(
        in_repo,
        "check",
        "--config",
        "examples/matterlint.toml",
        "--show-schema",
        "examples/seed-post.md",
    )
    assert code == 0
    assert out.startswith("examples/seed-post.md: news-post (")
    assert out.endswith(f"news-post.json), pattern `*.md` in {EXAMPLES / 'matterlint.toml'}\n")


def test_schema_from_front_matter(in_repo: CliRunner, tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("---\n$schema: news-post\ntitle: x\n---\n", encoding="utf-8")
    code, out, _ = run(in_repo, "check", "--isolated", "--output-format", "concise", str(post))
    assert code == 1
    assert out.splitlines() == [
        f"{post.as_posix()}:4:1: FM701 missing required key `date`",
        f"{post.as_posix()}:4:1: FM701 missing required key `extends`",
        f"{post.as_posix()}:4:1: FM701 missing required key `section`",
    ]
    post.write_text("---\n$schema: nowhere.json\n---\n", encoding="utf-8")
    code, out, _ = run(in_repo, "check", "--isolated", "--output-format", "concise", str(post))
    assert code == 1
    assert out == f"{post.as_posix()}:2:10: FM708 cannot use schema `nowhere.json`: no such file\n"


def test_rules_and_explain(in_repo: CliRunner) -> None:
    code, out, _ = run(in_repo, "rules")
    assert code == 0
    assert out.splitlines()[0].startswith("FM001  unreadable-file")
    assert any(line.startswith("FM501  duplicate-list-item") for line in out.splitlines())
    code, out, _ = run(in_repo, "explain", "duplicate-list-item")
    assert code == 0
    assert out.startswith("FM501 duplicate-list-item (error; fix: sometimes)\n\n*What it checks*")
    assert run(in_repo, "explain", "fm402")[1].startswith("FM402 date-format")
    code, _, err = run(in_repo, "explain", "FM999")
    assert code == 2 and "unknown rule `FM999`" in err


def test_python_dash_m_and_console_script() -> None:
    seed = str(EXAMPLES / "seed-post.md")
    module = subprocess.run(
        [
            sys.executable,
            "-m",
            "matterlint",
            "check",
            "--isolated",
            "--output-format",
            "concise",
            seed,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert module.returncode == 1
    assert "FM501" in module.stdout
    script = shutil.which("matterlint", path=str(Path(sys.executable).parent))
    assert script is not None
    usage = subprocess.run([script, "--help"], capture_output=True, text=True, check=False)
    assert usage.returncode == 0
    assert usage.stdout.startswith("Usage: matterlint [OPTIONS] COMMAND [ARGS]...")


@pytest.mark.parametrize(
    ("environment", "coloured"),
    [({"NO_COLOR": "1"}, False), ({"FORCE_COLOR": "1"}, True), ({}, False)],
)
def test_colour_only_when_asked_or_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], coloured: bool
) -> None:
    monkeypatch.chdir(ROOT)
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(cli, ["check", "--isolated", "examples/seed-post.md"])
    assert result.exit_code == 1
    assert ("\x1b[" in result.stdout) is coloured


def test_markup_and_control_characters_in_values_are_printed_literally(
    in_repo: CliRunner, tmp_path: Path
) -> None:
    post = tmp_path / "post.md"
    post.write_text('---\nimage: "http://x/[bold red]a[/] \\e[31mb"\n---\n', encoding="utf-8")
    code, out, _ = run(in_repo, "check", "--isolated", str(post))
    assert code == 1
    assert "`image` uses http: `http://x/[bold red]a[/] \\x1b[31mb`" in out
    assert "\x1b" not in out


def test_a_run_that_finds_no_file_says_so(in_repo: CliRunner, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "public").mkdir(parents=True)
    (site / ".git").mkdir()
    (site / ".gitignore").write_text("public/\n", encoding="utf-8")
    (site / "public" / "post.md").write_text("---\ntitle: x \n---\n", encoding="utf-8")
    code, out, err = run(in_repo, "check", "--isolated", str(site / "public"))
    assert (code, out) == (0, "All checks passed! (0 files checked)\n")
    assert err.startswith("warning: no files found under the given paths")
    _, out, err = run(in_repo, "check", "--isolated", str(site / "public" / "post.md"))
    assert "FM201" in out  # named explicitly, the file is linted
    assert err == ""
