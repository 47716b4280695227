from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from matterlint.dates import Dialect
from matterlint.infer import DEFAULT_THRESHOLD, DRAFT, DateKey, Inference, Learner
from matterlint.nodes import JSONValue


def infer(posts: list[dict[str, JSONValue]], threshold: Fraction = DEFAULT_THRESHOLD) -> Inference:
    learner = Learner()
    for post in posts:
        learner.add(post)
    inference = learner.infer(["content"], "1.2.3", threshold)
    Draft202012Validator.check_schema(inference.schema)
    return inference


def prop(inference: Inference, *path: str) -> dict[str, JSONValue]:
    schema: JSONValue = inference.schema
    for key in path:
        assert isinstance(schema, dict)
        properties = schema["properties"]
        assert isinstance(properties, dict)
        schema = properties[key]
    assert isinstance(schema, dict)
    return schema


def keys(schema: dict[str, JSONValue]) -> list[str]:
    properties = schema["properties"]
    assert isinstance(properties, dict)
    return list(properties)


def test_top_level_says_where_from_and_holds_no_date() -> None:
    schema = infer([{"title": "a"}, {"title": "b"}]).schema
    assert schema["$schema"] == DRAFT
    assert schema["title"] == "Front matter of the posts under content"
    assert schema["description"] == (
        "Inferred by matterlint 1.2.3 from 2 posts under content. A key is required when at "
        "least 95% of the posts have it; the types, formats and enumerated values allowed are "
        "the commonest that cover 95% of the values seen, so the rare rest is reported. "
        "A draft: edit it."
    )
    assert schema["required"] == ["title"]
    assert schema["additionalProperties"] is False


def test_required_follows_the_threshold() -> None:
    posts: list[dict[str, JSONValue]] = [{"title": "t", "date": "2020-10-01"} for _ in range(19)]
    posts.append({"title": "t"})
    assert infer(posts).schema["required"] == ["title", "date"]  # 19 of 20 = 95%
    assert infer(posts, Fraction(96, 100)).schema["required"] == ["title"]
    assert prop(infer(posts), "date")["description"] == (
        "In 19 of 20 posts. Dates written as iso-date (`2020-10-01`) in 19 posts."
    )


def test_keys_ordered_by_frequency_then_first_appearance() -> None:
    posts: list[dict[str, JSONValue]] = [{"b": 1, "a": 1}, {"c": 1, "a": 1}]
    assert keys(infer(posts).schema) == ["a", "b", "c"]


def test_mixed_types_are_a_union_with_counts_and_rare_types_are_left_out() -> None:
    posts: list[dict[str, JSONValue]] = [{"authors": "ann"} for _ in range(60)]
    posts += [{"authors": ["ann", "bob"]} for _ in range(38)]
    posts += [{"authors": None}, {"authors": 3}]
    authors = prop(infer(posts), "authors")
    assert authors == {
        "description": "In 100 of 100 posts. Types: string in 60 posts, list in 38, "
        "empty (null) in 1 (rare: not allowed), integer in 1 (rare: not allowed).",
        "type": ["string", "array"],
        "items": {"enum": ["ann", "bob"]},
        "uniqueItems": True,
    }


def test_integer_and_number() -> None:
    assert prop(infer([{"w": 1}, {"w": 2}]), "w")["type"] == "integer"
    assert prop(infer([{"w": 1}, {"w": 2.5}]), "w")["type"] == ["integer", "number"]


def test_formats_when_nearly_all_strings_fit() -> None:
    posts: list[dict[str, JSONValue]] = [
        {
            "day": f"2020-10-{i + 1:02d}",
            "at": f"2020-10-{i + 1:02d}T10:00:00Z",
            "image": f"https://example.com/{i}.png",
            "path": f"/img/{i}.png",
        }
        for i in range(20)
    ]
    posts[0]["image"] = "img/0.png"  # 1 in 20: the format stays, this post is an outlier
    inference = infer(posts)
    assert prop(inference, "day")["format"] == "date"
    assert prop(inference, "at")["format"] == "date-time"
    image = prop(inference, "image")
    assert image["format"] == "uri"
    assert image["description"] == "In 20 of 20 posts. Absolute URLs in 19 of 20 posts."
    assert "format" not in prop(inference, "path")


def test_a_non_iso_dialect_is_a_pattern_and_recorded() -> None:
    posts: list[dict[str, JSONValue]] = [{"date": f"2020-10-01-14-38-{i:02d}"} for i in range(30)]
    posts.append({"date": "2020-10-01"})
    inference = infer(posts)
    date = prop(inference, "date")
    assert date == {
        "description": "In 31 of 31 posts. Dates written as jigsaw (`2020-10-01-14-38-05`) "
        "in 30 posts, as iso-date (`2020-10-01`) in 1.",
        "type": "string",
        "pattern": r"^(?:\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})$",
    }
    assert inference.date_keys == (DateKey("date", ((Dialect.JIGSAW, 30),)),)
    validator = Draft202012Validator(inference.schema)
    assert validator.is_valid({"date": "2021-01-02-03-04-05"})
    assert not validator.is_valid({"date": "2021-01-02"})


def test_mixed_dialects_covering_the_threshold_make_one_pattern() -> None:
    posts: list[dict[str, JSONValue]] = [{"date": "2020-10-01"} for _ in range(10)]
    posts += [{"date": "2020-10-01 14:38:05 +0200"} for _ in range(10)]
    posts.append({"date": "yesterday"})
    inference = infer(posts, Fraction(9, 10))
    date = prop(inference, "date")
    assert date["pattern"] == (
        r"^(?:\d{4}-\d{2}-\d{2}|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?"
        r"(?: ?(?:Z|[+-]\d{2}:?\d{2}))?)$"
    )
    assert str(date["description"]).endswith("in 10, otherwise in 1.")
    assert inference.date_keys == (
        DateKey("date", ((Dialect.ISO_DATE, 10), (Dialect.SPACE_DATETIME, 10))),
    )


