"""Remote schemas: fetched over http(s) only when the configuration allows it
(``allow-remote-schemas = true``), then kept under ``.matterlint_cache/schemas/``.

A stored copy is used for ``FRESH_SECONDS`` (24 hours) without asking the server; after that it
is fetched again, and if that fails (no answer, an error status, a body that does not parse) the
old copy is used with a warning on stderr, so a flaky server does not break a CI job. With no
copy at all, a failure is a :class:`SchemaError` naming the URL and the reason. Only a body that
parses is stored. Entries are JSON written to a temporary file and renamed, so concurrent runs
never read half an entry; ``matterlint clean`` removes them with the result cache.

``urllib.request`` is imported only when something is fetched: it costs a one-file run start-up
time that a run using no remote schema must not pay.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

import matterlint
from matterlint.cache_folder import DIRECTORY, ignore_in_git, replace_file
from matterlint.errors import SchemaError

if TYPE_CHECKING:
    from urllib.request import OpenerDirector

FOLDER = "schemas"
FRESH_SECONDS = 24 * 3600
TIMEOUT_SECONDS = 10
MAX_BYTES = 5 * 1024 * 1024
SCHEMES = ("http", "https")

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Download:
    """A schema's text as a server sent it; ``content_type`` has no parameters (``charset``)."""

    url: str
    text: str
    content_type: str
    fetched: float


class RemoteSchemas:
    """Fetches schemas for one project and keeps them in its cache folder."""

    def __init__(self, root: Path) -> None:
        self._cache = root / DIRECTORY
        self._folder = self._cache / FOLDER

    def get(self, url: str, parse: Callable[[Download], _T]) -> _T:
        """``parse`` of the schema at ``url``: the stored copy while fresh, else a new download,
        else (with a warning) the stale copy. ``parse`` raises :class:`SchemaError` for a body
        that is no schema; such a body is never stored. Raises :class:`SchemaError` when there
        is nothing to use."""
        stored = self._read(url)
        parsed: _T | None = None
        if stored is not None:
            with contextlib.suppress(SchemaError):
                parsed = parse(stored)
        now = time.time()
        if stored is not None and parsed is not None and 0 <= now - stored.fetched < FRESH_SECONDS:
            return parsed
        try:
            download = _download(url, now)
            fresh = parse(download)
        except SchemaError as error:
            if stored is None or parsed is None:
                raise
            when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(stored.fetched))
            sys.stderr.write(f"warning: {error}; using the copy fetched at {when}\n")
            return parsed
        self._write(download)
        return fresh

    def _entry(self, url: str) -> Path:
        return self._folder / (hashlib.sha256(url.encode()).hexdigest() + ".json")

    def _read(self, url: str) -> Download | None:
        """The stored copy, or ``None`` if there is none or it is unreadable or not this URL's."""
        try:
            data = json.loads(self._entry(url).read_bytes())
            download = Download(
                data["url"], data["text"], data["content_type"], float(data["fetched"])
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None
        fields = (download.url, download.text, download.content_type)
        if download.url != url or not all(isinstance(f, str) for f in fields):
            return None
        return download

    def _write(self, download: Download) -> None:
        """Store a download; a cache that cannot be written is no reason to fail a run."""
        data = json.dumps(
            {
                "url": download.url,
                "fetched": download.fetched,
                "content_type": download.content_type,
                "text": download.text,
            }
        ).encode()
        with contextlib.suppress(OSError):
            self._folder.mkdir(parents=True, exist_ok=True)
            ignore_in_git(self._cache)
            replace_file(str(self._folder), str(self._entry(download.url)), data)


def _download(url: str, now: float) -> Download:
    """GET ``url``, following redirects only to http(s), within ``TIMEOUT_SECONDS`` per read
    and ``MAX_BYTES``; raises :class:`SchemaError` saying why it failed."""
    import http.client
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"matterlint/{matterlint.__version__}",
            "Accept": "application/schema+json, application/json, application/yaml;q=0.9, "
            "*/*;q=0.5",
        },
    )
    try:
        with _opener().open(request, timeout=TIMEOUT_SECONDS) as response:
            length = response.headers.get("Content-Length", "")
            too_large = _failure(url, f"larger than the {MAX_BYTES:,}-byte limit")
            if length.isdigit() and int(length) > MAX_BYTES:
                raise too_large
            body = response.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise too_large
            charset = response.headers.get_content_charset() or "utf-8"
            content_type = response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        error.close()
        raise _failure(url, f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise _failure(url, str(error.reason)) from None
    except TimeoutError:
        raise _failure(url, f"no answer within {TIMEOUT_SECONDS} seconds") from None
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise _failure(url, str(error) or type(error).__name__) from None
    try:
        text = body.decode(charset)
    except (LookupError, UnicodeDecodeError):
        raise _failure(url, f"the body is not {charset} text") from None
    return Download(url, text, content_type, now)


def _failure(url: str, why: str) -> SchemaError:
    return SchemaError(f"cannot fetch schema {url}: {why}", reason=f"cannot fetch it: {why}")


def _opener() -> OpenerDirector:
    import urllib.error
    import urllib.request
    from http.client import HTTPMessage
    from typing import IO

    class HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
        """urllib follows redirects to ``ftp:`` too; a schema URL stays on http(s)."""

        def redirect_request(
            self,
            req: urllib.request.Request,
            fp: IO[bytes],
            code: int,
            msg: str,
            headers: HTTPMessage,
            newurl: str,
        ) -> urllib.request.Request | None:
            if urlsplit(newurl).scheme not in SCHEMES:
                raise urllib.error.HTTPError(
                    newurl, code, f"redirect to {newurl} refused", headers, fp
                )
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(HttpOnlyRedirects)
