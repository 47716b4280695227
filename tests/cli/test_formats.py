"""Every ``--output-format`` through the command line, on the seed post: exit code 1, nothing
on stderr, and stdout in the shape its consumer parses."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from click.testing import CliRunner

from matterlint import cli as cli_module
from matterlint.cli import cli
from matterlint.reporters import REPORTERS, reporter
from support import ROOT

SEED = "examples/seed-post.md"
PROBLEMS = 9  # 8 trailing-whitespace warnings, a date-format warning, a duplicate-list-item error


def run(monkeypatch: pytest.MonkeyPatch, output_format: str, path: str = SEED) -> tuple[int, str]:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    # --no-cache: the report must come from this run, not from a cache other runs wrote.
    args = ["check", "--isolated", "--no-cache", "--output-format", output_format, path]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.stderr == ""
    return result.exit_code, result.stdout


def check_grouped(out: str) -> None:
    header, *lines = out.splitlines()
    assert header == SEED
    assert len(lines) == PROBLEMS
    assert lines[5] == "  8:22  FM501  `latest` is repeated in `categories` (first at 8:14)"


def check_json(out: str) -> None:
    items = json.loads(out)
    assert len(items) == PROBLEMS
    assert {item["path"] for item in items} == {SEED}
    assert all(len(item["fingerprint"]) == 16 for item in items)


def check_json_lines(out: str) -> None:
    items = [json.loads(line) for line in out.splitlines()]
    assert len(items) == PROBLEMS
    assert items[5]["code"] == "FM501"


def check_github(out: str) -> None:
    lines = out.splitlines()
    assert len(lines) == PROBLEMS
    assert lines[5] == (
        "::error file=examples/seed-post.md,line=8,endLine=8,col=22,endColumn=28,"
        "title=matterlint (FM501)::FM501 `latest` is repeated in `categories` (first at 8:14)"
        "%0A  help: Remove the repeated item"
    )
    assert sum(line.startswith("::warning ") for line in lines) == PROBLEMS - 1


def check_gitlab(out: str) -> None:
    issues = json.loads(out)
    assert len(issues) == PROBLEMS
    assert len({issue["fingerprint"] for issue in issues}) == PROBLEMS
    assert issues[5]["severity"] == "major"
    assert issues[5]["location"] == {"path": SEED, "lines": {"begin": 8, "end": 8}}


def check_sarif(out: str) -> None:
    log = json.loads(out)
    (run,) = log["runs"]
    assert log["version"] == "2.1.0"
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert {"FM201", "FM402", "FM501"} <= set(rules)
    assert [rules[r["ruleIndex"]] for r in run["results"]] == [r["ruleId"] for r in run["results"]]
    assert len(run["results"]) == PROBLEMS
    location = run["results"][5]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": SEED, "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 8, "startColumn": 22, "endLine": 8, "endColumn": 28}


def check_junit(out: str) -> None:
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out)
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("9", "9", "0")
    assert suite.get("name") == SEED
    assert len(suite.findall("testcase/failure")) == PROBLEMS


CHECKS: dict[str, Callable[[str], None]] = {
    "grouped": check_grouped,
    "json": check_json,
    "json-lines": check_json_lines,
    "github": check_github,
    "gitlab": check_gitlab,
    "sarif": check_sarif,
    "junit": check_junit,
}


@pytest.mark.parametrize("output_format", sorted(CHECKS))
def test_seed_post(monkeypatch: pytest.MonkeyPatch, output_format: str) -> None:
    code, out = run(monkeypatch, output_format)
    assert code == 1
    CHECKS[output_format](out)


@pytest.mark.parametrize(
    ("output_format", "expected"),
    [("grouped", ""), ("github", ""), ("json-lines", ""), ("json", "[]\n"), ("gitlab", "[]\n")],
)
def test_clean_post(monkeypatch: pytest.MonkeyPatch, output_format: str, expected: str) -> None:
    assert run(monkeypatch, output_format, "examples/clean-post.md") == (0, expected)


def test_every_format_has_a_reporter() -> None:
    assert set(REPORTERS) == set(cli_module.FORMATS)
    for name in cli_module.FORMATS:
        assert callable(reporter(name).report)
