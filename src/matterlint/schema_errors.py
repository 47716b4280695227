"""jsonschema errors → diagnostics at the value they are about, in plain words.

One translator per keyword picks the node to point at (the value for ``type``, ``enum``,
``format``, ``pattern``; the extra key for ``additionalProperties``; the repeated item for
``uniqueItems``; the closing delimiter or the parent key for ``required``), says what is wrong
without Python reprs, and offers a fix only where it is exact. jsonschema's own messages embed
``repr(instance)``, which for a large value is megabytes; they are used only as a last resort,
clipped.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, cast

from matterlint.diagnostics import Applicability, Diagnostic, Edit, Fix, excerpt
from matterlint.nodes import JSONValue, Node, NodeKind, PathPart, Style, format_path, json_type
from matterlint.rules import (
    insecure_url,
    invalid_format,
    missing_required_key,
    pattern_mismatch,
    schema_violation,
    unknown_key,
    value_not_allowed,
    wrong_type,
)
from matterlint.rules._edits import quote, rewrite_scalar
from matterlint.validation import Failure, from_jsonschema

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

    from matterlint.document import Document
    from matterlint.rules.base import Rule
    from matterlint.source import Span

_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "array": "a list",
    "object": "a mapping",
    "null": "empty",
}


def translate(doc: Document, errors: Iterable[Failure]) -> Iterator[Diagnostic]:
    """Diagnostics for a document's validation errors, in jsonschema's order."""
    for error in errors:
        yield from _translate(doc, error)


def _translate(doc: Document, error: Failure) -> Iterator[Diagnostic]:
    if _about_a_key(doc, error):
        yield from _property_names(doc, error)
        return
    handler = _HANDLERS.get(str(error.validator), _other)
    yield from handler(doc, error)


def _about_a_key(doc: Document, error: Failure) -> bool:
    """``propertyNames`` validates each key as an instance of its own, at the mapping's path."""
    if "propertyNames" not in error.schema_path:
        return False
    key = _instance(error)
    node, depth = doc.locate(_path(error))
    return (
        isinstance(key, str)
        and node is not None
        and depth == len(_path(error))
        and node.get(key) is not None
    )


def _written(doc: Document, path: tuple[PathPart, ...], value: JSONValue) -> str:
    """A value for a message: text as it reads, anything else as the author wrote it (``no``
    rather than ``false``), shortened."""
    if isinstance(value, str):
        return excerpt(value)
    node, depth = doc.locate(path)
    if node is not None and depth == len(path) and node.kind is NodeKind.SCALAR:
        written = doc.text[node.span.start : node.span.end]
        if written:
            return excerpt(written)
    return _show(value)


def _path(error: Failure) -> tuple[PathPart, ...]:
    return error.path


def _instance(error: Failure) -> JSONValue:
    return error.instance


def _expected(error: Failure) -> JSONValue:
    return error.validator_value


def _listed(value: JSONValue) -> list[str]:
    """A keyword value that is a string or a list of strings (``type``, ``required``)."""
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _schema(error: Failure) -> Mapping[str, JSONValue]:
    return error.schema


def _name(path: tuple[PathPart, ...]) -> str:
    return f"`{format_path(path)}`" if path else "the front matter"


