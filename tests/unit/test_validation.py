"""The compiled validator says exactly what python-jsonschema says, or that it is unsure."""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator, Draft202012Validator

from matterlint.nodes import JSONValue
from matterlint.schemas import builtin_names, builtin_path
from matterlint.validation import _SIMPLE_URI, FORMATS, Unsure, compile_schema

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([0.0, 1.0, 1.5, -2.5]),
    st.sampled_from(
        [
            "",
            "a",
            "ab",
            "2020-10-01",
            "2020-13-45",
            "https://x.org/a",
            "not a uri",
            "a@b",
            "1.2.3.4",
            "x y",
        ]
    ),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=3)
    ),
    max_leaves=6,
)
TYPES = st.sampled_from(["string", "integer", "number", "boolean", "null", "array", "object"])


def schemas(depth: int = 2) -> st.SearchStrategy[dict[str, Any]]:
    leaf: list[st.SearchStrategy[dict[str, Any]]] = [
        TYPES.map(lambda t: {"type": t}),
        st.lists(TYPES, min_size=1, max_size=3, unique=True).map(lambda ts: {"type": ts}),
        st.lists(SCALARS, min_size=1, max_size=3).map(lambda vs: {"enum": vs}),
        SCALARS.map(lambda v: {"const": v}),
        st.sampled_from(["date", "date-time", "uri", "email", "ipv4", "uuid", "regex"]).map(
            lambda f: {"format": f}
        ),
        st.sampled_from(["^a", "b$", "^[0-9-]+$"]).map(lambda p: {"pattern": p}),
        st.integers(0, 3).map(lambda n: {"minLength": n}),
        st.integers(0, 3).map(lambda n: {"maxItems": n}),
        st.integers(-2, 2).map(lambda n: {"minimum": n}),
        st.integers(-2, 2).map(lambda n: {"exclusiveMaximum": n}),
        st.booleans().map(lambda b: {"uniqueItems": b}),
        st.lists(st.sampled_from(["a", "b", "c"]), max_size=3, unique=True).map(
            lambda r: {"required": r}
        ),
    ]
    base = st.one_of(leaf)
    if depth == 0:
        return base
    inner = schemas(depth - 1)
    return st.one_of(
        base,
        st.fixed_dictionaries(
            {"properties": st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=2)},
            optional={
                "additionalProperties": st.booleans() | inner,
                "required": st.lists(st.sampled_from(["a", "b"]), unique=True),
            },
        ),
        inner.map(lambda s: {"type": "array", "items": s}),
        st.lists(inner, min_size=1, max_size=3).map(lambda ss: {"anyOf": ss}),
        st.lists(inner, min_size=1, max_size=3).map(lambda ss: {"oneOf": ss}),
        st.lists(inner, min_size=1, max_size=2).map(lambda ss: {"allOf": ss}),
        inner.map(lambda s: {"not": s}),
    )


def _errors(validator: Any, instance: JSONValue) -> list[tuple[str, tuple[object, ...]]]:
    return sorted(
        (str(e.validator), tuple(e.absolute_path)) for e in validator.iter_errors(instance)
    )


@settings(max_examples=1500, deadline=None)
@given(schemas(), VALUES, st.sampled_from([Draft202012Validator, Draft7Validator]))
def test_same_verdict_and_same_failures_as_jsonschema(
    schema: dict[str, Any], instance: JSONValue, cls: Any
) -> None:
    schema = {"$schema": cls.META_SCHEMA["$schema"].rstrip("#"), **schema}
    fast = compile_schema(schema)
    assume(fast is not None)
    assert fast is not None
    reference = cls(schema, format_checker=cls.FORMAT_CHECKER)
    try:
        failures = fast(instance, ())
    except Unsure:
        assert not reference.is_valid(instance)  # only a failing combinator is unsure
        return
    assert sorted((f.validator, f.path) for f in failures) == _errors(reference, instance)


@settings(max_examples=500, deadline=None)
@given(
    st.text(max_size=30)
    | st.sampled_from(
        [
            "2020-10-01T14:38:05Z",
            "2020-10-01t14:38:05+02:00",
            "14:38:05Z",
            "::1",
            "fe80::1%eth0",
            "12345678-1234-1234-1234-123456789012",
            "mailto:a@b",
            "a/b",
            "([",
        ]
    )
)
def test_format_checks_agree_with_jsonschema(text: str) -> None:
    checker = Draft202012Validator.FORMAT_CHECKER
    for name, conforms in FORMATS.items():
        with warnings.catch_warnings():  # jsonschema compiles `[[` and Python warns
            warnings.simplefilter("ignore")
            expected = checker.conforms(text, name)
        assert conforms(text) == expected, name


@pytest.mark.parametrize("name", builtin_names())
def test_the_builtin_schemas_compile(name: str) -> None:
    """Wholly: no keyword of theirs, and no ``$ref``, sends every post to jsonschema."""
    schema = json.loads(builtin_path(name).read_text(encoding="utf-8"))
    assert compile_schema(schema) is not None


def test_what_is_not_covered_goes_to_jsonschema() -> None:
    assert compile_schema({"$ref": "#/$defs/a", "$defs": {"a": {}}}) is None
    assert compile_schema({"if": {}, "then": {}}) is None
    assert compile_schema({"$schema": "http://json-schema.org/draft-04/schema#"}) is None
    assert (
        compile_schema(
            {"$schema": "http://json-schema.org/draft-07/schema#", "dependentRequired": {}}
        )
        is None
    )


@settings(max_examples=500, deadline=None)
@given(st.from_regex(_SIMPLE_URI, fullmatch=True))
def test_the_uri_fast_path_accepts_only_valid_uris(text: str) -> None:
    from rfc3986_validator import validate_rfc3986

    assert validate_rfc3986(text, rule="URI")
    assert validate_rfc3986(text, rule="URI_reference")


@pytest.mark.parametrize(
    "text",
    ["http://host:80abc", "https://x y", "https://[::1]/", "http://%zz", "https://a.org/%"],
)
def test_the_uri_fast_path_leaves_the_rest_to_the_full_grammar(text: str) -> None:
    from rfc3986_validator import validate_rfc3986

    assert not _SIMPLE_URI.fullmatch(text)
    assert FORMATS["uri"](text) == bool(validate_rfc3986(text, rule="URI"))
