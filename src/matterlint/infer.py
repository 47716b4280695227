"""Learning a draft JSON Schema (2020-12) from the front matter of existing posts.

A site rarely starts with a schema, but its posts already agree on one: the keys nearly every
post has, the type each key holds, the dialect its dates are written in. :class:`Learner` reads
each post's data once into a small accumulator per position (a key path, or the items of a list
there), so memory grows with the distinct keys, not with the posts; only up to
:data:`ENUM_MAX` + 1 distinct values are kept per position, for enumerations.

One number, the threshold (0.95 by default), separates the rule from the outliers everywhere:
a key is required when at least that share of the mappings holding it have it; the types of a
value are the commonest ones that together cover that share (the rest are left out, so checking
the posts with the schema reports them); a ``format`` or date pattern applies when that share
of the strings fits it; an enumeration lists the commonest values covering that share. Every
property's ``description`` says what was seen, rare things included, with counts.

Pure: data in, schema out; same posts in the same order give byte-identical output (no dates,
no hash order: things are ordered by count, then by first appearance).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeAlias, TypeVar

from matterlint import dates
from matterlint.dates import Dialect
from matterlint.diagnostics import excerpt
from matterlint.nodes import JSONValue, json_type
from matterlint.validation import FORMATS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DEFAULT_THRESHOLD = Fraction(95, 100)
# An enumeration is offered only for a value seen at least MIN_SAMPLE times that takes at most
# ENUM_MAX distinct values, each kept one seen at least twice: free text (titles, descriptions)
# never qualifies, a `layout` or `lang` does. Keys are left out as rare only among MIN_SAMPLE
# mappings or more: in a handful of posts, once is not rare.
ENUM_MAX = 10
MIN_SAMPLE = 20
_SCALARS = frozenset({"string", "integer", "number", "boolean", "null"})
_TYPE_NAMES = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "null": "empty (null)",
    "array": "list",
    "object": "mapping",
}

_Scalar: TypeAlias = tuple[str, str | int]
_T = TypeVar("_T")


class _Values:
    """Everything one position held across the posts, reduced to counts."""

    __slots__ = (
        "count",
        "distinct",
        "items",
        "keys",
        "mappings",
        "present",
        "repeated",
        "shapes",
        "types",
    )

    def __init__(self) -> None:
        self.count = 0
        self.types: Counter[str] = Counter()
        # What strings look like: "date", "date-time", "uri", and each date dialect.
        self.shapes: Counter[str] = Counter()
        self.distinct: Counter[_Scalar] | None = Counter()
        self.mappings = 0
        self.present: Counter[str] = Counter()
        self.keys: dict[str, _Values] = {}
        self.items: _Values | None = None
        self.repeated = 0  # lists holding the same scalar twice

    def add(self, value: JSONValue) -> None:
        self.count += 1
        kind = json_type(value)
        self.types[kind] += 1
        if isinstance(value, str):
            self._shape(value)
            self._remember(("string", value))
        elif kind == "integer":
            assert isinstance(value, int)
            self._remember(("integer", value))
        elif isinstance(value, dict):
            self.mappings += 1
            for key, item in value.items():
                self.present[key] += 1
                self.keys.setdefault(key, _Values()).add(item)
        elif isinstance(value, list):
            if self.items is None:
                self.items = _Values()
            for item in value:
                self.items.add(item)
            scalars = [(json_type(i), i) for i in value if not isinstance(i, (list, dict))]
            if len(set(scalars)) < len(scalars):
                self.repeated += 1

    def _shape(self, text: str) -> None:
        dialect = dates.dialect_of(text)
        if dialect is not None:
            self.shapes[dialect.value] += 1
            for name in ("date", "date-time"):
                if FORMATS[name](text):
                    self.shapes[name] += 1
        elif "://" in text and FORMATS["uri"](text):
            self.shapes["uri"] += 1

    def _remember(self, value: _Scalar) -> None:
        if self.distinct is None:
            return
        self.distinct[value] += 1
        if len(self.distinct) > ENUM_MAX:
            self.distinct = None  # free text: forget it, memory stays bounded


@dataclass(frozen=True, slots=True)
class DateKey:
    """A top-level key whose values are nearly all dates, with the dialects that cover them
    (most used first) and how many values each has."""

    name: str
    dialects: tuple[tuple[Dialect, int], ...]


@dataclass(frozen=True, slots=True)
class Inference:
    """The schema, how many posts it was learned from, and what ``init`` needs to configure
    dates the way the posts write them."""

    schema: dict[str, JSONValue]
    posts: int
    date_keys: tuple[DateKey, ...]

    @property
    def keys(self) -> int:
        properties = self.schema.get("properties")
        return len(properties) if isinstance(properties, dict) else 0

    @property
    def required(self) -> int:
        required = self.schema.get("required")
        return len(required) if isinstance(required, list) else 0


class Learner:
    """Feed it each post's front matter (a mapping) with :meth:`add`; ask for the schema."""

    def __init__(self) -> None:
        self._root = _Values()

    @property
    def posts(self) -> int:
        return self._root.mappings

    def add(self, data: dict[str, JSONValue]) -> None:
        """One post's data; ``$schema`` names a schema, it is not front matter to learn."""
        self._root.add({k: v for k, v in data.items() if k != "$schema"})

    def infer(self, sources: Sequence[str], version: str, threshold: Fraction) -> Inference:
        """The schema learned so far. ``sources`` (the paths the posts came from) and
        ``version`` go in the top-level description; ``threshold`` is in (0, 1]."""
        if not 0 < threshold <= 1:
            raise ValueError(f"threshold {threshold} is not in (0, 1]")
        builder = _Builder(threshold)
        body = builder.build(self._root, "post")
        posts = self._root.mappings
        share = _percent(threshold)
        notes = body.pop("description", "")
        schema: dict[str, JSONValue] = {
            "$schema": DRAFT,
            "title": "Front matter of the posts under " + ", ".join(sources),
            "description": (
                f"Inferred by matterlint {version} from {_count(posts, 'post')} under "
                f"{', '.join(sources)}. A key is required when at least {share} of the posts "
                f"have it; the types, formats and enumerated values allowed are the commonest "
                f"that cover {share} of the values seen, so the rare rest is reported. "
                f"A draft: edit it. {notes}"
            ).rstrip(),
            **body,
        }
        properties = body.get("properties")
        known = properties.keys() if isinstance(properties, dict) else set()
        return Inference(schema, posts, _date_keys(self._root, known, threshold))