def _show(value: JSONValue) -> str:
    """A value as the author wrote it, shortened: `latest`, `3`, `true`, `[...]`."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null"
    elif isinstance(value, list):
        text = "[...]" if value else "[]"
    elif isinstance(value, dict):
        text = "{...}" if value else "{}"
    else:
        text = str(value)
    return excerpt(text)


def _diagnostic(
    rule: Rule,
    doc: Document,
    span: Span,
    message: str,
    path: tuple[PathPart, ...],
    keyword: str,
    *,
    fix: Fix | None = None,
    suggestion: str | None = None,
) -> Diagnostic:
    return rule.diagnostic(
        doc, span, message, fix=fix, suggestion=suggestion, key_path=path, keyword=keyword
    )


def _value_span(doc: Document, path: tuple[PathPart, ...]) -> Span:
    """The value at a path, or the deepest written place towards it."""
    node, _ = doc.locate(path)
    if node is None:
        return doc.block_end_span()
    if node.span.start == node.span.end and node.key_span is not None:
        return node.key_span  # an empty value has no width: point at its key
    return node.span


def _type(doc: Document, error: Failure) -> Iterator[Diagnostic]:
    path = _path(error)
    yield _type_diagnostic(doc, path, _instance(error), _listed(_expected(error)))


def _type_diagnostic(
    doc: Document, path: tuple[PathPart, ...], instance: JSONValue, types: list[str]
) -> Diagnostic:
    wanted = _join([_TYPE_NAMES.get(t, t) for t in types], "or")
    actual = json_type(instance)
    if instance is None:
        message = f"{_name(path)} is empty; it should be {wanted}"
    else:
        message = f"{_name(path)} should be {wanted}, not {_TYPE_NAMES[actual]}"
    node, depth = doc.locate(path)
    fix = None
    if node is not None and depth == len(path):
        fix = _type_fix(doc, node, instance, types)
    span = _value_span(doc, path)
    return _diagnostic(wrong_type.RULE, doc, span, message, path, "type", fix=fix)


def _type_fix(doc: Document, node: Node, instance: JSONValue, types: list[str]) -> Fix | None:
    """Exact conversions only: the same text, read as the wanted type."""
    if node.kind is not NodeKind.SCALAR:
        return None
    written = doc.text[node.span.start : node.span.end]
    if "string" in types and node.style is Style.PLAIN and instance is not None:
        return _replace(node, quote(written), f"Quote it: `{quote(written)}`")
    if not isinstance(instance, str):
        return None
    if "boolean" in types and instance in ("true", "false"):
        return _replace(node, instance, f"Write `{instance}`")
    if {"integer", "number"} & set(types) and re.fullmatch(r"-?[1-9][0-9]*|0", instance):
        return _replace(node, instance, f"Write `{instance}`")
    return None


def _replace(node: Node, text: str, message: str) -> Fix:
    edit = Edit(node.span.start, node.span.end, text)
    return Fix(message, (edit,), Applicability.UNSAFE)


def _enum(doc: Document, error: Failure) -> Iterator[Diagnostic]:
    path = _path(error)
    expected = _expected(error)
    allowed: list[JSONValue] = expected if isinstance(expected, list) else [expected]
    shown = ", ".join(f"`{_show(v)}`" for v in allowed[:10]) + (
        ", ..." if len(allowed) > 10 else ""
    )
    instance = _instance(error)
    written = _written(doc, path, instance)
    if isinstance(instance, str) and written in {
        _show(v) for v in allowed if not isinstance(v, str)
    }:
        written = json.dumps(instance)  # the text "2" against the number 2: show the quotes
    message = f"{_name(path)} must be one of {shown}, not `{written}`"
    fix, suggestion = _closest(doc, path, _instance(error), allowed)
    span = _value_span(doc, path)
    yield _diagnostic(
        value_not_allowed.RULE, doc, span, message, path, "enum", fix=fix, suggestion=suggestion
    )


def _const(doc: Document, error: Failure) -> Iterator[Diagnostic]:
    path = _path(error)
    wanted: JSONValue = _expected(error)
    message = (
        f"{_name(path)} must be `{_show(wanted)}`, not `{_written(doc, path, _instance(error))}`"
    )
    fix, suggestion = _closest(doc, path, _instance(error), [wanted])
    span = _value_span(doc, path)
    yield _diagnostic(
        value_not_allowed.RULE, doc, span, message, path, "const", fix=fix, suggestion=suggestion
    )


def _closest(
    doc: Document, path: tuple[PathPart, ...], instance: JSONValue, allowed: list[JSONValue]
) -> tuple[Fix | None, str | None]:
    if not isinstance(instance, str):
        return None, None
    texts = [v for v in allowed if isinstance(v, str)]
    matches = _close_matches(instance, texts)
    if not matches:
        return None, None
    best = matches[0]
    message = f"Did you mean `{best}`?"
    node, depth = doc.locate(path)
    if node is None or depth != len(path) or node.kind is not NodeKind.SCALAR:
        return None, message
    edit = rewrite_scalar(doc, node, best)
    if edit is None:
        return None, message
    return Fix(message, (edit,), Applicability.UNSAFE), None


def _close_matches(word: str, candidates: list[str]) -> list[str]:
    same_case = [c for c in candidates if c.lower() == word.lower()]
    import difflib  # only for a name that is not known

    return same_case or difflib.get_close_matches(word, candidates, n=1, cutoff=0.7)


def _format(doc: Document, error: Failure) -> Iterator[Diagnostic]:
    path = _path(error)
    value = _written(doc, path, _instance(error))
    message = f"{_name(path)} is not a valid {_expected(error)}: `{value}`"
    yield _diagnostic(invalid_format.RULE, doc, _value_span(doc, path), message, path, "format")


def _pattern(doc: Document, error: Failure) -> Iterator[Diagnostic]:
    path = _path(error)
    pattern = _show(_expected(error))
    value = _written(doc, path, _instance(error))
    message = f"{_name(path)} does not match the pattern `{pattern}`: `{value}`"
    span = _value_span(doc, path)
    keyword = "pattern"
    instance, expected = _instance(error), _expected(error)
    if isinstance(instance, str) and isinstance(expected, str):
        fixed = insecure_url.secure(instance)
        if fixed is not None and _searches(expected, fixed):
            keyword = insecure_url.SCHEME_ONLY_PATTERN
    yield _diagnostic(pattern_mismatch.RULE, doc, span, message, path, keyword)


def _searches(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return False


def _required(doc: Document, error: Failure) -> Iterator[Diagnostic]:
    path = _path(error)
    instance = _instance(error)
    if not isinstance(instance, dict):
        return
    key = _required_key(error.message)
    missing = (
        [key] if key is not None else [k for k in _listed(_expected(error)) if k not in instance]
    )
    if path:
        node, _ = doc.locate(path)
        span = (node.key_span or node.span) if node is not None else doc.block_end_span()
    else:
        span = doc.block_end_span()
    properties = _schema(error).get("properties", {})
    for name in missing:
        where = f" in {_name(path)}" if path else ""
        message = f"missing required key `{name}`{where}"
        described = properties.get(name, {}) if isinstance(properties, dict) else {}
        about = described.get("description") if isinstance(described, dict) else None
        hint = f"Add `{name}`: {about}" if isinstance(about, str) else f"Add `{name}`"
        yield _diagnostic(
            missing_required_key.RULE,
            doc,
            span,
            message,
            (*path, name),
            "required",
            suggestion=hint,
        )


def _required_key(message: str) -> str | None:
    """The key jsonschema names in ``'<key>' is a required property`` (one error per key)."""
    written = message.removesuffix(" is a required property")
    try:
        key = ast.literal_eval(written)
    except (ValueError, SyntaxError):
        return None
    return key if isinstance(key, str) else None


def _additional(doc: Document, error: Failure) -> Iterator[Diagnostic]:
    path = _path(error)
    instance = _instance(error)
    schema = _schema(error)
    if not isinstance(instance, dict):
        return
    properties = schema.get("properties", {})
    allowed = [str(k) for k in properties] if isinstance(properties, dict) else []
    patterns = schema.get("patternProperties", {})
    regexes = [str(p) for p in patterns] if isinstance(patterns, dict) else []
    keyword = str(error.validator)
    for key in instance:
        if key in allowed or any(re.search(p, key) for p in regexes):
            continue
        key_path = (*path, key)
        node, depth = doc.locate(key_path)
        span = node.key_span if node is not None and depth == len(key_path) else None
        span = span or _value_span(doc, path)
        message = f"unknown key `{key}`" + (f" in {_name(path)}" if path else "")
        candidates = [a for a in allowed if a not in instance]
        matches = _close_matches(key, candidates)
        fix = None
        suggestion = None
        if matches:
            suggestion = f"Did you mean `{matches[0]}`?"
            if node is not None and node.key_span is not None and depth == len(key_path):
                written = doc.text[node.key_span.start : node.key_span.end]
                renamed = quote(matches[0]) if written[:1] in "\"'" else matches[0]
                edit = Edit(node.key_span.start, node.key_span.end, renamed)
                fix = Fix(suggestion, (edit,), Applicability.UNSAFE)
        yield _diagnostic(
            unknown_key.RULE, doc, span, message, key_path, keyword, fix=fix, suggestion=suggestion
        )


def _unique(doc: Document, error: Failure) -> Iterator[Diagnostic]:
    path = _path(error)
    items = _instance(error)
    if not isinstance(items, list):
        return
    seen: list[JSONValue] = []
    for index, item in enumerate(items):
        if any(_same(item, other) for other in seen):
            item_path = (*path, index)
            message = f"`{_show(item)}` is repeated in {_name(path)}"
            span = _value_span(doc, item_path)
            yield _diagnostic(schema_violation.RULE, doc, span, message, item_path, "uniqueItems")
        else:
            seen.append(item)


def _same(a: JSONValue, b: JSONValue) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def _length(doc: Document, error: Failure) -> Iterator[Diagnostic]:
    path = _path(error)
    instance = _instance(error)
    if isinstance(instance, str):
        size = f"is {len(instance)} characters long"
    elif isinstance(instance, list):
        size = f"has {len(instance)} items"
    elif isinstance(instance, dict):
        size = f"has {len(instance)} keys"
    else:
        return
    bound = "most" if str(error.validator).startswith("max") else "least"
    message = f"{_name(path)} {size}; the {bound} allowed is {_expected(error)}"
    span = _value_span(doc, path)
    yield _diagnostic(schema_violation.RULE, doc, span, message, path, str(error.validator))


_BOUNDS = {
    "minimum": "at least",
    "maximum": "at most",
    "exclusiveMinimum": "more than",
    "exclusiveMaximum": "less than",
    "multipleOf": "a multiple of",
}


def _bound(doc: Document, error: Failure) -> Iterator[Diagnostic]:
    path = _path(error)
    words = _BOUNDS[str(error.validator)]
    limit = _show(_expected(error))
    message = (
        f"{_name(path)} is {_written(doc, path, _instance(error))}; it must be {words} {limit}"
    )
    span = _value_span(doc, path)
    yield _diagnostic(schema_violation.RULE, doc, span, message, path, str(error.validator))


def _alternatives(doc: Document, error: Failure) -> Iterator[Diagnostic]:
    """``anyOf``/``oneOf``: one readable message for the alternative that came closest.

    Alternatives written for another type (a list, when the value is a string) are set aside
    first: the value's problem is what its own type's alternative says (too short, say).
    """
    from jsonschema.exceptions import best_match

    path = _path(error)
    context = list(error.context or ())
    if not context:  # oneOf matched more than one alternative
        message = f"{_name(path)} matches more than one alternative of its schema"
        yield _diagnostic(
            schema_violation.RULE, doc, _value_span(doc, path), message, path, str(error.validator)
        )
        return
    wrong_type = {
        e.relative_schema_path[0] for e in context if e.validator == "type" and e.path == path
    }
    closer = [e for e in context if e.relative_schema_path[0] not in wrong_type]
    if not closer:
        types: list[str] = []
        for sub in context:
            types.extend(t for t in _listed(_expected(sub)) if t not in types)
        yield _type_diagnostic(doc, path, _instance(error), types)
        return
    sources = [cast("ValidationError", e.source) for e in closer]
    yield from _translate(doc, from_jsonschema(best_match(sources)))


def _property_names(doc: Document, error: Failure) -> Iterator[Diagnostic]:
    path = _path(error)
    key = str(_instance(error))
    node, _ = doc.locate((*path, key))
    span = (
        node.key_span if node is not None and node.key_span is not None else _value_span(doc, path)
    )
    if error.validator == "pattern":
        message = f"key `{excerpt(key)}` does not match the pattern `{_show(_expected(error))}`"
        yield _diagnostic(pattern_mismatch.RULE, doc, span, message, (*path, key), "propertyNames")
        return
    message = f"key `{excerpt(key)}` is not allowed by the schema ({error.validator})"
    yield _diagnostic(schema_violation.RULE, doc, span, message, (*path, key), "propertyNames")


def _dependent(doc: Document, error: Failure) -> Iterator[Diagnostic]:
    """``dependentRequired`` (and draft 7's list form of ``dependencies``): a key that needs
    others, reported as the missing key, at the key that needs it."""
    path = _path(error)
    instance = _instance(error)
    needs = _expected(error)
    if not isinstance(instance, dict) or not isinstance(needs, dict):
        yield from _other(doc, error)
        return
    for key, required in needs.items():
        if key not in instance or not isinstance(required, list):
            continue
        node, _ = doc.locate((*path, key))
        span = (
            node.key_span
            if node is not None and node.key_span is not None
            else doc.block_end_span()
        )
        for name in _listed(required):
            if name not in instance:
                message = f"missing key `{name}`, which `{key}` requires"
                yield _diagnostic(
                    missing_required_key.RULE,
                    doc,
                    span,
                    message,
                    (*path, name),
                    str(error.validator),
                )


def _not(doc: Document, error: Failure) -> Iterator[Diagnostic]:
    path = _path(error)
    value = _written(doc, path, _instance(error))
    message = f"{_name(path)} is `{value}`, which its schema does not allow"
    yield _diagnostic(schema_violation.RULE, doc, _value_span(doc, path), message, path, "not")


def _other(doc: Document, error: Failure) -> Iterator[Diagnostic]:
    path = _path(error)
    message = f"{_name(path)}: {_clip(error.message)}"
    span = _value_span(doc, path)
    yield _diagnostic(schema_violation.RULE, doc, span, message, path, str(error.validator))


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:199] + "…"


def _join(words: list[str], conjunction: str) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


_HANDLERS: Mapping[str, Callable[[Document, Failure], Iterator[Diagnostic]]] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "format": _format,
    "pattern": _pattern,
    "required": _required,
    "additionalProperties": _additional,
    "unevaluatedProperties": _additional,
    "uniqueItems": _unique,
    "minLength": _length,
    "maxLength": _length,
    "minItems": _length,
    "maxItems": _length,
    "minProperties": _length,
    "maxProperties": _length,
    "minimum": _bound,
    "maximum": _bound,
    "exclusiveMinimum": _bound,
    "exclusiveMaximum": _bound,
    "multipleOf": _bound,
    "anyOf": _alternatives,
    "oneOf": _alternatives,
    "dependentRequired": _dependent,
    "dependencies": _dependent,
    "not": _not,
}
