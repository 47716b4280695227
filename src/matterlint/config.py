"""Finding, reading and checking the configuration, into frozen :class:`Settings`.

Every key is checked when the file is read: a typo (`selcet`) or a wrong type is an error that
names the key and the file, not a setting silently ignored. Relative paths and globs in a
configuration file are relative to the directory holding it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeAlias, TypeVar, cast

from matterlint.dates import Dialect
from matterlint.diagnostics import Severity
from matterlint.errors import ConfigError
from matterlint.loaders import Limits
from matterlint.options import (
    AssetOptions,
    DateOptions,
    DuplicateOptions,
    RuleOptions,
    Taxonomy,
    TaxonomyOptions,
    UrlOptions,
)
from matterlint.rules import BY_CODE, BY_NAME, DEFAULT_SELECTION, REGISTRY

CONFIG_FILES = (".matterlint.toml", "matterlint.toml", "pyproject.toml")
DEFAULT_EXTENSIONS = (".md", ".markdown", ".mdx", ".html")
DEFAULT_EXCLUDE = (
    ".git/",
    ".hg/",
    ".svn/",
    ".venv/",
    "venv/",
    "node_modules/",
    "__pycache__/",
    ".matterlint_cache/",
    ".mypy_cache/",
    ".pytest_cache/",
    ".ruff_cache/",
    ".tox/",
)

TomlValue: TypeAlias = object
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run needs to know, resolved: rule selectors are codes, paths are absolute.

    ``schemas`` and ``per_file_ignores`` keep the file's order: the first matching schema
    pattern wins, and every matching ignore pattern applies. ``unfixable``, ``safe_fixes`` and
    ``unsafe_fix_codes`` move rules' fixes to display-only, safe and unsafe.
    """

    root: Path
    config_path: Path | None = None
    enabled: frozenset[str] = DEFAULT_SELECTION
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    schemas: tuple[tuple[str, str], ...] = ()
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    respect_gitignore: bool = True
    allow_remote_schemas: bool = False
    unsafe_fixes: bool = False
    unfixable: frozenset[str] = frozenset()
    safe_fixes: frozenset[str] = frozenset()
    unsafe_fix_codes: frozenset[str] = frozenset()
    options: RuleOptions = field(default_factory=RuleOptions)
    limits: Limits = field(default_factory=Limits)


