"""Reading the date dialects real posts use, and writing one canonical form.

Generators accept far more than ISO 8601: Jekyll's ``2019-03-18 13:00:00 -0500``, Hugo's
unpadded ``2019-09-05 9:00:00``, 18F's short offset ``-4``, Jigsaw's ``2020-10-01-14-38-05``
(HAZARDS.md, "Dates"). :func:`parse` reads all of them leniently so that a site can name the
dialects it accepts and have every other spelling normalised to its canonical one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache


class Dialect(StrEnum):
    ISO_DATE = "iso-date"
    ISO_DATETIME = "iso-datetime"
    SPACE_DATETIME = "space-datetime"
    JIGSAW = "jigsaw"


EXAMPLES = {
    Dialect.ISO_DATE: "2020-10-01",
    Dialect.ISO_DATETIME: "2020-10-01T14:38:05, 2020-10-01T14:38:05+02:00",
    Dialect.SPACE_DATETIME: "2020-10-01 14:38:05, 2020-10-01 14:38:05 +0200",
    Dialect.JIGSAW: "2020-10-01-14-38-05",
}

_DATE = r"\d{4}-\d{2}-\d{2}"
_TIME = r"\d{2}:\d{2}:\d{2}(?:\.\d+)?"
_STRICT = {
    Dialect.ISO_DATE: re.compile(rf"{_DATE}"),
    Dialect.ISO_DATETIME: re.compile(rf"{_DATE}T{_TIME}(?:Z|[+-]\d{{2}}:\d{{2}})?"),
    Dialect.SPACE_DATETIME: re.compile(rf"{_DATE} {_TIME}(?: ?(?:Z|[+-]\d{{2}}:?\d{{2}}))?"),
    Dialect.JIGSAW: re.compile(r"\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}"),
}

_LENIENT = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:"
    r"-(?P<jh>\d{1,2})-(?P<jm>\d{2})-(?P<js>\d{2})"
    r"|(?:[Tt]|[ \t]+)(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?P<f>\.\d+)?)?"
    r"(?:[ \t]*(?P<tz>[Zz]|(?P<sign>[+-])(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?))?"
    r")?"
)


@dataclass(frozen=True, slots=True)
class Moment:
    """A date or date-time as written, reduced to its parts. ``offset`` is ``"Z"``, ``±HH:MM``
    or ``None``; ``fraction`` keeps the author's digits (``.5`` stays ``.5``)."""

    day: date
    time: tuple[int, int, int] | None
    fraction: str
    offset: str | None

    def render(self, dialect: Dialect) -> str:
        """The moment in a dialect; a date without a time stays a date, in ISO form."""
        day = self.day.isoformat()
        if self.time is None:
            return day
        hour, minute, second = self.time
        if dialect is Dialect.JIGSAW:
            return f"{day}-{hour:02d}-{minute:02d}-{second:02d}"
        clock = f"{hour:02d}:{minute:02d}:{second:02d}{self.fraction}"
        offset = self.offset or ""
        if dialect is Dialect.SPACE_DATETIME:
            return f"{day} {clock}" + (f" {offset}" if offset else "")
        return f"{day}T{clock}{offset}"


class DateError(ValueError):
    """The text is not a date any generator reads, or names a day that does not exist."""


@lru_cache(maxsize=1024)
def parse(text: str) -> Moment:
    """Read a date leniently; raises :class:`DateError` with a plain reason. Cached: two rules
    and the fixer read each date of a post."""
    match = _LENIENT.fullmatch(text.strip())
    if match is None:
        raise DateError("unrecognised format")
    g = match.groupdict()
    try:
        day = date(int(g["y"]), int(g["mo"]), int(g["d"]))
    except ValueError as error:
        raise DateError(str(error)) from None
    hour = g["h"] or g["jh"]
    if hour is None:
        return Moment(day, None, "", None)
    minute = int(g["mi"] or g["jm"])
    second = int(g["s"] or g["js"] or 0)
    try:
        datetime(day.year, day.month, day.day, int(hour), minute, second)
    except ValueError as error:
        raise DateError(str(error)) from None
    return Moment(day, (int(hour), minute, second), g["f"] or "", _offset(g))


def _offset(groups: dict[str, str | None]) -> str | None:
    if groups["tz"] is None:
        return None
    if groups["sign"] is None:
        return "Z"
    hours, minutes = int(groups["oh"] or 0), int(groups["om"] or 0)
    if hours > 14 or minutes > 59:
        raise DateError(f"time zone offset {groups['tz']} is out of range")
    return f"{groups['sign']}{hours:02d}:{minutes:02d}"


def pattern(dialects: Iterable[Dialect]) -> str:
    """A JSON Schema ``pattern`` (anchored; ECMA-262 and Python alike) matching exactly the
    strict spellings of these dialects: ``format`` cannot, since RFC 3339 rejects the others."""
    return "^(?:" + "|".join(_STRICT[d].pattern for d in dialects) + ")$"


def dialect_of(text: str) -> Dialect | None:
    """The strict dialect a text is written in, if any."""
    for dialect, pattern in _STRICT.items():
        if pattern.fullmatch(text):
            return dialect
    return None
