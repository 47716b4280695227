"""The settings rules read, one frozen section each, validated when the configuration loads.

Rules get the whole :class:`RuleOptions` and read their own section, so a rule's signature stays
the same whatever it is configured by, and no option can change while files are linted.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache

from matterlint.dates import Dialect


@dataclass(frozen=True, slots=True)
class DateOptions:
    """``[dates]``: which keys hold dates, which spellings the site accepts, and the one a fix
    writes. Keys are matched at the top level, ignoring case."""

    keys: tuple[str, ...] = (
        "date",
        "lastmod",
        "publishdate",
        "expirydate",
        "pubdate",
        "updated",
        "modified",
        "last_modified_at",
        "created",
    )
    accept: tuple[Dialect, ...] = (Dialect.ISO_DATE, Dialect.ISO_DATETIME, Dialect.SPACE_DATETIME)
    canonical: Dialect = Dialect.ISO_DATETIME
    # Asked for every top-level key of every post by three rules: the set is made once.
    _lowered_keys: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_lowered_keys", _lowered(self.keys))

    def is_date_key(self, key: str) -> bool:
        return key.lower() in self._lowered_keys


@cache
def _lowered(keys: tuple[str, ...]) -> frozenset[str]:
    return frozenset(k.lower() for k in keys)


@dataclass(frozen=True, slots=True)
class UrlOptions:
    """``[urls]``: keys whose values are image or page URLs, matched at any depth."""

    keys: tuple[str, ...] = (
        "image",
        "images",
        "cover",
        "thumbnail",
        "featured_image",
        "og_image",
        "social_image",
        "banner",
    )


@dataclass(frozen=True, slots=True)
class DuplicateOptions:
    """``[duplicates]``: top-level keys (any case) whose values must differ from file to file."""

    keys: tuple[str, ...] = ("title", "slug", "permalink")

    def is_unique_key(self, key: str) -> bool:
        return key.lower() in _lowered(self.keys)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The values a top-level key may hold, read from ``source`` when the configuration loads
    (so they are part of the settings the result cache is keyed by)."""

    key: str
    source: str
    values: frozenset[str]


@dataclass(frozen=True, slots=True)
class TaxonomyOptions:
    """``[taxonomy]``: key → a YAML, JSON or TOML file listing the values it may hold."""

    lists: tuple[Taxonomy, ...] = ()


@dataclass(frozen=True, slots=True)
class AssetOptions:
    """``[assets]``: absolute folders a root-relative path (``/images/a.png``) is looked up in,
    the project root when none is configured. A relative path is looked up beside the post
    first (Hugo page bundles), then in these."""

    roots: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleOptions:
    dates: DateOptions = field(default_factory=DateOptions)
    urls: UrlOptions = field(default_factory=UrlOptions)
    duplicates: DuplicateOptions = field(default_factory=DuplicateOptions)
    taxonomy: TaxonomyOptions = field(default_factory=TaxonomyOptions)
    assets: AssetOptions = field(default_factory=AssetOptions)


SECTIONS = tuple(f.name for f in fields(RuleOptions))
