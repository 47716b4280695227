"""Which JSON Schema applies to a post, and the validators, each built once.

A schema is named by a built-in name (``news-post``, or ``matterlint:news-post`` as in a
``$ref``), a path to a JSON or YAML file, or an http(s) URL. Schemas given by the configuration
or ``--schema`` are loaded, checked against their metaschema and every ``$ref`` they reach
resolved (in the files they name too) before any file is linted, so a broken schema is one clear
error, not a failure per file. Remote schemas are fetched only with ``allow-remote-schemas =
true``: a linter must not reach the network behind its user's back (see :mod:`matterlint.fetch`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, cast
from urllib.parse import urlsplit

from matterlint import validation
from matterlint.errors import SchemaError
from matterlint.nodes import JSONValue
from matterlint.validation import Failure

if TYPE_CHECKING:
    from jsonschema.protocols import Validator
    from referencing import Resource
    from referencing.jsonschema import Schema

    from matterlint.fetch import Download, RemoteSchemas

BUILTIN_SUFFIX = ".json"
BUILTIN_SCHEME = "matterlint"
REMOTE_SCHEMES = ("http", "https")
ALLOW_REMOTE = "allow-remote-schemas"
# Every schema file read or fetched in this process, with a digest of its text: results that
# depend on a schema are cached only together with the schema's contents.
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
    python-jsonschema, built on first need, for everything else. ``location`` is the file or
    URL the schema came from; ``retrieve`` loads what its ``$ref``\\ s name."""

    __slots__ = ("_retrieve", "_validator", "fast", "location", "schema")

    def __init__(
        self,
        location: str,
        schema: dict[str, JSONValue],
        retrieve: Callable[[str], Resource[Schema]],
    ) -> None:
        self.location = location
        self.schema = schema
        self._retrieve = retrieve
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
            self._validator = _jsonschema_validator(self.schema, self._retrieve)
        return self._validator


@cache
def _builtin_folder() -> Path:
    """Where the built-in schemas are: beside their package's ``__init__``, in a wheel and
    in an editable install alike (``schemas/`` is mapped to the package). Not
    ``importlib.resources``, which imports ``tempfile``, ``shutil`` and ``zipfile`` (10 ms of
    every run) for a folder that is always on disk."""
    import importlib  # the package is ``schemas/``, mapped: mypy does not see it

    package = importlib.import_module("matterlint.builtin_schemas")
    assert package.__file__ is not None
    return Path(package.__file__).parent


@cache
def builtin_names() -> tuple[str, ...]:
    return tuple(
        sorted(
            entry.name[: -len(BUILTIN_SUFFIX)]
            for entry in _builtin_folder().iterdir()
            if entry.name.endswith(BUILTIN_SUFFIX)
        )
    )


def is_builtin(ref: str) -> bool:
    return _BUILTIN_NAME.fullmatch(ref) is not None and ref in builtin_names()


def builtin_path(name: str) -> Path:
    return _builtin_folder() / (name + BUILTIN_SUFFIX)


def resolve(ref: str, base: Path) -> Path | str:
    """The file a schema reference names (a built-in, by name or as ``matterlint:NAME``, or a
    path relative to ``base``), or the URL of a remote schema."""
    if is_builtin(ref):
        return builtin_path(ref)
    scheme = urlsplit(ref).scheme
    if scheme in REMOTE_SCHEMES:
        return ref
    if scheme == BUILTIN_SCHEME:
        return _builtin(ref)
    path = Path(ref).expanduser()
    return path if path.is_absolute() else base / path


def _builtin(uri: str) -> Path:
    name = uri[len(BUILTIN_SCHEME) + 1 :]
    if not is_builtin(name):
        known = ", ".join(f"`{BUILTIN_SCHEME}:{n}`" for n in builtin_names())
        raise SchemaError(
            f"no built-in schema `{uri}` (there are {known})", reason="no such built-in schema"
        )
    return builtin_path(name)


def _refused(url: str) -> SchemaError:
    return SchemaError(
        f"schema `{url}` is remote; set `{ALLOW_REMOTE} = true` in the configuration to fetch it",
        reason=f"remote schemas are fetched only with `{ALLOW_REMOTE} = true`",
    )