@dataclass(frozen=True, slots=True)
class Overrides:
    """Command-line options that change the configuration."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool | None = None


def find_config(start: Path) -> Path | None:
    """The closest configuration file at or above ``start``; a ``pyproject.toml`` counts only
    with a ``[tool.matterlint]`` table."""
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or _tool_table(_read_toml(candidate)) is not None:
                return candidate
    return None


def settings_for(
    config_path: Path | None, isolated: bool, overrides: Overrides = Overrides()
) -> Settings:
    """The settings of a run started in the current directory: the configuration file named,
    else the closest one at or above it, else none (and none at all when ``isolated``)."""
    cwd = Path.cwd()
    config = None if isolated else (config_path or find_config(cwd))
    return load_settings(config, cwd, overrides)


def load_settings(config: Path | None, cwd: Path, overrides: Overrides = Overrides()) -> Settings:
    """Settings from a configuration file (or defaults when ``config`` is ``None``)."""
    if config is None:
        options = RuleOptions(assets=AssetOptions((str(cwd),)))
        return _apply_overrides(Settings(root=cwd, options=options), {}, overrides)
    config = config.resolve()
    document = _read_toml(config)
    table = _tool_table(document) if config.name == "pyproject.toml" else document
    if table is None:
        raise ConfigError(f"{config}: no [tool.matterlint] table")
    settings = _parse(table, config)
    return _apply_overrides(settings, table, overrides)


def _read_toml(path: Path) -> dict[str, TomlValue]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None


def _tool_table(document: dict[str, TomlValue]) -> dict[str, TomlValue] | None:
    """``[tool.matterlint]`` of a ``pyproject.toml``, if it has one."""
    tool = document.get("tool")
    table = tool.get("matterlint") if isinstance(tool, dict) else None
    return cast("dict[str, TomlValue]", table) if isinstance(table, dict) else None


class _Reader:
    """Typed access to one table of the file, with errors that name the key."""

    def __init__(self, table: Mapping[str, TomlValue], where: str, known: Sequence[str]) -> None:
        self.table = table
        self.where = where
        for key in table:
            if key not in known:
                import difflib  # only for a name that is not known

                close = difflib.get_close_matches(key, known, n=1)
                hint = f" (did you mean `{close[0]}`?)" if close else ""
                raise ConfigError(f"{where}: unknown setting `{key}`{hint}")

    def fail(self, key: str, wanted: str) -> ConfigError:
        return ConfigError(f"{self.where}: `{key}` must be {wanted}")

    def strings(self, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        value = self.table.get(key, list(default))
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "a list of strings")
        return tuple(cast("list[str]", value))

    def boolean(self, key: str, default: bool) -> bool:
        value = self.table.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, "true or false")
        return value

    def integer(self, key: str, default: int) -> int:
        value = self.table.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise self.fail(key, "a positive integer")
        return value

    def mapping(
        self, key: str, convert: Callable[[str, TomlValue], _T]
    ) -> tuple[tuple[str, _T], ...]:
        value = self.table.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(key, "a table")
        return tuple((str(k), convert(f"{key}.{k}", v)) for k, v in value.items())

    def sub(self, key: str, known: Sequence[str]) -> _Reader:
        value = self.table.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(key, "a table")
        return _Reader(value, f"{self.where} [{key}]", known)


_KEYS = (
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "severity",
    "schemas",
    "allow-remote-schemas",
    "extensions",
    "exclude",
    "extend-exclude",
    "respect-gitignore",
    "unsafe-fixes",
    "unfixable",
    "extend-safe-fixes",
    "extend-unsafe-fixes",
    "max-depth",
    "max-alias-nodes",
    "max-file-size",
    "dates",
    "urls",
    "duplicates",
    "taxonomy",
    "assets",
)


def _parse(table: Mapping[str, TomlValue], config: Path) -> Settings:
    reader = _Reader(table, str(config), _KEYS)
    where = str(config)

    def selectors(key: str, value: TomlValue) -> frozenset[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: `{key}` must be a list of rule codes or names")
        return resolve_selectors(cast("list[str]", value), f"{where}: `{key}`")

    def severity(key: str, value: TomlValue) -> Severity:
        if value not in ("error", "warning"):
            raise ConfigError(f'{where}: `{key}` must be "error" or "warning"')
        return Severity(value)

    def schema_ref(key: str, value: TomlValue) -> str:
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: `{key}` must be a schema name or path")
        return value

    def rules(key: str) -> frozenset[str]:
        return selectors(key, table.get(key, []))

    severities: dict[str, Severity] = {}
    for selector, level in reader.mapping("severity", severity):
        for code in resolve_selectors([selector], f"{where}: `severity`"):
            severities[code] = level
    extensions = reader.strings("extensions", DEFAULT_EXTENSIONS)
    for extension in extensions:
        if not extension.startswith("."):
            raise ConfigError(f'{where}: `extensions` entries start with a dot, like ".md"')
    return Settings(
        root=config.parent,
        config_path=config,
        per_file_ignores=reader.mapping("per-file-ignores", selectors),
        severities=severities,
        schemas=reader.mapping("schemas", schema_ref),
        allow_remote_schemas=reader.boolean("allow-remote-schemas", False),
        extensions=extensions,
        exclude=reader.strings("exclude", DEFAULT_EXCLUDE) + reader.strings("extend-exclude", ()),
        respect_gitignore=reader.boolean("respect-gitignore", True),
        unsafe_fixes=reader.boolean("unsafe-fixes", False),
        unfixable=rules("unfixable"),
        safe_fixes=rules("extend-safe-fixes"),
        unsafe_fix_codes=rules("extend-unsafe-fixes"),
        options=RuleOptions(
            _dates(reader),
            _urls(reader),
            DuplicateOptions(reader.sub("duplicates", ("keys",)).strings("keys", DEFAULT_UNIQUE)),
            _taxonomy(reader, config.parent),
            _assets(reader, config.parent),
        ),
        limits=Limits(
            max_depth=reader.integer("max-depth", Limits().max_depth),
            max_alias_nodes=reader.integer("max-alias-nodes", Limits().max_alias_nodes),
            max_file_size=reader.integer("max-file-size", Limits().max_file_size),
        ),
    )


def _dates(reader: _Reader) -> DateOptions:
    dates = reader.sub("dates", ("keys", "accept", "canonical"))
    defaults = DateOptions()
    dialects = {d.value for d in Dialect}

    def dialect(value: str, key: str) -> Dialect:
        if value not in dialects:
            raise ConfigError(
                f"{dates.where}: `{key}` must be one of {', '.join(sorted(dialects))}"
            )
        return Dialect(value)

    accept = tuple(dialect(v, "accept") for v in dates.strings("accept", defaults.accept))
    canonical_value = dates.table.get("canonical", defaults.canonical.value)
    if not isinstance(canonical_value, str):
        raise dates.fail("canonical", "a dialect name")
    return DateOptions(
        keys=dates.strings("keys", defaults.keys),
        accept=accept,
        canonical=dialect(canonical_value, "canonical"),
    )


def _urls(reader: _Reader) -> UrlOptions:
    urls = reader.sub("urls", ("keys",))
    return UrlOptions(keys=urls.strings("keys", UrlOptions().keys))


DEFAULT_UNIQUE = DuplicateOptions().keys


def _taxonomy(reader: _Reader, base: Path) -> TaxonomyOptions:
    """Each key's list, read now: a missing or malformed list is a configuration error before
    any post is linted, not an error in every post."""
    table = reader.table.get("taxonomy", {})
    if not isinstance(table, dict):
        raise reader.fail("taxonomy", "a table of key = file")
    lists = []
    for key, value in table.items():
        if not isinstance(value, str) or not value:
            raise reader.fail(f"taxonomy.{key}", "the path of a YAML, JSON or TOML file")
        lists.append(
            Taxonomy(
                key, value, _taxonomy_values(base / value, f"{reader.where}: `taxonomy.{key}`")
            )
        )
    return TaxonomyOptions(tuple(lists))


def _taxonomy_values(path: Path, where: str) -> frozenset[str]:
    import json

    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ConfigError(f"{where}: cannot read {path}: {reason}") from None
    try:
        if path.suffix.lower() == ".json":
            data: object = json.loads(text)
        elif path.suffix.lower() == ".toml":
            data = tomllib.loads(text)
        else:
            data = yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as error:
        raise ConfigError(f"{where}: cannot parse {path}: {error}") from None
    if isinstance(data, dict):
        data = list(data)
    if not isinstance(data, list) or not all(
        isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in data
    ):
        raise ConfigError(
            f"{where}: {path} must hold a list of values, or a mapping whose keys are the values"
        )
    return frozenset(str(v) for v in data)


def _assets(reader: _Reader, base: Path) -> AssetOptions:
    assets = reader.sub("assets", ("roots",))
    roots = assets.strings("roots", (".",))
    return AssetOptions(tuple(str((base / root).resolve()) for root in roots))


def resolve_selectors(selectors: Sequence[str], where: str) -> frozenset[str]:
    """Rule codes for selectors: ``ALL``, a code, a code prefix (``FM2``) or a rule name."""
    codes: set[str] = set()
    for selector in selectors:
        if selector.upper() == "ALL":
            codes.update(BY_CODE)
            continue
        if selector in BY_NAME:
            codes.add(BY_NAME[selector].rule.code)
            continue
        matched = {
            entry.rule.code for entry in REGISTRY if entry.rule.code.startswith(selector.upper())
        }
        if not matched or len(selector) < 2:
            known = [*BY_CODE, *BY_NAME]
            import difflib  # only for a name that is not known

            close = difflib.get_close_matches(selector, known, n=1)
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            raise ConfigError(f"{where}: unknown rule `{selector}`{hint}")
        codes.update(matched)
    return frozenset(codes)


def _apply_overrides(
    settings: Settings, table: Mapping[str, TomlValue], overrides: Overrides
) -> Settings:
    where = str(settings.config_path or "configuration")

    def listed(key: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: `{key}` must be a list of rule codes or names")
        return cast("list[str]", value)

    select = overrides.select if overrides.select is not None else listed("select")
    enabled = resolve_selectors(select, f"{where}: `select`") if select else DEFAULT_SELECTION
    enabled |= resolve_selectors(
        [*listed("extend-select"), *overrides.extend_select], "--extend-select"
    )
    enabled -= resolve_selectors([*listed("ignore"), *overrides.ignore], f"{where}: `ignore`")
    unsafe = settings.unsafe_fixes if overrides.unsafe_fixes is None else overrides.unsafe_fixes
    return replace(settings, enabled=enabled, unsafe_fixes=unsafe)
