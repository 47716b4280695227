"""Proving a schema's ``$ref``\\ s before any post is linted.

Every ``$ref`` a schema reaches, in its own file and in every file those name in turn, must
resolve, and every file reached must be a valid JSON Schema: a broken reference found while
validating the hundredth post would be a failure per post instead of one clear error. A chain
of ``$ref``\\ s that comes back to where it started without descending into the value
(``a.json`` is ``{"$ref": "b.json"}`` and ``b.json`` is ``{"$ref": "a.json"}``) would make
validation recurse forever, so it is refused too. Recursion through a property
(``{"properties": {"child": {"$ref": "#"}}}``) is fine: each step goes one level down the post.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, cast
from urllib.parse import urldefrag, urljoin, urlsplit

from matterlint.errors import SchemaError
from matterlint.nodes import JSONValue

if TYPE_CHECKING:
    from referencing import Registry, Resource
    from referencing._core import Resolver
    from referencing.exceptions import Unresolvable
    from referencing.jsonschema import Schema

Retrieve = Callable[[str], "Resource[Schema]"]

# Keywords whose subschemas apply to the same value as the schema holding them: a loop of
# `$ref`s through these alone never ends.
_IN_PLACE = ("not", "if", "then", "else")
_IN_PLACE_LISTS = ("allOf", "anyOf", "oneOf")
_IN_PLACE_MAPPINGS = ("dependentSchemas", "dependencies")
# Keywords whose values are data, not schemas: a `$ref` key inside them is no reference.
_DATA = ("enum", "const", "examples", "default")


def registry(schema: dict[str, JSONValue], retrieve: Retrieve) -> Registry[Schema]:
    """A registry holding the schema itself (under its ``$id``), which loads other ``$ref``
    targets on demand through ``retrieve``."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    root: Resource[Schema] = Resource.from_contents(schema, default_specification=DRAFT202012)
    empty: Registry[Schema] = Registry(retrieve=retrieve)  # type: ignore[call-arg]
    return cast("Registry[Schema]", empty.with_resource(str(schema["$id"]), root))


def check(schema: dict[str, JSONValue], where: str, retrieve: Retrieve) -> None:
    """Raise :class:`SchemaError` unless ``schema`` (read from ``where``) is a valid JSON
    Schema whose ``$ref``\\ s all resolve, to valid schemas, with no loop."""
    try:
        _check(schema, where, retrieve)
    except RecursionError:  # the walks, and jsonschema's metaschema check, recurse per level
        raise SchemaError(f"{where}: nested too deeply to check") from None


def _check(schema: dict[str, JSONValue], where: str, retrieve: Retrieve) -> None:
    from jsonschema import Draft202012Validator
    from jsonschema.validators import validator_for

    default = validator_for(schema, default=Draft202012Validator)
    _valid(schema, where, default)
    resolver = registry(schema, retrieve).resolver(base_uri=str(schema["$id"]))
    root = str(schema["$id"])
    seen = {urldefrag(root).url}
    pending: list[tuple[str, str, JSONValue]] = [(root, where, schema)]
    while pending:
        base, where_here, contents = pending.pop()
        for ref_base, ref in _refs(contents, base):
            target = urljoin(ref_base, ref)
            _lookup(resolver, target, ref, where_here)
            document = urldefrag(target).url
            if document not in seen:
                seen.add(document)
                found = cast("JSONValue", resolver.lookup(document).contents)
                _valid(found, _display(document), default)
                pending.append((document, _display(document), found))
    loop = _loop(schema, resolver, [], {}, set())
    if loop:
        chain = " → ".join(f"`{ref}`" for ref in loop)
        raise SchemaError(
            f"{where}: the $ref chain {chain} comes back to where it started without going "
            "into the value, so validation would never end"
        )


