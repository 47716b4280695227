"""A compiled validator for the part of JSON Schema that front-matter schemas use.

python-jsonschema builds a validator object per subschema and per keyword for every value it
visits; on a ten-key front matter that is most of the time a post costs. This module compiles a
schema once into plain closures for the common keywords, with jsonschema's exact semantics
(same type rules, same equality, the same format checkers), and reports failures in the shape
the schema translator reads. Whatever it does not cover exactly — a keyword it does not know,
a ``$ref``, a failing ``anyOf`` whose best explanation needs jsonschema's heuristics — makes it
answer "unsure", and the caller asks python-jsonschema instead. So the fast path can only ever
be faster, never different; tests compare both on generated schemas and instances.
"""

from __future__ import annotations

import ipaddress
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib.util import find_spec
from typing import TYPE_CHECKING, cast
from uuid import UUID

from matterlint.nodes import JSONValue, PathPart

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

DRAFTS = {
    "https://json-schema.org/draft/2020-12/schema",
    "https://json-schema.org/draft/2019-09/schema",
    "http://json-schema.org/draft-07/schema",
}
# Keywords that only annotate; they never make a value invalid.
ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$comment",
        "$defs",
        "definitions",
        "title",
        "description",
        "default",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
        "contentMediaType",
        "contentEncoding",
    }
)


@dataclass(frozen=True, slots=True)
class Failure:
    """One failed keyword, as python-jsonschema's ``ValidationError`` describes it: the keyword
    (``validator``), its value in the schema, the failing instance, the subschema holding the
    keyword, where the instance is (``path``) and where the keyword is (``schema_path``).
    ``context`` holds the alternatives' failures of ``anyOf``/``oneOf``, each with its
    ``relative_schema_path`` (which starts with the alternative's index); ``source`` is the
    jsonschema error this came from, if any."""

    validator: str
    validator_value: JSONValue
    instance: JSONValue
    schema: Mapping[str, JSONValue]
    path: tuple[PathPart, ...]
    schema_path: tuple[PathPart, ...]
    message: str
    context: tuple[Failure, ...] = ()
    relative_schema_path: tuple[PathPart, ...] = ()
    source: object = field(default=None, compare=False)


class Unsure(Exception):
    """The compiled validator cannot give jsonschema's exact answer for this instance."""


Check = Callable[[JSONValue, tuple[PathPart, ...]], list[Failure]]


class Unsupported(Exception):
    """The schema uses something this compiler does not cover: use jsonschema for it."""


def compile_schema(schema: dict[str, JSONValue]) -> Check | None:
    """A check for the whole schema, or ``None`` when jsonschema must do all the work.

    The check returns the failures (empty: valid) or raises :class:`Unsure`.
    """
    dialect = str(schema.get("$schema", "https://json-schema.org/draft/2020-12/schema"))
    if dialect.rstrip("#") not in DRAFTS:
        return None
    try:
        return _Compiler(draft7="draft-07" in dialect).compile(schema, ())
    except Unsupported:
        return None


class _Compiler:
    """Compiles subschemas; knows the draft, since draft 7 ignores 2019-09's keywords."""

    def __init__(self, *, draft7: bool) -> None:
        self.makers = {k: v for k, v in _MAKERS.items() if not (draft7 and k in _SINCE_2019)}
        self.formats = {k: v for k, v in FORMATS.items() if not (draft7 and k in _SINCE_2019)}

    def compile(self, schema: JSONValue, schema_path: tuple[PathPart, ...]) -> Check:
        return _compile(self, schema, schema_path)