class SchemaStore:
    """Compiled schemas by file or URL, so each is read, checked and compiled once per run.
    With ``remote``, http(s) schemas and ``$ref``\\ s are fetched (and cached) through it;
    without, they are refused."""

    def __init__(self, remote: RemoteSchemas | None = None) -> None:
        self._remote = remote
        self._compiled: dict[str, CompiledSchema] = {}
        self._named: dict[tuple[str, Path], CompiledSchema] = {}
        self._resources: dict[str, Resource[Schema]] = {}
        # By URL: a schema both linted against and `$ref`'d is fetched (or warned about) once.
        self._fetched: dict[str, dict[str, JSONValue]] = {}

    def named(self, ref: str, base: Path) -> CompiledSchema:
        """The compiled schema a reference names, relative to ``base``; looked up once per
        reference, since every post of a folder names the same one."""
        key = (ref, base)
        compiled = self._named.get(key)
        if compiled is None:
            compiled = self.get(resolve(ref, base))
            self._named[key] = compiled
        return compiled

    def get(self, location: Path | str) -> CompiledSchema:
        """The compiled schema in a file or at a URL; raises :class:`SchemaError` saying what
        is wrong."""
        if isinstance(location, Path):
            location = location.resolve()
        uri = location.as_uri() if isinstance(location, Path) else location
        compiled = self._compiled.get(uri)
        if compiled is None:
            compiled = self._compile(location, uri)
            self._compiled[uri] = compiled
        return compiled

    def _compile(self, location: Path | str, uri: str) -> CompiledSchema:
        """Read a schema and prove it usable now: valid against its metaschema, every ``$ref``
        resolvable. Built-in schemas are proven by matterlint's own tests, so a run that uses
        only them never imports python-jsonschema unless a post fails in a way only it
        explains."""
        schema = self._read(location)
        schema = {"$id": uri, **schema} if "$id" not in schema else schema
        builtin = isinstance(location, Path) and location.parent == builtin_path("x").parent
        if not builtin:
            from matterlint import schema_refs

            schema_refs.check(schema, str(location), self._retrieve)
        return CompiledSchema(str(location), schema, self._retrieve)

    def _read(self, location: Path | str) -> dict[str, JSONValue]:
        if isinstance(location, Path):
            return _read(location)
        if self._remote is None:
            raise _refused(location)
        document = self._fetched.get(location)
        if document is None:
            document = self._remote.get(location, _parse_download)
            self._fetched[location] = document
        return document

    def _retrieve(self, uri: str) -> Resource[Schema]:
        """The schema a ``$ref`` names, by absolute URI: ``file:``, ``matterlint:`` or (when
        allowed) http(s). Raises :class:`SchemaError`, which ``referencing`` chains to the
        ``Unresolvable`` it raises, so the reason reaches the user."""
        resource = self._resources.get(uri)
        if resource is None:
            from referencing import Resource
            from referencing.jsonschema import DRAFT202012

            contents = self._read(_location(uri))
            resource = Resource.from_contents(contents, default_specification=DRAFT202012)
            self._resources[uri] = resource
        return resource


def _location(uri: str) -> Path | str:
    parts = urlsplit(uri)
    if parts.scheme == "file":
        from urllib.request import url2pathname  # 25 ms of start-up that most runs never need

        return Path(url2pathname(parts.path))
    if parts.scheme == BUILTIN_SCHEME:
        return _builtin(uri)
    if parts.scheme in REMOTE_SCHEMES:
        return uri
    raise SchemaError(
        f"cannot load `{uri}`: matterlint reads only file, http(s) and matterlint URIs"
    )


def _jsonschema_validator(
    schema: dict[str, JSONValue], retrieve: Callable[[str], Resource[Schema]]
) -> Validator:
    from jsonschema import Draft202012Validator
    from jsonschema.validators import validator_for

    from matterlint import schema_refs

    cls = validator_for(schema, default=Draft202012Validator)
    registry = schema_refs.registry(schema, retrieve)
    return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)


def _read(path: Path) -> dict[str, JSONValue]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        reason = (
            "no such file" if isinstance(error, FileNotFoundError) else str(error.strerror or error)
        )
        if reason == "no such file" and is_builtin(path.name):
            reason += f" (the built-in schema is `{BUILTIN_SCHEME}:{path.name}`)"
        raise SchemaError(
            f"cannot read schema {path}: {reason}",
            reason=reason,
            hint=f"matterlint looked for {path}",
        ) from None
    except UnicodeDecodeError:
        raise SchemaError(f"cannot read schema {path}: not UTF-8") from None
    return _parse(text, path.suffix.lower() in (".yaml", ".yml"), str(path))


def _parse_download(download: Download) -> dict[str, JSONValue]:
    """A fetched schema is YAML when the server or the URL's suffix says so, else JSON."""
    suffix = urlsplit(download.url).path.lower().rsplit(".", 1)[-1]
    is_yaml = "yaml" in download.content_type or suffix in ("yaml", "yml")
    return _parse(download.text, is_yaml, download.url)


def _parse(text: str, is_yaml: bool, where: str) -> dict[str, JSONValue]:
    """The schema in ``text``; records the text's digest in ``SOURCES`` only once it parses,
    so that a fetched body that is replaced by a stale copy leaves no trace there."""
    if is_yaml:
        import yaml  # only a YAML schema needs it: most are JSON, and it costs 10 ms to import

        errors: tuple[type[Exception], ...] = (ValueError, yaml.YAMLError)
        parse: Callable[[str], object] = yaml.safe_load
    else:
        errors, parse = (ValueError,), json.loads
    try:
        data = parse(text)
    except RecursionError:
        raise SchemaError(f"cannot parse schema {where}: nested too deeply") from None
    except errors as error:
        raise SchemaError(f"cannot parse schema {where}: {error}") from None
    if not isinstance(data, dict):
        raise SchemaError(f"schema {where} is not a JSON object")
    SOURCES[where] = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    return cast("dict[str, JSONValue]", data)