def _valid(schema: JSONValue, where: str, default: type) -> None:
    from jsonschema.exceptions import SchemaError as JSONSchemaError
    from jsonschema.validators import validator_for

    if not isinstance(schema, dict):
        raise SchemaError(f"schema {where} is not a JSON object")
    cls = validator_for(schema, default=default)
    try:
        cls.check_schema(schema)
    except JSONSchemaError as error:
        at = "/".join(str(p) for p in error.absolute_path) or "(root)"
        raise SchemaError(f"{where}: not a valid JSON Schema at {at}: {error.message}") from None


def _lookup(resolver: Resolver[Schema], target: str, ref: str, where: str) -> None:
    from referencing.exceptions import Unresolvable

    try:
        resolver.lookup(target)
    except Unresolvable as error:
        why = _why(error, urldefrag(target).url)
        raise SchemaError(f"{where}: cannot resolve $ref `{ref}`: {why}") from None


def _why(error: Unresolvable, document: str) -> str:
    """Why a reference did not resolve: the reason loading its file gave, when it was that."""
    from referencing.exceptions import NoSuchAnchor, PointerToNowhere

    cause = error.__cause__
    while cause is not None:
        if isinstance(cause, SchemaError):
            return str(cause)
        cause = cause.__cause__
    if isinstance(error, PointerToNowhere):
        return f"{_display(document)} has nothing at `{error.ref}`"
    if isinstance(error, NoSuchAnchor):
        return f"{_display(document)} has no anchor `{error.anchor}`"
    return f"no schema is known as `{document}`"


def _display(uri: str) -> str:
    """A ``file:`` URI as the path it names; any other URI as it is."""
    parts = urlsplit(uri)
    if parts.scheme != "file":
        return uri
    from urllib.request import url2pathname

    return url2pathname(parts.path)


def _refs(node: JSONValue, base: str) -> Iterator[tuple[str, str]]:
    """Each ``$ref`` in ``node``, with the base URI it is relative to."""
    if isinstance(node, dict):
        node_id = node.get("$id")
        if isinstance(node_id, str):
            base = urljoin(base, node_id)
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield base, ref
        for key, value in node.items():
            if key not in _DATA:
                yield from _refs(value, base)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item, base)


def _in_place(node: dict[str, JSONValue]) -> Iterator[JSONValue]:
    for key in _IN_PLACE:
        if key in node:
            yield node[key]
    for key in _IN_PLACE_LISTS:
        value = node.get(key)
        if isinstance(value, list):
            yield from value
    for key in _IN_PLACE_MAPPINGS:
        value = node.get(key)
        if isinstance(value, dict):
            yield from value.values()


def _loop(
    node: JSONValue,
    resolver: Resolver[Schema],
    trail: list[str],
    active: dict[int, int],
    done: set[int],
) -> list[str]:
    """The ``$ref``\\ s of a loop that never leaves the value ``node`` applies to, or ``[]``.
    A depth-first search over schemas (by identity: each is part of one loaded document)
    along in-place applicators and ``$ref``; ``active`` maps the schemas on the current path
    to the length of ``trail`` when they were entered."""
    if not isinstance(node, dict) or id(node) in done:
        return []
    if id(node) in active:
        return trail[active[id(node)] :]
    if isinstance(node.get("$id"), str):
        from referencing.jsonschema import DRAFT202012

        resolver = resolver.in_subresource(DRAFT202012.create_resource(node))
    active[id(node)] = len(trail)
    for child in _in_place(node):
        if loop := _loop(child, resolver, trail, active, done):
            return loop
    ref = node.get("$ref")
    if isinstance(ref, str):
        from referencing.exceptions import Unresolvable

        try:
            resolved = resolver.lookup(ref)
        except Unresolvable:  # already reported by the walk over every `$ref`, if real
            resolved = None
    if isinstance(ref, str) and resolved is not None:
        trail.append(ref)
        contents = cast("JSONValue", resolved.contents)
        if loop := _loop(contents, resolved.resolver, trail, active, done):
            return loop
        trail.pop()
    del active[id(node)]
    done.add(id(node))
    return []