def _compile(compiler: _Compiler, schema: JSONValue, schema_path: tuple[PathPart, ...]) -> Check:
    if schema is True or schema == {}:
        return _nothing
    if not isinstance(schema, dict):
        raise Unsupported("boolean false or non-object schema")
    checks: list[Check] = []
    for keyword, value in schema.items():
        if keyword in ANNOTATIONS:
            continue
        maker = compiler.makers.get(keyword)
        if maker is None:
            raise Unsupported(keyword)
        checks.append(maker(compiler, value, schema, (*schema_path, keyword)))
    if len(checks) == 1:
        return checks[0]

    def all_checks(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
        failures: list[Failure] = []
        for check in checks:
            found = check(instance, path)
            if found:
                failures.extend(found)
        return failures

    return all_checks


def _nothing(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
    return []


_Maker = Callable[[_Compiler, JSONValue, dict[str, JSONValue], tuple[PathPart, ...]], Check]


def _failure(
    keyword: str,
    value: JSONValue,
    instance: JSONValue,
    schema: dict[str, JSONValue],
    path: tuple[PathPart, ...],
    schema_path: tuple[PathPart, ...],
    message: str = "",
) -> Failure:
    return Failure(keyword, value, instance, schema, path, schema_path, message or keyword)


def is_type(instance: JSONValue, name: str) -> bool:
    """jsonschema's type rules (drafts 4 and later): a bool is not a number, 1.0 is an
    integer."""
    if name == "string":
        return isinstance(instance, str)
    if name == "object":
        return isinstance(instance, dict)
    if name == "array":
        return isinstance(instance, list)
    if name == "null":
        return instance is None
    if name == "boolean":
        return isinstance(instance, bool)
    if isinstance(instance, bool):
        return False
    if name == "integer":
        return isinstance(instance, int) or (isinstance(instance, float) and instance.is_integer())
    if name == "number":
        return isinstance(instance, (int, float))
    raise Unsupported(f"type {name}")


def equal(one: JSONValue, two: JSONValue) -> bool:
    """JSON equality as jsonschema sees it: ``True != 1``, ``1 == 1.0``, lists and objects
    compared member by member."""
    if isinstance(one, str) or isinstance(two, str):
        return one == two
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(equal(one[k], two[k]) for k in one)
    if isinstance(one, bool) or isinstance(two, bool):
        return type(one) is type(two) and one == two
    return one == two


def _type(
    compiler: _Compiler, value: JSONValue, schema: dict[str, JSONValue], sp: tuple[PathPart, ...]
) -> Check:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise Unsupported("type")
    for name in names:
        is_type(None, str(name))  # rejects unknown type names now, not per instance

    if names == ["string"]:  # the commonest by far: a check without a loop

        def check_string(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
            if isinstance(instance, str):
                return []
            return [_failure("type", value, instance, schema, path, sp)]

        return check_string

    kinds = [str(name) for name in names]
    if len(kinds) == 1:  # `object`, `array`, `boolean`: one test, no generator
        kind = kinds[0]

        def check_one(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
            if is_type(instance, kind):
                return []
            return [_failure("type", value, instance, schema, path, sp)]

        return check_one

    def check(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
        if any(is_type(instance, kind) for kind in kinds):
            return []
        return [_failure("type", value, instance, schema, path, sp)]

    return check


def _enum(
    compiler: _Compiler, value: JSONValue, schema: dict[str, JSONValue], sp: tuple[PathPart, ...]
) -> Check:
    if not isinstance(value, list):
        raise Unsupported("enum")

    def check(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
        if any(equal(each, instance) for each in value):
            return []
        return [_failure("enum", value, instance, schema, path, sp)]

    return check


def _const(
    compiler: _Compiler, value: JSONValue, schema: dict[str, JSONValue], sp: tuple[PathPart, ...]
) -> Check:
    def check(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
        if equal(instance, value):
            return []
        return [_failure("const", value, instance, schema, path, sp)]

    return check


def _properties(
    compiler: _Compiler, value: JSONValue, schema: dict[str, JSONValue], sp: tuple[PathPart, ...]
) -> Check:
    if not isinstance(value, dict):
        raise Unsupported("properties")
    compiled = {name: compiler.compile(sub, (*sp, name)) for name, sub in value.items()}

    def check(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
        if not isinstance(instance, dict):
            return []
        failures: list[Failure] = []
        for name, sub in compiled.items():
            if name in instance:
                found = sub(instance[name], (*path, name))
                if found:
                    failures.extend(found)
        return failures

    return check


def _pattern_properties(
    compiler: _Compiler, value: JSONValue, schema: dict[str, JSONValue], sp: tuple[PathPart, ...]
) -> Check:
    if not isinstance(value, dict):
        raise Unsupported("patternProperties")
    compiled = [(re.compile(p), compiler.compile(sub, (*sp, p))) for p, sub in value.items()]

    def check(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
        if not isinstance(instance, dict):
            return []
        failures: list[Failure] = []
        for regex, sub in compiled:
            for key, item in instance.items():
                if regex.search(key):
                    failures.extend(sub(item, (*path, key)))
        return failures

    return check


def _additional(
    compiler: _Compiler, value: JSONValue, schema: dict[str, JSONValue], sp: tuple[PathPart, ...]
) -> Check:
    properties = schema.get("properties", {})
    known = set(properties) if isinstance(properties, dict) else set()
    patterns = schema.get("patternProperties", {})
    regexes = [re.compile(p) for p in patterns] if isinstance(patterns, dict) else []
    sub = None if isinstance(value, bool) else compiler.compile(value, sp)

    def check(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
        if not isinstance(instance, dict):
            return []
        extras = [k for k in instance if k not in known and not any(r.search(k) for r in regexes)]
        if not extras:
            return []
        if sub is not None:
            failures: list[Failure] = []
            for extra in extras:
                failures.extend(sub(instance[extra], (*path, extra)))
            return failures
        if value is False:
            return [_failure("additionalProperties", value, instance, schema, path, sp)]
        return []

    return check


def _required(
    compiler: _Compiler, value: JSONValue, schema: dict[str, JSONValue], sp: tuple[PathPart, ...]
) -> Check:
    if not isinstance(value, list):
        raise Unsupported("required")

    def check(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
        if not isinstance(instance, dict):
            return []
        return [
            _failure(
                "required", value, instance, schema, path, sp, f"{name!r} is a required property"
            )
            for name in value
            if name not in instance
        ]

    return check


def _dependent_required(
    compiler: _Compiler, value: JSONValue, schema: dict[str, JSONValue], sp: tuple[PathPart, ...]
) -> Check:
    if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
        raise Unsupported("dependentRequired")

    def check(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
        if not isinstance(instance, dict):
            return []
        for key, needs in value.items():
            if (
                key in instance
                and isinstance(needs, list)
                and any(n not in instance for n in needs)
            ):
                return [_failure("dependentRequired", value, instance, schema, path, sp)]
        return []

    return check


def _items(
    compiler: _Compiler, value: JSONValue, schema: dict[str, JSONValue], sp: tuple[PathPart, ...]
) -> Check:
    if isinstance(value, list) or "prefixItems" in schema or "additionalItems" in schema:
        raise Unsupported("tuple items")
    sub = compiler.compile(value, sp)

    def check(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
        if not isinstance(instance, list):
            return []
        failures: list[Failure] = []
        for index, item in enumerate(instance):
            found = sub(item, (*path, index))
            if found:
                failures.extend(found)
        return failures

    return check


def _unique(
    compiler: _Compiler, value: JSONValue, schema: dict[str, JSONValue], sp: tuple[PathPart, ...]
) -> Check:
    def check(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
        if not value or not isinstance(instance, list):
            return []
        for index, item in enumerate(instance):
            if any(equal(item, other) for other in instance[:index]):
                return [_failure("uniqueItems", value, instance, schema, path, sp)]
        return []

    return check


def _size(keyword: str, kind: type, at_least: bool) -> _Maker:
    """minLength/maxLength, minItems/maxItems, minProperties/maxProperties."""

    def maker(
        compiler: _Compiler,
        value: JSONValue,
        schema: dict[str, JSONValue],
        sp: tuple[PathPart, ...],
    ) -> Check:
        if not isinstance(value, int) or isinstance(value, bool):
            raise Unsupported(keyword)

        def check(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
            if not isinstance(instance, kind) or isinstance(instance, bool):
                return []
            size = len(instance)  # type: ignore[arg-type]
            if (size < value) if at_least else (size > value):
                return [_failure(keyword, value, instance, schema, path, sp)]
            return []

        return check

    return maker


def _bound(keyword: str) -> _Maker:
    compare: Callable[[float, float], bool] = {
        "minimum": lambda x, b: x < b,
        "maximum": lambda x, b: x > b,
        "exclusiveMinimum": lambda x, b: x <= b,
        "exclusiveMaximum": lambda x, b: x >= b,
    }[keyword]

    def maker(
        compiler: _Compiler,
        value: JSONValue,
        schema: dict[str, JSONValue],
        sp: tuple[PathPart, ...],
    ) -> Check:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise Unsupported(keyword)

        def check(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
            if isinstance(instance, bool) or not isinstance(instance, (int, float)):
                return []
            if compare(instance, value):
                return [_failure(keyword, value, instance, schema, path, sp)]
            return []

        return check

    return maker


def _pattern(
    compiler: _Compiler, value: JSONValue, schema: dict[str, JSONValue], sp: tuple[PathPart, ...]
) -> Check:
    if not isinstance(value, str):
        raise Unsupported("pattern")
    regex = re.compile(value)

    def check(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
        if isinstance(instance, str) and not regex.search(instance):
            return [_failure("pattern", value, instance, schema, path, sp)]
        return []

    return check


def _format(
    compiler: _Compiler, value: JSONValue, schema: dict[str, JSONValue], sp: tuple[PathPart, ...]
) -> Check:
    conforms = compiler.formats.get(str(value))
    if conforms is None:
        raise Unsupported(f"format {value}")

    def check(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
        if isinstance(instance, str) and not conforms(instance):
            message = f"{instance!r} is not a {value!r}"
            return [_failure("format", value, instance, schema, path, sp, message)]
        return []

    return check


def _combinator(keyword: str) -> _Maker:
    """anyOf, oneOf, allOf, not: exact when they pass (or, for allOf, by their branches'
    failures); when anyOf, oneOf or not fail, only jsonschema picks the best explanation."""

    def maker(
        compiler: _Compiler,
        value: JSONValue,
        schema: dict[str, JSONValue],
        sp: tuple[PathPart, ...],
    ) -> Check:
        branches = (
            [compiler.compile(value, sp)]
            if keyword == "not"
            else [compiler.compile(sub, (*sp, i)) for i, sub in enumerate(_listed(value, keyword))]
        )

        def check(instance: JSONValue, path: tuple[PathPart, ...]) -> list[Failure]:
            if keyword == "allOf":
                failures: list[Failure] = []
                for branch in branches:
                    failures.extend(branch(instance, path))
                return failures
            passed = sum(_passes(branch, instance, path) for branch in branches)
            if keyword == "anyOf" and passed:
                return []
            if keyword == "oneOf" and passed == 1:
                return []
            if keyword == "not" and not passed:
                return []
            raise Unsure(keyword)

        return check

    return maker


def _passes(branch: Check, instance: JSONValue, path: tuple[PathPart, ...]) -> bool:
    """Whether a value is valid against a branch; a nested combinator that is unsure why it
    failed has still failed."""
    try:
        return not branch(instance, path)
    except Unsure:
        return False


def _listed(value: JSONValue, keyword: str) -> Sequence[JSONValue]:
    if not isinstance(value, list) or not value:
        raise Unsupported(keyword)
    return value


_RE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def _date(text: str) -> bool:
    try:
        return bool(_RE_DATE.fullmatch(text) and date.fromisoformat(text))
    except ValueError:
        return False


def _ip(kind: type[ipaddress.IPv4Address] | type[ipaddress.IPv6Address]) -> Callable[[str], bool]:
    def conforms(text: str) -> bool:
        try:
            address = kind(text)
        except ValueError:
            return False
        return not getattr(address, "scope_id", "")

    return conforms


def _uuid(text: str) -> bool:
    try:
        UUID(text)
    except ValueError:
        return False
    return all(text[position] == "-" for position in (8, 13, 18, 23))


def _regex(text: str) -> bool:
    try:
        with warnings.catch_warnings():  # a post's value must not print Python's FutureWarning
            warnings.simplefilter("ignore")
            re.compile(text)
    except re.error:
        return False
    return True


def _formats() -> dict[str, Callable[[str], bool]]:
    """jsonschema's checkers for drafts 7 to 2020-12, rewritten without importing jsonschema
    (which costs every run 0.2 s); a format whose library is missing is left to jsonschema,
    which then does not check it either."""
    formats: dict[str, Callable[[str], bool]] = {
        "date": _date,
        "email": lambda text: "@" in text,
        "idn-email": lambda text: "@" in text,
        "ipv4": _ip(ipaddress.IPv4Address),
        "ipv6": _ip(ipaddress.IPv6Address),
        "uuid": _uuid,
        "regex": _regex,
    }
    if find_spec("rfc3339_validator") is not None:  # imported when first needed: 5 ms
        formats["date-time"] = lambda text: _rfc3339(text.upper())
        formats["time"] = lambda text: _rfc3339("1970-01-01T" + text.upper())
    if find_spec("rfc3986_validator") is not None:
        formats["uri"] = _uri("URI")
        formats["uri-reference"] = _uri("URI_reference")
    return formats


def _rfc3339(text: str) -> bool:
    from rfc3339_validator import validate_rfc3339

    return bool(validate_rfc3339(text))


# A strict subset of RFC 3986's absolute URIs (scheme, a registered host name, an optional port,
# then path, query and fragment of unreserved, sub-delimiter and percent-encoded characters): what
# nearly every front-matter URL is. Text it matches is valid without asking rfc3986_validator,
# whose full grammar costs each run 20 ms to compile, a tenth of a one-file run.
_PCHAR = r"[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2}"
_SIMPLE_URI = re.compile(
    rf"[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9.-]*(?::[0-9]*)?(?:/(?:{_PCHAR}|/)*)?"
    rf"(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?"
)


def _uri(rule: str) -> Callable[[str], bool]:
    def check(text: str) -> bool:
        if _SIMPLE_URI.fullmatch(text):
            return True
        from rfc3986_validator import validate_rfc3986

        return bool(validate_rfc3986(text, rule=rule))

    return check


FORMATS = _formats()

# 2019-09 keywords and formats that draft 7 does not know (and so ignores).
_SINCE_2019 = frozenset({"dependentRequired", "uuid"})
_MAKERS: dict[str, _Maker] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "properties": _properties,
    "patternProperties": _pattern_properties,
    "additionalProperties": _additional,
    "required": _required,
    "dependentRequired": _dependent_required,
    "items": _items,
    "uniqueItems": _unique,
    "minLength": _size("minLength", str, True),
    "maxLength": _size("maxLength", str, False),
    "minItems": _size("minItems", list, True),
    "maxItems": _size("maxItems", list, False),
    "minProperties": _size("minProperties", dict, True),
    "maxProperties": _size("maxProperties", dict, False),
    "minimum": _bound("minimum"),
    "maximum": _bound("maximum"),
    "exclusiveMinimum": _bound("exclusiveMinimum"),
    "exclusiveMaximum": _bound("exclusiveMaximum"),
    "pattern": _pattern,
    "format": _format,
    "anyOf": _combinator("anyOf"),
    "oneOf": _combinator("oneOf"),
    "allOf": _combinator("allOf"),
    "not": _combinator("not"),
}


def from_jsonschema(error: ValidationError) -> Failure:
    """python-jsonschema's error as a :class:`Failure`, its alternatives' errors included."""
    schema = error.schema
    return Failure(
        str(error.validator),
        cast("JSONValue", error.validator_value),
        cast("JSONValue", error.instance),
        cast("dict[str, JSONValue]", schema) if isinstance(schema, dict) else {},
        tuple(error.absolute_path),
        tuple(error.absolute_schema_path),
        error.message,
        tuple(from_jsonschema(e) for e in error.context or ()),
        tuple(error.relative_schema_path),
        error,
    )
