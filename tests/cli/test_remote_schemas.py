"""Schemas behind `$ref`s and URLs, through the command line; remote ones come from a local
HTTP server in a thread: no test reaches the network."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from matterlint import fetch
from matterlint.cli import cli

POST = "---\ntitle: 3\n---\nText.\n"
STRING_TITLE = {"properties": {"title": {"type": "string"}}}
FAILURE = "post.md:2:8: FM703 `title` should be a string, not an integer\n"
REFUSAL = "is remote; set `allow-remote-schemas = true` in the configuration to fetch it"


@dataclass
class Route:
    body: bytes
    status: int = 200
    content_type: str = "application/json"
    length: bool = True
    location: str | None = None


@dataclass
class Server:
    """Serves ``routes`` by path and counts the requests for each."""

    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    stop: list[ThreadingHTTPServer] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def serve(
        self,
        path: str,
        schema: object,
        *,
        status: int = 200,
        content_type: str = "application/json",
        location: str | None = None,
    ) -> str:
        body = schema if isinstance(schema, bytes) else json.dumps(schema).encode()
        self.routes[path] = Route(body, status, content_type, location=location)
        return self.url(path)

    def shut_down(self) -> None:
        for httpd in self.stop:
            httpd.shutdown()
            httpd.server_close()
        self.stop.clear()


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    for name in ("no_proxy", "NO_PROXY"):  # a proxy in the environment must not be asked
        monkeypatch.setenv(name, "*")
    state: Server | None = None

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            assert state is not None
            state.hits[self.path] += 1
            route = state.routes.get(self.path, Route(b"no such page", 404, "text/plain"))
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if route.location:
                self.send_header("Location", route.location)
            if route.length:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state = Server(f"http://127.0.0.1:{httpd.server_address[1]}", stop=[httpd])
    threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True).start()
    yield state
    state.shut_down()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "post.md").write_text(POST, encoding="utf-8")
    return tmp_path


def configure(project: Path, *, allow: bool, schema: str | None = None) -> None:
    lines = [f"allow-remote-schemas = {'true' if allow else 'false'}"]
    if schema is not None:
        lines += ["[schemas]", f'"*.md" = "{schema}"']
    (project / "matterlint.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli, ["check", "--output-format", "concise", *args], catch_exceptions=False
    )
    return result.exit_code, result.stdout, result.stderr


def entry(project: Path, url: str) -> Path:
    name = hashlib.sha256(url.encode()).hexdigest() + ".json"
    return project / ".matterlint_cache" / "schemas" / name


def age(project: Path, url: str, fetched: float) -> None:
    path = entry(project, url)
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "fetched": fetched}), encoding="utf-8")


def test_remote_schemas_are_refused_by_default(project: Path, server: Server) -> None:
    url = server.serve("/post.json", STRING_TITLE)
    configure(project, allow=False, schema=url)
    assert check("post.md") == (2, "", f"Error: schema `{url}` {REFUSAL}\n")
    assert check("--isolated", "--schema", url, "post.md") == (
        2,
        "",
        f"Error: schema `{url}` {REFUSAL}\n",
    )
    assert server.hits == Counter()


def test_fetched_once_then_served_from_the_cache(project: Path, server: Server) -> None:
    url = server.serve("/post.json", STRING_TITLE)
    configure(project, allow=True, schema=url)
    assert check("post.md") == (1, FAILURE, "")
    assert server.hits == Counter({"/post.json": 1})
    stored = json.loads(entry(project, url).read_text(encoding="utf-8"))
    assert (stored["url"], json.loads(stored["text"])) == (url, STRING_TITLE)
    server.shut_down()
    assert check("--no-cache", "post.md") == (1, FAILURE, "")
    assert (project / ".matterlint_cache" / ".gitignore").is_file()
    CliRunner().invoke(cli, ["clean"], catch_exceptions=False)
    assert not (project / ".matterlint_cache").exists()


def test_a_stale_copy_is_used_with_a_warning_when_the_server_is_down(
    project: Path, server: Server
) -> None:
    url = server.serve("/post.json", STRING_TITLE)
    configure(project, allow=True, schema=url)
    assert check("post.md") == (1, FAILURE, "")
    age(project, url, 1_000_000_000)
    server.shut_down()
    assert check("post.md") == (
        1,
        FAILURE,
        f"warning: cannot fetch schema {url}: [Errno 111] Connection refused; "
        "using the copy fetched at 2001-09-09 01:46 UTC\n",
    )


def test_a_stale_copy_is_refetched_and_the_result_cache_follows_the_new_text(
    project: Path, server: Server
) -> None:
    url = server.serve("/post.json", STRING_TITLE)
    configure(project, allow=True, schema=url)
    assert check("post.md") == (1, FAILURE, "")
    age(project, url, 1_000_000_000)
    server.serve("/post.json", {"properties": {"title": {"type": ["string", "integer"]}}})
    assert check("post.md") == (0, "", "")
    assert server.hits == Counter({"/post.json": 2})
    assert check("post.md") == (0, "", "")
    assert server.hits == Counter({"/post.json": 2})


def test_a_bad_refetch_keeps_the_stale_copy(project: Path, server: Server) -> None:
    url = server.serve("/post.json", STRING_TITLE)
    configure(project, allow=True, schema=url)
    check("post.md")
    age(project, url, 1_000_000_000)
    server.serve("/post.json", b"<html>maintenance</html>", content_type="text/html")
    code, out, err = check("post.md")
    assert (code, out) == (1, FAILURE)
    assert err == (
        f"warning: cannot parse schema {url}: Expecting value: line 1 column 1 (char 0); "
        "using the copy fetched at 2001-09-09 01:46 UTC\n"
    )


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(b"", 404, "text/plain"), "cannot fetch schema {url}: HTTP 404 Not Found"),
        (
            Route(b"{", 200),
            "cannot parse schema {url}: Expecting property name enclosed in "
            "double quotes: line 1 column 2 (char 1)",
        ),
        (Route(b"[1]", 200), "schema {url} is not a JSON object"),
        (
            Route(b"{}" + b" " * 200, 200),
            "cannot fetch schema {url}: larger than the 100-byte limit",
        ),
        (
            Route(b"{}" + b" " * 200, 200, length=False),
            "cannot fetch schema {url}: larger than the 100-byte limit",
        ),
        (
            Route(b"", 302, location="ftp://127.0.0.1/post.json"),
            "cannot fetch schema {url}: HTTP 302 redirect to ftp://127.0.0.1/post.json refused",
        ),
        (
            Route(b"\xff\xfe", 200, "application/json; charset=utf-8"),
            "cannot fetch schema {url}: the body is not utf-8 text",
        ),
    ],
)
def test_a_schema_that_cannot_be_fetched_stops_the_run(
    project: Path, server: Server, monkeypatch: pytest.MonkeyPatch, route: Route, reason: str
) -> None:
    monkeypatch.setattr(fetch, "MAX_BYTES", 100)
    server.routes["/post.json"] = route
    url = server.url("/post.json")
    configure(project, allow=True, schema=url)
    assert check("post.md") == (2, "", f"Error: {reason.format(url=url)}\n")
    assert not entry(project, url).exists()


def test_redirects_within_http_are_followed(project: Path, server: Server) -> None:
    target = server.serve("/v2/post.json", STRING_TITLE)
    url = server.serve("/post.json", b"", status=301, location=target)
    configure(project, allow=True, schema=url)
    assert check("post.md") == (1, FAILURE, "")
    assert server.hits == Counter({"/post.json": 1, "/v2/post.json": 1})


def test_yaml_by_content_type(project: Path, server: Server) -> None:
    url = server.serve(
        "/post", b"properties:\n  title: {type: string}\n", content_type="application/yaml"
    )
    configure(project, allow=True, schema=url)
    assert check("post.md") == (1, FAILURE, "")


def test_remote_refs_in_a_local_schema(project: Path, server: Server) -> None:
    defs = server.serve("/defs/title.json", {"$defs": {"title": {"$ref": "string.json"}}})
    server.serve("/defs/string.json", {"type": "string"})
    local = project / "schema.json"
    local.write_text(
        json.dumps({"properties": {"title": {"$ref": f"{defs}#/$defs/title"}}}), encoding="utf-8"
    )
    configure(project, allow=False, schema="schema.json")
    assert check("post.md") == (
        2,
        "",
        f"Error: {local}: cannot resolve $ref `{defs}#/$defs/title`: schema `{defs}` {REFUSAL}\n",
    )
    configure(project, allow=True, schema="schema.json")
    assert check("post.md") == (1, FAILURE, "")
    assert server.hits == Counter({"/defs/title.json": 1, "/defs/string.json": 1})


def test_a_remote_ref_that_fails_names_the_schema_and_the_ref(
    project: Path, server: Server
) -> None:
    missing = server.url("/missing.json")
    local = project / "schema.json"
    local.write_text(json.dumps({"$ref": missing}), encoding="utf-8")
    configure(project, allow=True, schema="schema.json")
    assert check("post.md") == (
        2,
        "",
        f"Error: {local}: cannot resolve $ref `{missing}`: cannot fetch schema {missing}: "
        "HTTP 404 Not Found\n",
    )


def test_schema_option_with_a_url(project: Path, server: Server) -> None:
    url = server.serve("/post.json", STRING_TITLE)
    configure(project, allow=True)
    assert check("--schema", url, "post.md") == (1, FAILURE, "")
    assert check("--show-schema", "--schema", url, "post.md") == (
        0,
        f"post.md: {url} ({url}), given with --schema\n",
        "",
    )


def test_schema_key_with_a_url(project: Path, server: Server) -> None:
    url = server.serve("/post.json", STRING_TITLE)
    missing = server.url("/missing.json")
    (project / "post.md").write_text(f"---\n$schema: {url}\ntitle: 3\n---\n", encoding="utf-8")
    (project / "other.md").write_text(f"---\n$schema: {missing}\n---\n", encoding="utf-8")
    configure(project, allow=False)
    assert check("post.md") == (
        1,
        f"post.md:2:10: FM708 cannot use schema `{url}`: remote schemas are fetched only "
        "with `allow-remote-schemas = true`\n",
        "",
    )
    configure(project, allow=True)
    assert check("post.md", "other.md") == (
        1,
        f"other.md:2:10: FM708 cannot use schema `{missing}`: cannot fetch it: HTTP 404 Not "
        "Found\n"
        "post.md:3:8: FM703 `title` should be a string, not an integer\n",
        "",
    )


def test_the_setting_is_a_boolean(project: Path) -> None:
    (project / "matterlint.toml").write_text('allow-remote-schemas = "yes"\n', encoding="utf-8")
    assert check("post.md") == (
        2,
        "",
        f"Error: {project / 'matterlint.toml'}: `allow-remote-schemas` must be true or false\n",
    )


def test_a_broken_local_ref_stops_the_run_before_linting(project: Path) -> None:
    (project / "defs.json").write_text('{"$defs": {}}', encoding="utf-8")
    local = project / "schema.json"
    local.write_text('{"$ref": "defs.json#/$defs/slug"}', encoding="utf-8")
    configure(project, allow=False, schema="schema.json")
    assert check("post.md") == (
        2,
        "",
        f"Error: {local}: cannot resolve $ref `defs.json#/$defs/slug`: {project}/defs.json has "
        "nothing at `/$defs/slug`\n",
    )


def test_a_schema_linted_against_and_referenced_is_fetched_once(
    project: Path, server: Server
) -> None:
    url = server.serve("/post.json", STRING_TITLE)
    (project / "local.json").write_text(json.dumps({"$ref": url}), encoding="utf-8")
    configure(project, allow=True, schema=url)
    assert check("--schema", "local.json", "post.md") == (1, FAILURE, "")
    assert server.hits == Counter({"/post.json": 1})
    age(project, url, 1_000_000_000)
    server.shut_down()
    code, out, err = check("--schema", "local.json", "post.md")
    assert (code, out, err.count("warning: ")) == (1, FAILURE, 1)