class _Builder:
    def __init__(self, threshold: Fraction) -> None:
        self.threshold = threshold

    def build(self, values: _Values, noun: str) -> dict[str, JSONValue]:
        """The subschema for a position; ``noun`` names what holds its values ("post",
        "item"). Each keyword but ``enum`` applies to one type only, so a union needs no
        ``anyOf``: ``type`` lists the types, and each type's keywords sit side by side."""
        kept = _covering(values.types, values.count, self.threshold)
        schema: dict[str, JSONValue] = {"type": kept[0] if len(kept) == 1 else list(kept)}
        notes = [self._types(values, kept, noun)]
        if "string" in kept:
            notes.extend(self._strings(values, schema, noun))
        if kept in (["string"], ["integer"]) and not schema.keys() & {"format", "pattern"}:
            notes.extend(self._enum(values, schema))
        if "array" in kept and values.items is not None and values.items.count:
            items = self.build(values.items, "item")
            schema["items"] = items
            if all(t in _SCALARS for t in _listed_types(items)):
                schema["uniqueItems"] = True
            if values.repeated:
                notes.append(f"An item repeated in {_count(values.repeated, 'list')}.")
        if "object" in kept:
            notes.extend(self._object(values, schema, noun))
        description = " ".join(note for note in notes if note)
        return {"description": description, **schema} if description else schema

    def _types(self, values: _Values, kept: Sequence[str], noun: str) -> str:
        if len(values.types) == 1:
            return ""
        seen = [
            f"{_TYPE_NAMES[t]} in {_count(n, noun) if i == 0 else f'{n:,}'}"
            + ("" if t in kept else " (rare: not allowed)")
            for i, (t, n) in enumerate(values.types.most_common())
        ]
        return f"Types: {', '.join(seen)}."

    def _strings(self, values: _Values, schema: dict[str, JSONValue], noun: str) -> list[str]:
        strings = values.types["string"]
        shapes = values.shapes
        dialects = Counter({Dialect(k): n for k, n in shapes.most_common() if k in _DIALECTS})
        notes = []
        if dialects:
            written = [
                f"as {d.value} (`{dates.EXAMPLES[d].split(',')[0]}`) in "
                + (_count(n, noun) if i == 0 else f"{n:,}")
                for i, (d, n) in enumerate(dialects.most_common())
            ]
            other = strings - dialects.total()
            if other:
                written.append(f"otherwise in {other:,}")
            notes.append(f"Dates written {', '.join(written)}.")
        if self._most(shapes["date"], strings):
            schema["format"] = "date"
        elif self._most(shapes["date-time"], strings):
            schema["format"] = "date-time"
        elif self._most(dialects.total(), strings):
            covering = _covering(dialects, dialects.total(), self.threshold)
            schema["pattern"] = dates.pattern(covering)
        elif self._most(shapes["uri"], strings):
            schema["format"] = "uri"
            notes.append(f"Absolute URLs in {shapes['uri']:,} of {_count(strings, noun)}.")
        return notes

    def _enum(self, values: _Values, schema: dict[str, JSONValue]) -> list[str]:
        """Replaces ``type`` by ``enum`` (which implies it): with both, a rare type would be
        reported twice."""
        distinct = values.distinct
        if distinct is None or values.count < MIN_SAMPLE:
            return []
        kept = _covering(distinct, distinct.total(), self.threshold)
        if any(distinct[v] < 2 for v in kept):
            return []
        del schema["type"]
        schema["enum"] = [value for _, value in kept]
        rare = [f"`{v[1]}` ({n:,})" for v, n in distinct.most_common() if v not in kept]
        return [f"Rare values, not allowed: {', '.join(rare)}."] if rare else []

    def _object(self, values: _Values, schema: dict[str, JSONValue], noun: str) -> list[str]:
        """Properties, most common first (ties: first seen), and which are required. With
        enough mappings, a key only one of them has is left out, to be reported: it is more
        often a typo or a broken line than a field."""
        mappings = values.mappings
        order = sorted(values.keys, key=lambda k: -values.present[k])  # stable: first seen
        single = [k for k in order if mappings >= MIN_SAMPLE and values.present[k] == 1]
        properties: dict[str, JSONValue] = {}
        for key in order:
            if key in single:
                continue
            sub = self.build(values.keys[key], noun)
            seen = f"In {values.present[key]:,} of {_count(mappings, noun)}."
            notes = sub.pop("description", "")
            properties[key] = {"description": f"{seen} {notes}".rstrip(), **sub}
        schema["properties"] = properties
        schema["required"] = [k for k in properties if self._most(values.present[k], mappings)]
        schema["additionalProperties"] = False
        if not single:
            return []
        listed = ", ".join(f"`{excerpt(k)}`" for k in single)
        return [f"Keys in only one {noun}, not allowed: {listed}."]

    def _most(self, part: int, whole: int) -> bool:
        return whole > 0 and part >= self.threshold * whole