def test_enum_for_low_cardinality_values_not_free_text() -> None:
    posts: list[dict[str, JSONValue]] = [
        {"layout": "post" if i % 2 else "news", "title": f"Title {i % 15}", "n": i % 3}
        for i in range(40)
    ]
    posts.append({"layout": "pots", "title": "x", "n": 0})
    inference = infer(posts)
    assert prop(inference, "layout") == {
        "description": "In 41 of 41 posts. Rare values, not allowed: `pots` (1).",
        "enum": ["news", "post"],
    }
    assert prop(inference, "title") == {"description": "In 41 of 41 posts.", "type": "string"}
    assert prop(inference, "n")["enum"] == [0, 1, 2]


def test_no_enum_from_few_posts_or_values_seen_once() -> None:
    few: list[dict[str, JSONValue]] = [{"layout": "post"} for _ in range(19)]
    assert prop(infer(few), "layout")["type"] == "string"
    # Covering 95% of 20 values takes `e` and `f`, each seen once: too thin for an enum.
    values = ["a"] * 11 + ["b", "c", "d"] * 2 + ["e", "f", "g"]
    singles: list[dict[str, JSONValue]] = [{"layout": v} for v in values]
    assert prop(infer(singles), "layout") == {
        "description": "In 20 of 20 posts.",
        "type": "string",
    }


def test_unique_items_for_lists_of_scalars_with_repeats_counted() -> None:
    posts: list[dict[str, JSONValue]] = [{"tags": ["a", "b"]}, {"tags": ["a", "a"]}]
    posts.append({"tags": [{"name": "x"}]})
    tags = prop(infer(posts[:2]), "tags")
    assert tags == {
        "description": "In 2 of 2 posts. An item repeated in 1 list.",
        "type": "array",
        "items": {"type": "string"},
        "uniqueItems": True,
    }
    assert "uniqueItems" not in prop(infer([{"tags": [{"name": "x"}]}]), "tags")


def test_nested_mappings_and_lists_of_mappings() -> None:
    posts: list[dict[str, JSONValue]] = [
        {"author": {"name": "a", "url": "https://a.example"}, "links": [{"href": "x"}]},
        {"author": {"name": "b"}, "links": [{"href": "y", "rel": "z"}, {"href": "w"}]},
    ]
    inference = infer(posts)
    assert prop(inference, "author") == {
        "description": "In 2 of 2 posts.",
        "type": "object",
        "properties": {
            "name": {"description": "In 2 of 2 posts.", "type": "string"},
            "url": {
                "description": "In 1 of 2 posts. Absolute URLs in 1 of 1 post.",
                "type": "string",
                "format": "uri",
            },
        },
        "required": ["name"],
        "additionalProperties": False,
    }
    assert prop(inference, "links")["items"] == {
        "type": "object",
        "properties": {
            "href": {"description": "In 3 of 3 items.", "type": "string"},
            "rel": {"description": "In 1 of 3 items.", "type": "string"},
        },
        "required": ["href"],
        "additionalProperties": False,
    }


def test_a_key_in_one_post_of_many_is_left_out_to_be_reported() -> None:
    posts: list[dict[str, JSONValue]] = [{"title": "t", "tags": ["a"]} for _ in range(20)]
    posts[3]["tittle"] = "t"
    schema = infer(posts).schema
    assert keys(schema) == ["title", "tags"]
    assert str(schema["description"]).endswith("Keys in only one post, not allowed: `tittle`.")
    assert list(prop(infer(posts[:19]), "tittle")) == ["description", "type"]  # too few posts


def test_the_schema_key_is_not_learned() -> None:
    schema = infer([{"$schema": "news-post", "title": "t"}]).schema
    assert keys(schema) == ["title"]


def test_same_input_same_bytes() -> None:
    posts: list[dict[str, JSONValue]] = [
        {
            "title": f"t{i}",
            "tags": list[JSONValue](["x", "y"][: i % 3]),
            "kind": ["a", "b", "c"][i % 3],
        }
        for i in range(50)
    ]
    first = json.dumps(infer(posts).schema, indent=2)
    assert json.dumps(infer(posts).schema, indent=2) == first


def test_threshold_bounds() -> None:
    with pytest.raises(ValueError, match="not in"):
        Learner().infer(["."], "1", Fraction(0))


def test_counts() -> None:
    inference = infer([{"a": 1, "b": 1}, {"a": 2}])
    assert (inference.posts, inference.keys, inference.required) == (2, 2, 1)


_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["a", "b", "2020-10-01", "2020-10-01-14-38-05", "https://x.example/"]),
    st.text(max_size=5),
)
_VALUE = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from("xyz"), inner, max_size=3)
    ),
    max_leaves=12,
)
_POST = st.dictionaries(st.sampled_from(["title", "date", "tags", "n", "extra"]), _VALUE)


@settings(max_examples=100, deadline=None)
@given(st.lists(_POST, min_size=1, max_size=8))
def test_at_threshold_one_every_post_fits_but_for_repeats_and_lone_keys(
    posts: list[dict[str, JSONValue]],
) -> None:
    """Whatever the data, the schema is valid 2020-12, and at threshold 1 it allows every
    post it was learned from, except repeated list items and keys left out as seen once."""
    schema = infer(posts, Fraction(1)).schema
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for post in posts:
        failures = {error.validator for error in validator.iter_errors(post)}
        assert failures <= {"uniqueItems", "additionalProperties"}, post
