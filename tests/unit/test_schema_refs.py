from __future__ import annotations

import json
from pathlib import Path

import pytest

from matterlint.errors import SchemaError
from matterlint.schemas import SchemaStore
from support import report

POST = "---\ntitle: Hello\nslug: Not A Slug\ntags: [a, b]\n---\n"


def write(path: Path, schema: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(schema), encoding="utf-8")
    return path


def failure(path: Path) -> str:
    with pytest.raises(SchemaError) as raised:
        SchemaStore().get(path)
    return str(raised.value)


def test_relative_ref_with_a_pointer_reports_at_the_value(tmp_path: Path) -> None:
    write(tmp_path / "defs" / "defs.json", {"$defs": {"slug": {"pattern": "^[a-z0-9-]+$"}}})
    schema = write(
        tmp_path / "post.json", {"properties": {"slug": {"$ref": "defs/defs.json#/$defs/slug"}}}
    )
    assert report(POST, schema=str(schema)) == [
        "3:7 FM706 `slug` does not match the pattern `^[a-z0-9-]+$`: `Not A Slug`"
    ]


def test_nested_refs_across_three_files(tmp_path: Path) -> None:
    write(tmp_path / "c.json", {"$defs": {"tag": {"enum": ["a", "c"]}}})
    write(tmp_path / "sub" / "b.json", {"items": {"$ref": "../c.json#/$defs/tag"}})
    schema = write(tmp_path / "a.json", {"properties": {"tags": {"$ref": "sub/b.json"}}})
    assert report(POST, schema=str(schema)) == [
        "4:11 FM704 `tags[1]` must be one of `a`, `c`, not `b`"
    ]


def test_json_schema_refs_a_yaml_file(tmp_path: Path) -> None:
    (tmp_path / "defs.yaml").write_text(
        "$defs:\n  title:\n    type: string\n    maxLength: 3\n", encoding="utf-8"
    )
    schema = write(
        tmp_path / "post.json", {"properties": {"title": {"$ref": "defs.yaml#/$defs/title"}}}
    )
    assert report(POST, schema=str(schema)) == [
        "2:8 FM707 `title` is 5 characters long; the most allowed is 3"
    ]


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        (
            {"$ref": "missing.json"},
            "{d}/s.json: cannot resolve $ref `missing.json`: cannot read schema "
            "{d}/missing.json: no such file",
        ),
        (
            {"$ref": "defs.json#/$defs/nope"},
            "{d}/s.json: cannot resolve $ref `defs.json#/$defs/nope`: {d}/defs.json has nothing "
            "at `/$defs/nope`",
        ),
        (
            {"$ref": "defs.json#nope"},
            "{d}/s.json: cannot resolve $ref `defs.json#nope`: {d}/defs.json has no anchor `nope`",
        ),
        (
            {"$ref": "broken.json"},
            "{d}/broken.json: cannot resolve $ref `#/$defs/gone`: {d}/broken.json has nothing at "
            "`/$defs/gone`",
        ),
        (
            {"$ref": "invalid.json"},
            "{d}/invalid.json: not a valid JSON Schema at type: 'strng' is not valid under any "
            "of the given schemas",
        ),
        (
            {"$ref": "urn:example:post"},
            "{d}/s.json: cannot resolve $ref `urn:example:post`: cannot load `urn:example:post`: "
            "matterlint reads only file, http(s) and matterlint URIs",
        ),
    ],
)
def test_broken_refs_name_the_file_and_the_ref(
    tmp_path: Path, schema: object, message: str
) -> None:
    write(tmp_path / "defs.json", {"$defs": {"slug": {"type": "string"}}})
    write(tmp_path / "broken.json", {"$ref": "#/$defs/gone"})
    write(tmp_path / "invalid.json", {"type": "strng"})
    assert failure(write(tmp_path / "s.json", schema)) == message.format(d=tmp_path)


