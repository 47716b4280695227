from __future__ import annotations

import re

import pytest

from matterlint.dates import DateError, Dialect, dialect_of, parse


@pytest.mark.parametrize(
    ("written", "dialect", "canonical"),
    [
        ("2020-10-01", Dialect.ISO_DATE, "2020-10-01"),
        ("2020-10-01T14:38:05", Dialect.ISO_DATETIME, "2020-10-01T14:38:05"),
        ("2020-10-01T14:38:05.25Z", Dialect.ISO_DATETIME, "2020-10-01T14:38:05.25Z"),
        ("2019-03-18 13:00:00 -0500", Dialect.SPACE_DATETIME, "2019-03-18T13:00:00-05:00"),
        ("2020-10-01-14-38-05", Dialect.JIGSAW, "2020-10-01T14:38:05"),
        ("2019-09-05 9:00:00", None, "2019-09-05T09:00:00"),
        ("2016-06-13 10:00:00 -4", None, "2016-06-13T10:00:00-04:00"),
        ("2023-2-07", None, "2023-02-07"),
    ],
)
def test_dialects_and_canonical_form(written: str, dialect: Dialect | None, canonical: str) -> None:
    assert dialect_of(written) == dialect
    assert parse(written).render(Dialect.ISO_DATETIME) == canonical


def test_render_in_each_dialect() -> None:
    moment = parse("2019-03-18 13:00:00 -0500")
    assert moment.render(Dialect.SPACE_DATETIME) == "2019-03-18 13:00:00 -05:00"
    assert moment.render(Dialect.JIGSAW) == "2019-03-18-13-00-00"
    assert moment.render(Dialect.ISO_DATE) == "2019-03-18T13:00:00-05:00"


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("2020-02-30", "day is out of range for month"),
        ("2020-13-01", "month must be in 1..12"),
        ("2020-10-01 25:00:00", "hour must be in 0..23"),
        ("2023-01-29 18:30:22 2023 -0800", "unrecognised format"),
        ("next tuesday", "unrecognised format"),
        ("2020-10-01 10:00:00 +2500", "time zone offset +2500 is out of range"),
    ],
)
def test_invalid_dates(written: str, reason: str) -> None:
    with pytest.raises(DateError, match=re.escape(reason)):
        parse(written)
