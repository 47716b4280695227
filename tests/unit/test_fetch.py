"""The remote schema cache, with downloads replaced: freshness, damaged entries, failures."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import pytest

from matterlint import fetch
from matterlint.errors import SchemaError
from matterlint.fetch import Download, RemoteSchemas

URL = "https://schemas.example/post.json"


def text(download: Download) -> str:
    if not download.text.startswith("{"):
        raise SchemaError(f"cannot parse schema {download.url}: not JSON")
    return download.text


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the next downloads answer, in order; each answer is used once."""
    answers: list[str] = []

    def download(url: str, now: float) -> Download:
        answer = answers.pop(0)
        if answer == "down":
            raise SchemaError(f"cannot fetch schema {url}: down")
        return Download(url, answer, "application/json", now)

    monkeypatch.setattr(fetch, "_download", download)
    return answers


def entry(root: Path) -> Path:
    return (
        root
        / ".matterlint_cache"
        / "schemas"
        / (hashlib.sha256(URL.encode()).hexdigest() + ".json")
    )


def test_a_fresh_copy_is_used_without_a_download(tmp_path: Path, served: list[str]) -> None:
    served.append('{"v": 1}')
    assert RemoteSchemas(tmp_path).get(URL, text) == '{"v": 1}'
    assert RemoteSchemas(tmp_path).get(URL, text) == '{"v": 1}'
    assert served == []
    stored = json.loads(entry(tmp_path).read_text(encoding="utf-8"))
    assert stored["url"] == URL
    assert time.time() - stored["fetched"] < 60


@pytest.mark.parametrize(
    "damage",
    [
        "not json",
        json.dumps(
            {"url": "https://other.example/", "fetched": 0, "content_type": "", "text": "{}"}
        ),
        json.dumps({"url": URL, "fetched": 4e9, "content_type": "", "text": '{"v": 0}'}),
        json.dumps({"url": URL, "fetched": time.time(), "content_type": "", "text": "<html>"}),
        json.dumps({"url": URL, "content_type": "", "text": '{"v": 0}'}),
    ],
)
def test_a_damaged_foreign_or_future_entry_is_downloaded_again(
    tmp_path: Path, served: list[str], damage: str
) -> None:
    entry(tmp_path).parent.mkdir(parents=True)
    entry(tmp_path).write_text(damage, encoding="utf-8")
    served.append('{"v": 2}')
    assert RemoteSchemas(tmp_path).get(URL, text) == '{"v": 2}'
    assert json.loads(entry(tmp_path).read_text(encoding="utf-8"))["text"] == '{"v": 2}'


def test_an_unusable_copy_is_no_fallback(tmp_path: Path, served: list[str]) -> None:
    entry(tmp_path).parent.mkdir(parents=True)
    entry(tmp_path).write_text(
        json.dumps({"url": URL, "fetched": 0, "content_type": "", "text": "<html>"}),
        encoding="utf-8",
    )
    served.append("down")
    with pytest.raises(SchemaError, match=f"^cannot fetch schema {URL}: down$"):
        RemoteSchemas(tmp_path).get(URL, text)


def test_a_cache_that_cannot_be_written_does_not_fail_the_run(
    tmp_path: Path, served: list[str]
) -> None:
    (tmp_path / ".matterlint_cache").write_text("a file, not a folder", encoding="utf-8")
    served.extend(['{"v": 1}', '{"v": 2}'])
    assert RemoteSchemas(tmp_path).get(URL, text) == '{"v": 1}'
    assert RemoteSchemas(tmp_path).get(URL, text) == '{"v": 2}'
