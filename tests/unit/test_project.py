"""The rules that compare files: claims made per file, compared after the run, reported in
each file's result; the decisions (ignores, suppressions, severities) apply to them, the
cache keeps claims but never the comparison, and a failing comparison is an internal error."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from matterlint import document, project
from matterlint.cli import cli
from matterlint.config import Settings
from matterlint.diagnostics import Diagnostic, Severity
from matterlint.engine import Linter
from matterlint.options import RuleOptions
from matterlint.results import FileResult
from matterlint.rules import BY_CODE, DEFAULT_SELECTION, REGISTRY
from matterlint.rules.base import Claim

FM8 = DEFAULT_SELECTION | {"FM801", "FM802", "FM803", "FM804"}


def _lint(linter: Linter, posts: dict[str, str]) -> list[FileResult]:
    return [
        linter.check(document.parse(name, text.encode(), linter.settings.limits), Path(name))
        for name, text in posts.items()
    ]


def _concise(results: Sequence[FileResult]) -> list[str]:
    return [
        f"{d.path}:{d.span.line}:{d.span.column}: {d.code} {d.severity.value} {d.message}"
        for r in results
        for d in r.diagnostics
    ]


def test_without_project_rules_results_stream_unchanged() -> None:
    """Nothing is held when no rule compares files: the first result is out before the
    second is made."""
    made: list[str] = []
    linter = Linter(Settings(root=Path.cwd()))

    def results() -> Iterator[FileResult]:
        for name in ("a.md", "b.md"):
            made.append(name)
            yield _lint(linter, {name: "---\ntitle: Same\n---\n"})[0]

    stream = project.compare(results(), linter.project_codes, linter.settings.options)
    first = next(stream)
    assert made == ["a.md"]
    assert first.path == "a.md" and first.claims == () and first.diagnostics == ()


def test_claims_become_problems_in_order_and_are_dropped() -> None:
    linter = Linter(Settings(root=Path.cwd(), enabled=FM8))
    results = _lint(
        linter,
        {
            "a.md": "---\ntitle: Same\ntags: [x, x]\n---\n",
            "b.md": "---\nslug: b\ntitle: Same \n---\n",
            "c.md": "---\ntitle: Other\n---\n",
        },
    )
    assert [len(r.claims) for r in results] == [1, 2, 1]
    assert [d.code for r in results for d in r.diagnostics] == ["FM501", "FM201"]
    compared = list(project.compare(results, linter.project_codes, linter.settings.options))
    assert _concise(compared) == [
        "a.md:2:8: FM801 error `title` `Same` is also in b.md:3:8",
        "a.md:3:11: FM501 error `x` is repeated in `tags` (first at 3:8)",
        "b.md:3:8: FM801 error `title` `Same` is also in a.md:2:8",
        "b.md:3:12: FM201 warning trailing whitespace",
    ]
    assert all(r.claims == () for r in compared)
    assert compared[1].lines[3] == "title: Same "


def test_ignored_and_suppressed_files_take_no_part_and_severities_apply() -> None:
    settings = Settings(
        root=Path.cwd(),
        enabled=FM8,
        per_file_ignores=(("legacy/*.md", frozenset({"FM801"})),),
        severities={"FM801": Severity.WARNING},
    )
    linter = Linter(settings)
    results = _lint(
        linter,
        {
            "a.md": "---\ntitle: Same\n---\n",
            "legacy/b.md": "---\ntitle: Same\n---\n",
            "c.md": "---\ntitle: Same  # matterlint: ignore[FM801]\n---\n",
            "d.md": "---\ntitle: Same\n---\n",
        },
    )
    compared = list(project.compare(results, linter.project_codes, settings.options))
    assert _concise(compared) == [
        "a.md:2:8: FM801 warning `title` `Same` is also in d.md:2:8",
        "d.md:2:8: FM801 warning `title` `Same` is also in a.md:2:8",
    ]


def test_a_failing_comparison_is_an_internal_error_and_others_still_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(claims: Sequence[Claim], options: RuleOptions) -> Iterator[Diagnostic]:
        raise RuntimeError("boom")
        yield  # pragma: no cover  (makes this a generator, as the real ones are)

    entry = dataclasses.replace(BY_CODE["FM801"], check_project=broken)
    registry = tuple(entry if e.rule.code == "FM801" else e for e in REGISTRY)
    monkeypatch.setattr(project, "REGISTRY", registry)
    linter = Linter(Settings(root=Path.cwd(), enabled=FM8))
    results = _lint(
        linter,
        {
            "a.md": "---\ntitle: Same\nimage: /nowhere/a.png\n---\n",
            "b.md": "---\ntitle: Same\n---\n",
        },
    )
    compared = list(project.compare(results, linter.project_codes, linter.settings.options))
    assert [(d.path, d.code, d.severity) for r in compared for d in r.diagnostics] == [
        ("a.md", "FM901", Severity.FATAL),
        ("a.md", "FM602", Severity.WARNING),
        ("a.md", "FM804", Severity.ERROR),
    ]
    assert "internal error in FM801 (duplicate-across-files): RuntimeError: boom" in (
        compared[0].diagnostics[0].message
    )


def _write(folder: Path, posts: dict[str, str]) -> None:
    for name, text in posts.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout


def test_a_cached_run_still_compares(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison is never cached: a new duplicate or a deleted image is found although
    every unchanged post's result comes from the cache."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "matterlint.toml").write_text(
        'extend-select = ["FM8"]\nignore = ["relative-url"]\n[assets]\nroots = ["static"]\n'
    )
    _write(
        tmp_path,
        {
            "posts/a.md": "---\ntitle: First\nimage: /a.png\n---\n",
            "posts/b.md": "---\ntitle: Second\n---\n",
            "static/a.png": "png",
        },
    )
    concise = ("--output-format", "concise", "posts")
    assert _check(*concise) == (0, "")
    assert any((tmp_path / ".matterlint_cache").rglob("*")), "the first run fills the cache"
    _write(tmp_path, {"posts/c.md": "---\ntitle: First\n---\n"})
    (tmp_path / "static" / "a.png").unlink()
    assert _check(*concise) == (
        1,
        "posts/a.md:2:8: FM801 `title` `First` is also in posts/c.md:2:8\n"
        "posts/a.md:3:8: FM804 `image` names a file that does not exist: `/a.png`\n"
        "posts/c.md:2:8: FM801 `title` `First` is also in posts/a.md:2:8\n",
    )


def test_fix_and_stdin_runs_compare_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(
        tmp_path,
        {"a.md": "---\ntitle: Same \n---\n", "b.md": "---\ntitle: Same\nimage: b.png\n---\n"},
    )
    options = ("--isolated", "--select", "FM2,FM8", "--output-format", "concise")
    result = CliRunner().invoke(cli, ["check", *options, "--fix", "."], catch_exceptions=False)
    assert (result.exit_code, result.stdout) == (
        1,
        "a.md:2:8: FM801 `title` `Same` is also in b.md:2:8\n"
        "b.md:2:8: FM801 `title` `Same` is also in a.md:2:8\n"
        "b.md:3:8: FM804 `image` names a file that does not exist: `b.png`\n",
    )
    assert result.stderr == "Fixed 1 problem in 1 file\n"
    assert (tmp_path / "a.md").read_text() == "---\ntitle: Same\n---\n"
    stdin = CliRunner().invoke(
        cli,
        ["check", *options, "-", "--stdin-filename", "b.md"],
        input=(tmp_path / "b.md").read_text(),
        catch_exceptions=False,
    )
    assert (stdin.exit_code, stdin.stdout) == (
        1,
        "b.md:3:8: FM804 `image` names a file that does not exist: `b.png`\n",
    )


def test_a_large_group_names_ten_other_files_and_counts_the_rest() -> None:
    linter = Linter(Settings(root=Path.cwd(), enabled=FM8))
    posts = {f"p{n:02d}.md": "---\ntitle: Untitled\n---\n" for n in range(13)}
    compared = list(project.compare(_lint(linter, posts), linter.project_codes, RuleOptions()))
    messages = [d.message for r in compared for d in r.diagnostics]
    assert len(messages) == 13
    named = ", ".join(f"p{n:02d}.md:2:8" for n in range(1, 11))
    assert messages[0] == f"`title` `Untitled` is also in {named} and 2 more files"
