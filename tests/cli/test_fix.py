from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from matterlint import fixes
from matterlint.cli import cli
from support import ROOT

SEED = ROOT / "examples" / "seed-post.md"
SEED_FIXED = (ROOT / "tests" / "fixtures" / "seed-post" / "seed-post.fixed.md").read_bytes()


@pytest.fixture
def seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    shutil.copy(SEED, tmp_path / "seed-post.md")
    return tmp_path / "seed-post.md"


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_fix_writes_reports_what_remains_and_exits_1(seed: Path) -> None:
    code, out, err = run(
        "check", "--isolated", "--fix", "--output-format", "concise", "seed-post.md"
    )
    assert (code, out, err) == (1, "", "Fixed 9 problems in 1 file\n")
    assert seed.read_bytes() == SEED_FIXED
    assert b"categories: [latest]\n" in SEED_FIXED
    assert b"date: 2020-10-01T14:38:05\n" in SEED_FIXED
    assert SEED_FIXED.endswith(SEED.read_bytes()[SEED.read_bytes().index(b"--- \n") + 5 :])
    code, out, err = run("check", "--isolated", "--fix", "seed-post.md")
    assert (code, out, err) == (0, "All checks passed! (1 file checked)\n", "")


def test_fix_exits_1_when_errors_remain(seed: Path) -> None:
    seed.write_text("---\ntitle: x \nkey: 1\nkey: 2\n---\n", encoding="utf-8")
    code, out, err = run(
        "check", "--isolated", "--fix", "--output-format", "concise", "seed-post.md"
    )
    assert (code, err) == (1, "Fixed 1 problem in 1 file\n")
    assert (
        out
        == "seed-post.md:4:1: FM101 key `key` is repeated (first at 3:1); the last value is used\n"
    )


def test_diff_writes_nothing(seed: Path) -> None:
    before = seed.read_bytes()
    code, out, err = run("check", "--isolated", "--diff", "seed-post.md")
    assert code == 1
    assert out.startswith("--- seed-post.md\n+++ seed-post.md\n@@ -1,13 +1,13 @@\n")
    assert "\n-categories: [latest, latest] \n" in out
    assert "\n+categories: [latest]\n" in out
    assert err == "Would fix 9 problems in 1 file\n"
    assert seed.read_bytes() == before
    seed.write_bytes(SEED_FIXED)
    assert run("check", "--isolated", "--diff", "seed-post.md") == (0, "", "")


def test_unsafe_fixes_only_when_asked(seed: Path) -> None:
    seed.write_text("---\ntitle: Is #MeToo worth it\n---\n", encoding="utf-8")
    code, _, err = run("check", "--isolated", "--fix", "seed-post.md")
    assert (code, err) == (1, "")
    assert seed.read_text(encoding="utf-8") == "---\ntitle: Is #MeToo worth it\n---\n"
    code, _, err = run("check", "--isolated", "--fix", "--unsafe-fixes", "seed-post.md")
    assert (code, err) == (1, "Fixed 1 problem in 1 file\n")
    assert seed.read_text(encoding="utf-8") == '---\ntitle: "Is #MeToo worth it"\n---\n'


def test_bom_crlf_and_mode_survive(seed: Path) -> None:
    seed.write_bytes(b"\xef\xbb\xbf---\r\ntags: [a, a]\r\n---\r\nbody \r\n")
    seed.chmod(0o600)
    assert run("check", "--isolated", "--fix", "seed-post.md")[0] == 1
    assert seed.read_bytes() == b"\xef\xbb\xbf---\r\ntags: [a]\r\n---\r\nbody \r\n"
    assert seed.stat().st_mode & 0o777 == 0o600


def test_stdin_fix_writes_the_fixed_text_to_stdout(seed: Path) -> None:
    code, out, err = run(
        "check", "--isolated", "--fix", "-", "--stdin-filename", "post.md", stdin=SEED.read_bytes()
    )
    assert code == 1
    assert out.encode("utf-8") == SEED_FIXED
    assert err.endswith("All checks passed! (1 file checked)\n")


def test_stdin_lint_uses_the_stdin_filename(seed: Path) -> None:
    (seed.parent / "matterlint.toml").write_text(
        '[schemas]\n"posts/*.md" = "news-post"\n', encoding="utf-8"
    )
    post = b"---\ntitle: x\n---\n"
    code, out, _ = run(
        "check", "--output-format", "concise", "-", "--stdin-filename", "posts/a.md", stdin=post
    )
    assert code == 1
    assert out.splitlines()[0] == "posts/a.md:3:1: FM701 missing required key `date`"
    code, out, _ = run("check", "--output-format", "concise", "-", stdin=post)
    assert (code, out) == (0, "")


@pytest.fixture
def twins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two posts with one title; the first also has a key whose invisible character cannot be
    removed without repeating the key next to it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "a.md").write_bytes(
        "---\ntitle: Same\nl\ufeffayout: b\nlayout: a\ntags: [x, x]\n---\nbody\n".encode()
    )
    (tmp_path / "b.md").write_bytes(b"---\ntitle: Same\n---\nbody\n")
    return tmp_path


FIX_TWINS = ("check", "--isolated", "--no-cache", "--extend-select", "FM801", "--fix")


def test_a_refused_fix_is_withdrawn_and_its_post_still_compared(twins: Path) -> None:
    code, out, err = run(*FIX_TWINS, "--unsafe-fixes", "--output-format", "concise", ".")
    assert (code, err) == (1, "Fixed 1 problem in 1 file\n")
    assert out.splitlines() == [
        "a.md:2:8: FM801 `title` `Same` is also in b.md:2:8",
        "a.md:3:2: FM202 zero-width no-break space (U+FEFF) in key `l\\ufeffayout`",
        "a.md:3:2: FM902 fix of FM202 (invisible-character) not applied: it would cause FM101 "
        "(duplicate-key): key `layout` is repeated (first at 3:1); the last value is used",
        "b.md:2:8: FM801 `title` `Same` is also in a.md:2:8",
    ]
    assert (twins / "a.md").read_bytes().endswith(b"tags: [x]\n---\nbody\n")
    code, out, _ = run(*FIX_TWINS, "--unsafe-fixes", "--output-format", "json", "a.md")
    (refused,) = [d for d in json.loads(out) if d["code"] == "FM202"]
    assert refused["fix"] is None
    assert refused["suggestion"] == "Remove the invisible characters"
    code, out, _ = run(*FIX_TWINS, "--unsafe-fixes", ".")
    assert out.endswith(
        "Found 4 problems (3 errors, 1 warning) in 2 files; 1 has a suggested fix.\n"
    )


def test_a_post_that_cannot_be_written_is_still_compared(
    twins: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(path: Path, data: bytes, expected: bytes) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(fixes, "write_atomically", read_only)
    before = (twins / "a.md").read_bytes()
    code, out, err = run(*FIX_TWINS, "--output-format", "concise", ".")
    assert (code, err) == (1, "")
    assert (twins / "a.md").read_bytes() == before
    assert "a.md:1:1: FM902 fixes not applied: the fixed file could not be written " in out
    assert "b.md:2:8: FM801 `title` `Same` is also in a.md:2:8" in out.splitlines()
