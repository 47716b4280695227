"""Which JSON Schema applies to a post, and the validators, each built once.

A schema is named by a built-in name (``news-post``) or a path to a JSON or YAML file. Schemas
given by the configuration or ``--schema`` are loaded, checked against their metaschema and
their ``$ref``\\ s resolved before any file is linted, so a broken schema is one clear error, not a
failure per file. A ``$ref`` may point at a local file; remote ones are refused, since a linter
must not reach the network behind its user's back.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, cast
from urllib.parse import urljoin, urlsplit

import yaml

from matterlint import validation
from matterlint.errors import SchemaError
from matterlint.nodes import JSONValue
from matterlint.validation import Failure

if TYPE_CHECKING:
    from jsonschema.protocols import Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import Schema

BUILTIN_SUFFIX = ".json"
# Every schema file read in this process, with a digest of its text: results that depend on a
# schema are cached only together with the schema's contents.
SOURCES: dict[str, str] = {}
_BUILTIN_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


class Source(StrEnum):
    """Why a schema applies, in order of precedence."""

    OPTION = "--schema option"
    DOCUMENT = "$schema key"
    CONFIG = "configuration"


@dataclass(frozen=True, slots=True)
class Choice:
    """The schema picked for a file, with the reason ``--show-schema`` prints."""

    ref: str
    source: Source
    detail: str


class CompiledSchema:
    """A schema ready to validate: the compiled fast path when it covers the schema, and
    python-jsonschema, built on first need, for everything else. ``location`` is the file the
    schema came from."""

    __slots__ = ("_validator", "fast", "location", "schema")

    def __init__(self, location: str, schema: dict[str, JSONValue]) -> None:
        self.location = location
        self.schema = schema
        self.fast = validation.compile_schema(schema)
        self._validator: Validator | None = None

    def failures(self, data: JSONValue) -> list[Failure]:
        """Every way ``data`` fails the schema, as python-jsonschema would list them."""
        if self.fast is not None:
            try:
                return self.fast(data, ())
            except validation.Unsure:
                pass
        return [validation.from_jsonschema(e) for e in self.validator.iter_errors(data)]

    @property
    def validator(self) -> Validator:
        if self._validator is None:
            self._validator = _jsonschema_validator(self.schema)
        return self._validator


@cache
def builtin_names() -> tuple[str, ...]:
    root = files("matterlint.builtin_schemas")
    return tuple(
        sorted(
            entry.name[: -len(BUILTIN_SUFFIX)]
            for entry in root.iterdir()
            if entry.name.endswith(BUILTIN_SUFFIX)
        )
    )


def is_builtin(ref: str) -> bool:
    return _BUILTIN_NAME.fullmatch(ref) is not None and ref in builtin_names()


def builtin_path(name: str) -> Path:
    return Path(str(files("matterlint.builtin_schemas").joinpath(name + BUILTIN_SUFFIX)))


def resolve(ref: str, base: Path) -> Path:
    """The file a schema reference names: a built-in, or a path relative to ``base``."""
    if is_builtin(ref):
        return builtin_path(ref)
    if urlsplit(ref).scheme in ("http", "https"):
        raise SchemaError(
            f"schema `{ref}` is remote; matterlint does not fetch schemas",
            reason="remote schemas are not fetched",
        )
    path = Path(ref).expanduser()
    return path if path.is_absolute() else base / path


class SchemaStore:
    """Compiled schemas by file, so each is read, checked and compiled once per run."""

    def __init__(self) -> None:
        self._compiled: dict[Path, CompiledSchema] = {}
        self._named: dict[tuple[str, Path], CompiledSchema] = {}

    def named(self, ref: str, base: Path) -> CompiledSchema:
        """The compiled schema a reference names, relative to ``base``; looked up once per
        reference, since every post of a folder names the same one."""
        key = (ref, base)
        compiled = self._named.get(key)
        if compiled is None:
            compiled = self.get(resolve(ref, base))
            self._named[key] = compiled
        return compiled

    def get(self, path: Path) -> CompiledSchema:
        """The compiled schema in a file; raises :class:`SchemaError` saying what is wrong."""
        path = path.resolve()
        compiled = self._compiled.get(path)
        if compiled is None:
            compiled = _compile(path)
            self._compiled[path] = compiled
        return compiled


def _compile(path: Path) -> CompiledSchema:
    """Read a schema and prove it usable now: valid against its metaschema, every ``$ref``
    resolvable. Built-in schemas are proven by matterlint's own tests, so a run that uses only
    them never imports python-jsonschema unless a post fails in a way only it explains."""
    schema = _read(path)
    schema = {"$id": path.as_uri(), **schema} if "$id" not in schema else schema
    if path.parent != builtin_path("x").parent:
        _check(schema, path)
    return CompiledSchema(str(path), schema)


def _check(schema: dict[str, JSONValue], path: Path) -> None:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError as JSONSchemaError
    from jsonschema.validators import validator_for

    cls = validator_for(schema, default=Draft202012Validator)
    try:
        cls.check_schema(schema)
    except JSONSchemaError as error:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        raise SchemaError(f"{path}: not a valid JSON Schema at {where}: {error.message}") from None
    _check_refs(schema, str(schema["$id"]), _registry(schema), path)


def _jsonschema_validator(schema: dict[str, JSONValue]) -> Validator:
    from jsonschema import Draft202012Validator
    from jsonschema.validators import validator_for

    cls = validator_for(schema, default=Draft202012Validator)
    return cls(schema, registry=_registry(schema), format_checker=cls.FORMAT_CHECKER)


def _read(path: Path) -> dict[str, JSONValue]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        reason = (
            "no such file" if isinstance(error, FileNotFoundError) else str(error.strerror or error)
        )
        raise SchemaError(
            f"cannot read schema {path}: {reason}",
            reason=reason,
            hint=f"matterlint looked for {path}",
        ) from None
    except UnicodeDecodeError:
        raise SchemaError(f"cannot read schema {path}: not UTF-8") from None
    SOURCES[str(path)] = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
    except (ValueError, yaml.YAMLError) as error:
        raise SchemaError(f"cannot parse schema {path}: {error}") from None
    if not isinstance(data, dict):
        raise SchemaError(f"schema {path} is not a JSON object")
    return cast("dict[str, JSONValue]", data)


def _registry(schema: dict[str, JSONValue]) -> Registry[Schema]:
    """A registry holding the schema itself, which loads local ``$ref`` targets on demand."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    root: Resource[Schema] = Resource.from_contents(schema, default_specification=DRAFT202012)
    registry: Registry[Schema] = Registry(retrieve=_retrieve)  # type: ignore[call-arg]
    return cast("Registry[Schema]", registry.with_resource(str(schema["$id"]), root))


