"""The hooks as a user meets them: pre-commit installs this repository's working tree (as
``pre-commit try-repo`` does: a commit of it in a shadow repository) into its own virtualenv
from the package registries, and runs the hooks in a git repository of posts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
CLEAN = (ROOT / "examples" / "clean-post.md").read_bytes()
SEED = (ROOT / "examples" / "seed-post.md").read_bytes()
SEED_FIXED = (ROOT / "tests" / "fixtures" / "seed-post" / "seed-post.fixed.md").read_bytes()


def git(cwd: Path, *args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("home")
    (home / "gitconfig").write_text(
        "[user]\n\tname = Test\n\temail = test@example.invalid\n[commit]\n\tgpgsign = false\n"
        "[init]\n\tdefaultBranch = main\n",
        encoding="utf-8",
    )
    env = dict(os.environ)
    env.update(
        GIT_CONFIG_GLOBAL=str(home / "gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(home / "pre-commit"),
        PRE_COMMIT_COLOR="never",
    )
    return env


@pytest.fixture(scope="module")
def hook_repository(
    tmp_path_factory: pytest.TempPathFactory, environment: dict[str, str]
) -> tuple[Path, str]:
    """A commit of the working tree, uncommitted changes included, as try-repo makes."""
    shadow = tmp_path_factory.mktemp("shadow") / "matterlint"
    ignored = shutil.ignore_patterns(
        ".venv", ".git", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
    )
    shutil.copytree(ROOT, shadow, ignore=ignored, symlinks=True)
    git(shadow, "init", "-q", env=environment)
    git(shadow, "add", "-A", env=environment)
    git(shadow, "commit", "-q", "-m", "shadow", env=environment)
    return shadow, git(shadow, "rev-parse", "HEAD", env=environment)


@pytest.fixture
def posts(tmp_path: Path, environment: dict[str, str], hook_repository: tuple[Path, str]) -> Path:
    repository, revision = hook_repository
    site = tmp_path / "site"
    site.mkdir()
    git(site, "init", "-q", env=environment)
    (site / "seed-post.md").write_bytes(SEED)
    (site / "clean-post.md").write_bytes(CLEAN)
    (site / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {repository}\n  rev: {revision}\n  hooks:\n"
        "  - id: matterlint\n    stages: [manual]\n  - id: matterlint-fix\n    stages: [manual]\n"
        "  - id: matterlint\n    alias: matterlint-news\n    args: [--schema, news-post]\n"
        "    stages: [manual]\n",
        encoding="utf-8",
    )
    git(site, "add", "-A", env=environment)
    return site


def pre_commit(site: Path, env: dict[str, str], hook: str, *files: str) -> tuple[int, str]:
    done = subprocess.run(
        [*PRE_COMMIT, "run", hook, "--hook-stage", "manual", "--files", *files],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def test_the_manifest_is_valid(environment: dict[str, str]) -> None:
    done = subprocess.run(
        [*PRE_COMMIT, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_hooks_fail_on_the_seed_pass_on_the_clean_post_and_fix(
    posts: Path, environment: dict[str, str]
) -> None:
    code, output = pre_commit(posts, environment, "matterlint", "seed-post.md")
    assert code == 1, output
    assert re.search(r"^matterlint\.+Failed$", output, re.MULTILINE), output
    assert "- exit code: 1" in output
    assert "seed-post.md:8:22: FM501 error: `latest` is repeated in `categories`" in output
    assert "seed-post.md:7:7: FM402" in output

    code, output = pre_commit(posts, environment, "matterlint", "clean-post.md")
    assert code == 0, output
    assert re.search(r"^matterlint\.+Passed$", output, re.MULTILINE), output

    code, output = pre_commit(posts, environment, "matterlint-fix", "seed-post.md")
    assert code == 1, output
    assert "- files were modified by this hook" in output
    assert "Fixed 9 problems in 1 file" in output
    assert (posts / "seed-post.md").read_bytes() == SEED_FIXED

    code, output = pre_commit(posts, environment, "matterlint-fix", "seed-post.md", "clean-post.md")
    assert code == 0, output

    # A built-in schema, found in the installed package (not the checkout's schemas/).
    (posts / "no-section.md").write_text("---\ntitle: A post\n---\n", encoding="utf-8")
    code, output = pre_commit(posts, environment, "matterlint-news", "no-section.md")
    assert code == 1, output
    assert "no-section.md:3:1: FM701" in output
