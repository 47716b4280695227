from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from matterlint.errors import SchemaError
from matterlint.schemas import SchemaStore, builtin_names, builtin_path, resolve
from support import report

POST = "---\ntitle: 3\ntags: [a, b]\n---\n"


def write(path: Path, schema: object) -> Path:
    path.write_text(json.dumps(schema), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "dialect",
    [
        "https://json-schema.org/draft/2020-12/schema",
        "https://json-schema.org/draft/2019-09/schema",
        "http://json-schema.org/draft-07/schema#",
    ],
)
def test_drafts(tmp_path: Path, dialect: str) -> None:
    schema = write(
        tmp_path / "s.json",
        {"$schema": dialect, "properties": {"title": {"type": "string"}}, "required": ["date"]},
    )
    assert report(POST, schema=str(schema)) == [
        "2:8 FM703 `title` should be a string, not an integer",
        "4:1 FM701 missing required key `date`",
    ]


def test_yaml_schema_and_local_refs(tmp_path: Path) -> None:
    (tmp_path / "defs").mkdir()
    write(tmp_path / "defs" / "tag.json", {"type": "string", "enum": ["a", "c"]})
    schema = tmp_path / "post.yaml"
    schema.write_text(
        "properties:\n"
        "  tags: {type: array, items: {$ref: 'defs/tag.json'}}\n"
        "  title: {$ref: '#/$defs/title'}\n"
        "$defs:\n"
        "  title: {type: string}\n",
        encoding="utf-8",
    )
    assert report(POST, schema=str(schema)) == [
        "2:8 FM703 `title` should be a string, not an integer",
        "3:11 FM704 `tags[1]` must be one of `a`, `c`, not `b`",
    ]


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        ({"type": "strng"}, "not a valid JSON Schema at type"),
        (
            {"properties": {"a": {"pattern": "(["}}},
            "not a valid JSON Schema at properties/a/pattern",
        ),
        ({"$ref": "missing.json"}, "cannot resolve $ref `missing.json`"),
        ({"$ref": "#/$defs/nope"}, "cannot resolve $ref `#/$defs/nope`"),
        (
            {"$ref": "https://example.com/s.json"},
            "cannot resolve $ref `https://example.com/s.json`: schema "
            "`https://example.com/s.json` is remote; set `allow-remote-schemas = true` in the "
            "configuration to fetch it",
        ),
        ([1, 2], "is not a JSON object"),
    ],
)
def test_broken_schemas_fail_before_linting(tmp_path: Path, schema: object, message: str) -> None:
    path = write(tmp_path / "s.json", schema)
    with pytest.raises(SchemaError, match=re.escape(message)):
        SchemaStore().get(path)


def test_unparsable_and_missing_schema_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(SchemaError, match="cannot parse schema"):
        SchemaStore().get(bad)
    with pytest.raises(SchemaError, match="cannot read schema"):
        SchemaStore().get(tmp_path / "none.json")
    with pytest.raises(SchemaError, match="is remote; set `allow-remote-schemas = true`"):
        SchemaStore().named("https://example.com/post.json", tmp_path)


def test_builtin_schemas_are_valid_and_addressable_by_name(tmp_path: Path) -> None:
    assert "news-post" in builtin_names()
    for name in builtin_names():
        assert resolve(name, tmp_path) == builtin_path(name)
        assert SchemaStore().get(builtin_path(name)).schema["type"] == "object"


def test_validators_are_built_once(tmp_path: Path) -> None:
    path = write(tmp_path / "s.json", {"type": "object"})
    store = SchemaStore()
    assert store.get(path) is store.get(tmp_path / "." / "s.json")