@cache
def _retrieve(uri: str) -> Resource[Schema]:
    """Load a ``$ref``'d schema from a ``file:`` URI; anything else is refused."""
    from referencing import Resource
    from referencing.exceptions import NoSuchResource
    from referencing.jsonschema import DRAFT202012

    parts = urlsplit(uri)
    if parts.scheme != "file":
        raise NoSuchResource(uri)
    from urllib.request import url2pathname  # 25 ms of start-up that most runs never need

    contents = _read(Path(url2pathname(parts.path)))
    return Resource.from_contents(contents, default_specification=DRAFT202012)


def _check_refs(schema: JSONValue, base: str, registry: Registry[Schema], path: Path) -> None:
    """Resolve every ``$ref`` now, so that a broken one stops the run before linting."""
    from referencing.exceptions import Unresolvable

    resolver = registry.resolver(base_uri=base)
    for ref_base, ref in _refs(schema, base):
        target = urljoin(ref_base, ref)
        if urlsplit(target).scheme not in ("file", ""):
            raise SchemaError(f"{path}: $ref `{ref}` is remote; matterlint does not fetch schemas")
        try:
            resolver.lookup(target)
        except Unresolvable:
            raise SchemaError(f"{path}: cannot resolve $ref `{ref}`") from None


def _refs(node: JSONValue, base: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        node_id = node.get("$id")
        if isinstance(node_id, str):
            base = urljoin(base, node_id)
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield base, ref
        for key, value in node.items():
            if key not in ("enum", "const", "examples", "default"):
                yield from _refs(value, base)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item, base)
