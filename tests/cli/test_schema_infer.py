from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from matterlint import __version__
from matterlint.cli import cli

POSTS = {
    "content/posts/a.md": "---\ntitle: A\ndate: 2020-10-01\ntags: [x, y]\n---\nbody\n",
    "content/posts/b.md": '+++\ntitle = "B"\ndate = 2020-10-02\ntags = ["x"]\n+++\n',
    "content/posts/c.md": '{"title": "C", "date": "2020-10-03", "tags": []}\n\nbody\n',
    "content/posts/notes.md": "no front matter\n",
    "content/posts/broken.md": "---\ntitle: [\n---\n",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name, text in POSTS.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


EXPECTED = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Front matter of the posts under content",
    "description": f"Inferred by matterlint {__version__} from 3 posts under content. A key is "
    "required when at least 95% of the posts have it; the types, formats and enumerated values "
    "allowed are the commonest that cover 95% of the values seen, so the rare rest is reported. "
    "A draft: edit it.",
    "type": "object",
    "properties": {
        "title": {"description": "In 3 of 3 posts.", "type": "string"},
        "date": {
            "description": "In 3 of 3 posts. Dates written as iso-date (`2020-10-01`) in 3 posts.",
            "type": "string",
            "format": "date",
        },
        "tags": {
            "description": "In 3 of 3 posts.",
            "type": "array",
            "items": {"type": "string"},
            "uniqueItems": True,
        },
    },
    "required": ["title", "date", "tags"],
    "additionalProperties": False,
}
SKIPPED = (
    "warning: skipped 2 files: 1 without front matter, "
    "1 whose front matter is unreadable, empty or not a mapping\n"
)


def test_infer_writes_the_schema_to_stdout_from_yaml_toml_and_json(project: Path) -> None:
    code, out, err = run("schema", "infer", "content")
    assert (code, err) == (0, SKIPPED)
    assert out == json.dumps(EXPECTED, indent=2) + "\n"


def test_infer_to_a_file_is_byte_identical_each_time(project: Path) -> None:
    code, out, err = run("schema", "infer", "content", "-o", "out/posts.schema.json")
    assert (code, out) == (0, "")
    assert err == SKIPPED + (
        "Wrote out/posts.schema.json: 3 keys (3 required) learned from 3 posts\n"
    )
    first = (project / "out/posts.schema.json").read_bytes()
    assert json.loads(first) == EXPECTED
    run("schema", "infer", "content", "-o", "out/posts.schema.json")
    assert (project / "out/posts.schema.json").read_bytes() == first


def test_threshold_moves_what_is_required(project: Path) -> None:
    (project / "content/posts/c.md").write_text('{"title": "C", "tags": []}\n')
    schema = json.loads(run("schema", "infer", "content")[1])
    assert schema["required"] == ["title", "tags"]
    schema = json.loads(run("schema", "infer", "--threshold", "0.6", "content")[1])
    assert schema["required"] == ["title", "tags", "date"]


def test_threshold_out_of_range_is_a_usage_error(project: Path) -> None:
    code, out, err = run("schema", "infer", "--threshold", "0", "content")
    assert (code, out) == (2, "")
    assert "Invalid value for '--threshold': 0.0 is not in the range 0<x<=1." in err


def test_no_post_exits_2(project: Path) -> None:
    (project / "empty").mkdir()
    assert run("schema", "infer", "empty") == (
        2,
        "",
        "Error: no post with front matter found under empty\n",
    )
    code, out, err = run("schema", "infer", "content/posts/notes.md")
    assert (code, out) == (2, "")
    assert err == (
        "Error: no post with front matter found under content/posts/notes.md "
        "(skipped 1 file: 1 without front matter)\n"
    )


def test_an_unwritable_output_is_an_error_not_a_traceback(project: Path) -> None:
    code, out, err = run("schema", "infer", "content", "-o", "content/posts/a.md/x.json")
    assert (code, out) == (2, "")
    assert err.startswith(SKIPPED + "Error: cannot write content/posts/a.md/x.json: ")


def test_counts_are_written_with_separators(project: Path) -> None:
    for number in range(1000):
        (project / "content" / f"{number}.md").write_text("---\ntitle: T\n---\n")
    code, out, err = run("schema", "infer", "content", "-o", "s.json")
    assert (code, out) == (0, "")
    assert err.endswith("Wrote s.json: 3 keys (1 required) learned from 1,003 posts\n")


def test_the_inferred_schema_checks_the_posts(project: Path) -> None:
    run("schema", "infer", "content", "-o", "posts.schema.json")
    (project / "content/posts/d.md").write_text("---\ntitle: D\ndate: 2020-13-01\ntags: 3\n---\n")
    code, out, err = run(
        "check",
        "--isolated",
        "--schema",
        "posts.schema.json",
        "--select",
        "FM7",
        "--output-format",
        "concise",
        "content/posts/a.md",
        "content/posts/d.md",
    )
    assert (code, err) == (1, "")
    assert out == (
        "content/posts/d.md:3:7: FM705 `date` is not a valid date: `2020-13-01`\n"
        "content/posts/d.md:4:7: FM703 `tags` should be a list, not an integer\n"
    )