@pytest.mark.parametrize(
    ("files", "chain"),
    [
        ({"s.json": {"$ref": "#"}}, "`#`"),
        (
            {
                "s.json": {"$ref": "a.json"},
                "a.json": {"$ref": "b.json"},
                "b.json": {"$ref": "a.json"},
            },
            "`b.json` → `a.json`",
        ),
        (
            {"s.json": {"allOf": [{"$ref": "#/$defs/x"}], "$defs": {"x": {"not": {"$ref": "#"}}}}},
            "`#/$defs/x` → `#`",
        ),
        ({"s.json": {"anyOf": [{"type": "string"}, {"$ref": "#"}]}}, "`#`"),
    ],
)
def test_ref_loops_are_refused_not_followed_forever(
    tmp_path: Path, files: dict[str, object], chain: str
) -> None:
    for name, schema in files.items():
        write(tmp_path / name, schema)
    start = tmp_path / "s.json"
    assert failure(start) == (
        f"{start}: the $ref chain {chain} comes back to where it started without going into "
        "the value, so validation would never end"
    )


def test_recursion_through_a_property_is_no_loop(tmp_path: Path) -> None:
    schema = write(
        tmp_path / "tree.json",
        {"type": "object", "properties": {"title": {"type": "string"}, "child": {"$ref": "#"}}},
    )
    text = "---\ntitle: a\nchild:\n  child:\n    title: 3\n---\n"
    assert report(text, schema=str(schema)) == [
        "5:12 FM703 `child.child.title` should be a string, not an integer"
    ]


def test_builtin_schemas_are_addressable_from_a_ref(tmp_path: Path) -> None:
    schema = write(
        tmp_path / "s.json",
        {"$ref": "matterlint:news-post", "properties": {"title": {"maxLength": 3}}},
    )
    text = "---\nsection: body\ntitle: Hello\n---\n"
    builtin = [
        "2:10 FM704 `section` must be one of `content`, not `body`",
        "4:1 FM701 missing required key `date`",
        "4:1 FM701 missing required key `extends`",
    ]
    assert report(text, schema=str(schema)) == [
        builtin[0],
        "3:8 FM707 `title` is 5 characters long; the most allowed is 3",
        *builtin[1:],
    ]
    assert report(text, schema="matterlint:news-post") == builtin


def test_a_builtin_named_as_a_file_gets_a_hint(tmp_path: Path) -> None:
    assert failure(write(tmp_path / "s.json", {"$ref": "news-post"})) == (
        f"{tmp_path}/s.json: cannot resolve $ref `news-post`: cannot read schema "
        f"{tmp_path}/news-post: no such file (the built-in schema is `matterlint:news-post`)"
    )
    assert failure(write(tmp_path / "t.json", {"$ref": "matterlint:nope"})) == (
        f"{tmp_path}/t.json: cannot resolve $ref `matterlint:nope`: no built-in schema "
        "`matterlint:nope` (there are `matterlint:docusaurus-blog-post`, "
        "`matterlint:eleventy-post`, `matterlint:hugo-page`, `matterlint:jekyll-post`, "
        "`matterlint:news-post`, `matterlint:starlight-page`, `matterlint:zola-page`)"
    )


def test_an_http_id_is_no_remote_reference(tmp_path: Path) -> None:
    schema = write(
        tmp_path / "s.json",
        {
            "$id": "https://example.com/post.json",
            "properties": {"title": {"$ref": "#/$defs/short"}},
            "$defs": {"short": {"maxLength": 3}},
        },
    )
    assert report(POST, schema=str(schema)) == [
        "2:8 FM707 `title` is 5 characters long; the most allowed is 3"
    ]


@pytest.mark.parametrize(
    ("depth", "message"),
    [
        (5000, "cannot parse schema {p}: nested too deeply"),
        (400, "{p}: nested too deeply to check"),
    ],
)
def test_a_schema_nested_too_deeply_is_an_error_not_a_crash(
    tmp_path: Path, depth: int, message: str
) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"not": ' * depth + "{}" + "}" * depth, encoding="utf-8")
    assert failure(path) == message.format(p=path)
