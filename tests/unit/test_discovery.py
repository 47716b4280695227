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
