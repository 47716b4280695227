from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from matterlint import progress


@pytest.fixture
def bars(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """Every bar drawn, as the steps it advanced by, at a terminal outside CI."""
    drawn: list[list[int]] = []

    @contextmanager
    def fake(description: str, total: int | None) -> Iterator[Callable[[int], None]]:
        steps: list[int] = []
        drawn.append(steps)
        yield steps.append

    monkeypatch.setattr(progress, "_bar", fake)
    monkeypatch.setattr(progress, "wanted", lambda count, environ, tty: count >= progress.THRESHOLD)
    return drawn


def test_a_stream_of_few_files_draws_no_bar(bars: list[list[int]]) -> None:
    assert list(progress.track(range(progress.THRESHOLD - 1), "Linting")) == list(
        range(progress.THRESHOLD - 1)
    )
    assert bars == []


def test_a_long_stream_draws_a_bar_once_it_is_long(bars: list[list[int]]) -> None:
    count = progress.THRESHOLD + 5
    assert list(progress.track(range(count), "Linting")) == list(range(count))
    assert bars == [[progress.THRESHOLD, 1, 1, 1, 1, 1]]


def test_a_known_total_decides_at_once(bars: list[list[int]]) -> None:
    assert list(progress.track(range(3), "Fixing", progress.THRESHOLD)) == [0, 1, 2]
    assert bars == [[1, 1, 1]]