def _listed_types(schema: dict[str, JSONValue]) -> list[str]:
    """The types a subschema allows: its ``type``, or those of its ``enum``'s values."""
    if "enum" in schema and isinstance(schema["enum"], list):
        return [json_type(v) for v in schema["enum"]]
    kinds = schema["type"]
    return [str(k) for k in kinds] if isinstance(kinds, list) else [str(kinds)]


_DIALECTS = frozenset(d.value for d in Dialect)


def _covering(counts: Counter[_T], total: int, threshold: Fraction) -> list[_T]:
    """The commonest entries (ties in first-seen order) that together cover at least
    ``threshold`` of ``total``; never empty when ``counts`` is not."""
    kept: list[_T] = []
    covered = 0
    for entry, count in counts.most_common():
        if kept and covered >= threshold * total:
            break
        kept.append(entry)
        covered += count
    return kept


def _date_keys(root: _Values, known: Collection[str], threshold: Fraction) -> tuple[DateKey, ...]:
    found = []
    for name in sorted(root.keys, key=lambda k: -root.present[k]):
        values = root.keys[name]
        if name not in known:
            continue
        dialects = Counter({Dialect(k): n for k, n in values.shapes.items() if k in _DIALECTS})
        if dialects and dialects.total() >= threshold * values.count:
            covering = _covering(dialects, dialects.total(), threshold)
            found.append(DateKey(name, tuple((d, dialects[d]) for d in covering)))
    return tuple(found)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def _percent(share: Fraction) -> str:
    return f"{float(share * 100):g}%"
