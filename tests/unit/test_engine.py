from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from matterlint import engine
from matterlint.config import Settings
from matterlint.diagnostics import Diagnostic, Severity
from matterlint.discovery import Target
from matterlint.document import Document
from matterlint.options import RuleOptions
from matterlint.rules import BY_NAME, REGISTRY
from support import lint, report

SEED_LIKE = "---\ntitle: x\ndate: 2020-10-01-14-38-05\ncategories: [latest, latest]\n---\n"


def _broken(doc: Document, options: RuleOptions) -> Iterator[Diagnostic]:
    raise IndexError("list index out of range")
    yield  # a generator, like the real checks


def test_a_failing_rule_becomes_an_internal_error_and_the_others_still_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = dataclasses.replace(BY_NAME["duplicate-list-item"], check=_broken)
    registry = tuple(broken if e.rule.name == "duplicate-list-item" else e for e in REGISTRY)
    monkeypatch.setattr(engine, "REGISTRY", registry)
    result = lint(SEED_LIKE)
    assert [(d.code, d.severity, d.message) for d in result.diagnostics] == [
        (
            "FM901",
            Severity.FATAL,
            "internal error in FM501 (duplicate-list-item): IndexError: list index out of range",
        ),
        (
            "FM402",
            Severity.WARNING,
            "date `2020-10-01-14-38-05` is not in an accepted format "
            "(iso-date, iso-datetime, space-datetime)",
        ),
    ]


def test_select_ignore_and_per_file_ignores() -> None:
    settings = Settings(root=Path.cwd())
    only_lists = dataclasses.replace(settings, enabled=frozenset({"FM501"}))
    assert [line.split()[1] for line in report(SEED_LIKE, settings=only_lists)] == ["FM501"]
    ignored_here = dataclasses.replace(
        settings, per_file_ignores=(("posts/**", frozenset({"FM501", "FM402"})),)
    )
    assert report(SEED_LIKE, path="posts/a.md", settings=ignored_here) == []
    assert len(report(SEED_LIKE, path="other/a.md", settings=ignored_here)) == 2


def test_severity_overrides() -> None:
    settings = dataclasses.replace(
        Settings(root=Path.cwd()), severities={"FM402": Severity.ERROR, "FM501": Severity.WARNING}
    )
    result = lint(SEED_LIKE, settings=settings)
    assert {d.code: d.severity for d in result.diagnostics} == {
        "FM402": Severity.ERROR,
        "FM501": Severity.WARNING,
    }


def _schema(tmp_path: Path, schema: dict[str, object]) -> str:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    return str(path)


def test_a_rule_supersedes_the_schema_keyword_it_explains_better(tmp_path: Path) -> None:
    schema = _schema(
        tmp_path,
        {
            "type": "object",
            "properties": {
                "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                "categories": {"type": "array", "uniqueItems": True},
            },
        },
    )
    result = lint(SEED_LIKE, schema=schema)
    assert [(d.code, d.severity, d.span.line, d.span.column) for d in result.diagnostics] == [
        ("FM402", Severity.ERROR, 3, 7),  # raised to the schema's severity
        ("FM501", Severity.ERROR, 4, 22),
    ]
    without_rules = dataclasses.replace(
        Settings(root=Path.cwd()), enabled=frozenset({"FM706", "FM707"})
    )
    assert report(SEED_LIKE, schema=schema, settings=without_rules) == [
        "3:7 FM706 `date` does not match the pattern `^\\d{4}-\\d{2}-\\d{2}$`: `2020-10-01-14-38-05`",
        "4:22 FM707 `latest` is repeated in `categories`",
    ]


def test_schema_errors_at_exact_places(tmp_path: Path) -> None:
    schema = _schema(
        tmp_path,
        {
            "type": "object",
            "required": ["title", "date"],
            "additionalProperties": False,
            "properties": {
                "title": {"type": "string", "description": "The headline"},
                "categories": {"type": "array", "items": {"type": "string"}},
                "section": {"enum": ["content", "news"]},
                "featured": {"type": "boolean"},
                "authors": {"anyOf": [{"type": "string"}, {"type": "array"}, {"type": "object"}]},
                "homepage": {"type": "string", "format": "uri"},
                "published_on": {"type": "string", "format": "date"},
            },
        },
    )
    text = (
        "---\n"
        "categroies: [a]\n"
        "section: contnet\n"
        'featured: "true"\n'
        "authors: 3\n"
        "homepage: not-a-uri\n"
        "published_on: 2020-13-45\n"
        "---\n"
    )
    assert report(text, schema=schema) == [
        "2:1 FM702 unknown key `categroies`",
        "3:10 FM704 `section` must be one of `content`, `news`, not `contnet`",
        "4:11 FM703 `featured` should be a boolean, not a string",
        "5:10 FM703 `authors` should be a string, a list or a mapping, not an integer",
        "6:11 FM705 `homepage` is not a valid uri: `not-a-uri`",
        "7:15 FM304 `2020-13-45` looks like a date to YAML 1.1 loaders, which fail on it (no such date)",
        "7:15 FM705 `published_on` is not a valid date: `2020-13-45`",
        "8:1 FM701 missing required key `date`",
        "8:1 FM701 missing required key `title`",
    ]
    by_code = {d.code + str(d.span.line): d for d in lint(text, schema=schema).diagnostics}
    assert by_code["FM7022"].suggestion == "Did you mean `categories`?"
    assert by_code["FM7043"].suggestion == "Did you mean `content`?"
    assert by_code["FM7034"].suggestion == "Write `true`"
    assert by_code["FM7018"].suggestion == "Add `title`: The headline"


def test_unquoted_date_passes_type_string_and_format_date(tmp_path: Path) -> None:
    schema = _schema(
        tmp_path,
        {"type": "object", "properties": {"day": {"type": "string", "format": "date"}}},
    )
    assert report("---\nday: 2020-10-01\n---\n", schema=schema) == [
        "2:6 FM304 `2020-10-01` is read as a date by YAML 1.1 loaders, not as text"
    ]


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux's /proc")
def test_a_file_is_read_to_its_end_even_when_the_system_gives_it_no_size() -> None:
    """Files in ``/proc`` are regular with a size of 0: a read of the size ``fstat`` gives
    would return nothing."""
    assert os.stat("/proc/self/status").st_size == 0
    raw = engine.Linter(Settings(root=Path.cwd())).read_bytes(Target("/proc/self/status", "status"))
    assert isinstance(raw, bytes)
    assert raw.startswith(b"Name:")
    assert raw.endswith(b"\n")


def test_a_file_longer_than_one_read_is_read_whole(tmp_path: Path) -> None:
    post = tmp_path / "long.md"
    body = b"---\ntitle: x\n---\n" + b"word " * 40_000  # 200 KB: several reads of 64 KiB
    post.write_bytes(body)
    raw = engine.Linter(Settings(root=tmp_path)).read_bytes(Target(str(post), "long.md"))
    assert raw == body


def test_a_directory_that_cannot_be_opened_is_still_reported_as_a_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to open a directory with a permission error; Linux opens it."""
    folder = tmp_path / "post.md"
    folder.mkdir()
    real_open = os.open

    def refuse(path: str, flags: int, mode: int = 0o777) -> int:
        if path == str(folder):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", refuse)
    read = engine.Linter(Settings(root=tmp_path)).read_bytes(Target(str(folder), "post.md"))
    assert isinstance(read, Document)
    assert [p.message for p in read.problems] == ["cannot read the file: it is a directory"]
