from __future__ import annotations

import os
from pathlib import Path

import pathspec

from matterlint.config import Settings
from matterlint.scaffold import Reading, post_patterns, read_posts


def test_common_directory_of_the_posts() -> None:
    root = os.path.abspath("site")
    directories = [os.path.join(root, "content", "posts", "2020"), os.path.join(root, "content")]
    assert post_patterns(directories, [".md"], root) == ["content/**"]


def test_posts_in_the_root_are_mapped_by_their_extensions() -> None:
    root = os.path.abspath("site")
    directories = [root, os.path.join(root, "a")]
    assert post_patterns(directories, [".md", ".mdx", ".md"], root) == ["*.md", "*.mdx"]


def test_glob_characters_in_directory_names_are_escaped() -> None:
    root = os.path.abspath("site")
    patterns = post_patterns([os.path.join(root, "[draft] *posts?")], [".md"], root)
    assert patterns == [r"\[draft] \*posts\?/**"]
    spec = pathspec.GitIgnoreSpec.from_lines(patterns)
    assert spec.match_file("[draft] *posts?/a.md")
    assert not spec.match_file("d *postsX/a.md")
    assert post_patterns([os.path.join(root, "!news")], [".md"], root) == [r"\!news/**"]


def test_skipped_files_are_counted_by_reason(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: A\n---\n")
    (tmp_path / "b.md").write_text("no front matter\n")
    (tmp_path / "c.md").write_text("---\n- a list\n---\n")
    (tmp_path / "d.md").write_bytes(b"---\ntitle: \xff\n---\n")
    reading = read_posts([str(tmp_path)], Settings(root=tmp_path))
    assert reading.learner.posts == 1
    assert reading.directories == {str(tmp_path)}
    assert reading.skipped() == (
        "skipped 3 files: 1 without front matter, "
        "2 whose front matter is unreadable, empty or not a mapping"
    )
    assert Reading().skipped() == ""
