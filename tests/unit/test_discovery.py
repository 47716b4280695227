from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from matterlint.config import Settings
from matterlint.discovery import discover


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    for name in [
        "content/a.md",
        "content/b.markdown",
        "content/c.mdx",
        "content/d.html",
        "content/e.txt",
        "content/drafts/f.md",
        "content/sub/g.md",
        "content/sub/secret.md",
        "node_modules/pkg/readme.md",
        "public/index.html",
    ]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\n---\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("public/\n", encoding="utf-8")
    (tmp_path / "content" / "sub" / ".gitignore").write_text("secret.md\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    settings = Settings(root=tmp_path)
    return dataclasses.replace(settings, exclude=(*settings.exclude, "drafts/"))


def shown(arguments: list[str], settings: Settings, force_exclude: bool = False) -> list[str]:
    return [t.display for t in discover(arguments, settings, force_exclude=force_exclude)]


def test_walk_respects_extensions_gitignore_and_excludes(site: Settings) -> None:
    assert shown(["."], site) == [
        "content/a.md",
        "content/b.markdown",
        "content/c.mdx",
        "content/d.html",
        "content/sub/g.md",
    ]


def test_gitignore_can_be_turned_off(site: Settings) -> None:
    settings = dataclasses.replace(site, respect_gitignore=False)
    assert "public/index.html" in shown(["."], settings)
    assert "content/sub/secret.md" in shown(["content"], settings)


def test_named_files_are_linted_unless_force_exclude(site: Settings) -> None:
    named = ["content/drafts/f.md", "content/e.txt"]
    assert shown(named, site) == ["content/drafts/f.md", "content/e.txt"]
    assert shown(named, site, force_exclude=True) == ["content/e.txt"]


def test_globs_and_missing_files(site: Settings) -> None:
    assert shown(["content/*.md", "content/**/g.md"], site) == ["content/a.md", "content/sub/g.md"]
    assert shown(["nowhere.md"], site) == ["nowhere.md"]
    assert shown(["content/a.md", "./content/a.md"], site) == ["content/a.md"]


def test_broken_symlinks_are_kept_for_reporting(site: Settings, tmp_path: Path) -> None:
    os.symlink(tmp_path / "gone.md", tmp_path / "content" / "link.md")
    assert "content/link.md" in shown(["content"], site)


def test_a_walk_streams_files_in_the_order_of_their_displayed_paths(tmp_path: Path) -> None:
    # Names that sort differently as whole paths than directory by directory: `c.md` < `c/`
    # < `c0.md`, and `a-b.md` < `a/` < `a0.md`.
    names = ["c/x.md", "c.md", "c0.md", "a/x.md", "a-b.md", "a0.md", "B.md", "a/b/c.md", "a/a.md"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("---\n---\n", encoding="utf-8")
    os.symlink(tmp_path / "a", tmp_path / "link-to-a")  # not followed, as by os.walk
    settings = Settings(root=tmp_path)
    found = discover([str(tmp_path)], settings, force_exclude=False)
    assert not isinstance(found, list)  # a generator: no list of every file is held
    prefix = tmp_path.as_posix() + "/"
    walked = [t.display.removeprefix(prefix) for t in found]
    assert walked == sorted(names)
    # Two arguments are gathered and sorted instead: the same order.
    both = discover([str(tmp_path / "a"), str(tmp_path / "c")], settings, force_exclude=False)
    assert [t.display.removeprefix(prefix) for t in both] == [
        "a/a.md",
        "a/b/c.md",
        "a/x.md",
        "c/x.md",
    ]
