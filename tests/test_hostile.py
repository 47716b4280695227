"""Whatever it is given, matterlint answers with coded diagnostics and goes on: one folder
holds a file per hazard of issue 6 (made here where git cannot store them) and a good post,
and the run reports each hazard at its place and still lints the good post."""

from __future__ import annotations

import os
import socket
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from matterlint.cli import cli
from support import lint, report

BOMB = "\n".join(
    ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
)

HAZARDS: dict[str, tuple[bytes, list[str]]] = {
    "bom.md": (b"\xef\xbb\xbf---\ntitle: x\n---\n", []),
    "crlf-mixed.md": (b"---\r\ntitle: x\ndate: 2020-10-01\r\n---\r\nbody\n", []),
    "no-closing.md": (
        b"---\ntitle: x\n\nbody\n",
        ["1:1: FM011 front matter opened by `---` is never closed"],
    ),
    "thematic-break.md": (
        b"---\n\nJust prose here.\n\n---\n",
        ["3:1: FM013 the front matter is a single value, not a mapping of keys to values"],
    ),
    "empty.md": (b"---\n---\n", ["2:1: FM012 the front matter is empty"]),
    "comment-only.md": (b"---\n# nothing\n---\n", ["3:1: FM012 the front matter is empty"]),
    "list.md": (
        b"---\n- a\n- b\n---\n",
        ["2:1: FM013 the front matter is a list, not a mapping of keys to values"],
    ),
    "scalar.md": (
        b"---\njust-a-word\n---\n",
        ["2:1: FM013 the front matter is a single value, not a mapping of keys to values"],
    ),
    "tabs.md": (
        b"---\ntags:\n\t- a\n---\n",
        [
            "3:1: FM015 YAML: found character that cannot start any token (a tab; YAML indents with spaces)"
        ],
    ),
    "unbalanced-quote.md": (
        b'---\ntitle: "open\n---\n',
        ["3:1: FM015 YAML: found unexpected end of stream"],
    ),
    "deep.md": (
        b"---\na: " + b"[" * 5000 + b"]" * 5000 + b"\n---\n",
        ["2:68: FM307 YAML nesting deeper than 64 levels"],
    ),
    "bomb.md": (
        f"---\n{BOMB}\n---\n".encode(),
        ["6:5: FM306 aliases expand to more than 10,000 values"],
    ),
    "unsafe-tag.md": (
        b'---\nx: !!python/object/apply:os.system ["touch pwned"]\n---\n',
        ["2:4: FM305 tag `!!python/object/apply:os.system` is not supported"],
    ),
    "merge-keys.md": (b"---\nbase: &b {a: 1}\npost:\n  <<: *b\n  c: 2\n---\n", []),
    "non-string-keys.md": (
        b"---\non: 1\n? [a, b]\n: 2\n---\n",
        [
            "2:1: FM102 key `on` is read as a boolean by YAML 1.1 loaders",
            "3:3: FM103 a key must be a plain value, not a list or mapping",
        ],
    ),
    "long-line.md": (b"---\ntitle: " + b"x" * 200_000 + b"\n---\n", []),
    "big-front-matter.md": (
        b"---\n" + b"".join(b"k%d: v\n" % i for i in range(20_000)) + b"---\n",
        [],
    ),
    "invalid-utf8.md": (b"---\ntitle: caf\xe9\n---\n", ["2:11: FM002 not valid UTF-8 (byte 0xe9)"]),
    "nul.md": (b"---\ntitle: a\x00b\n---\n", ["2:9: FM002 binary file (it contains NUL bytes)"]),
    "binary.md": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        ["3:1: FM002 binary file (it contains NUL bytes)"],
    ),
    "toml-error.md": (b'+++\ntitle = "x\n+++\n', ["2:11: FM015 TOML: Illegal character '\\n'"]),
    "json-error.md": (
        b'{\n  "title": "x",\n}\n',
        ["3:1: FM015 JSON: Expecting property name enclosed in double quotes"],
    ),
    "good.md": (b"---\ntitle: Fine\n---\n", []),
}


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "posts"
    folder.mkdir()
    for name, (raw, _) in HAZARDS.items():
        (folder / name).write_bytes(raw)
    (folder / "a-directory.md").mkdir()
    (folder / "a-directory.md" / "inside.md").write_bytes(b"---\ntitle: inside\n---\n")
    os.symlink(folder / "gone.md", folder / "broken-link.md")
    os.symlink(folder / "loop-b.md", folder / "loop-a.md")
    os.symlink(folder / "loop-a.md", folder / "loop-b.md")
    os.mkfifo(folder / "fifo.md")
    # A socket cannot even be opened (ENXIO): it is reported as what it is, like the FIFO.
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "socket.md"))
    with (folder / "huge.md").open("wb") as huge:
        huge.truncate(11 * 1024 * 1024)  # sparse: costs no disk
    monkeypatch.chdir(tmp_path)
    with server:
        yield folder


def test_every_hazard_is_a_diagnostic_and_the_run_goes_on(hostile: Path) -> None:
    result = CliRunner().invoke(
        cli, ["check", "--isolated", "--output-format", "concise", "posts"], catch_exceptions=False
    )
    expected = [f"posts/{name}:{line}" for name, (_, lines) in HAZARDS.items() for line in lines]
    expected += [
        "posts/broken-link.md:1:1: FM001 cannot read the file: no such file (or a broken symbolic link)",
        "posts/fifo.md:1:1: FM001 cannot read the file: it is not a regular file (a pipe, socket or device)",
        "posts/huge.md:1:1: FM003 file not linted: 11,534,336 bytes, over the 10,485,760-byte limit (`max-file-size`)",
        "posts/loop-a.md:1:1: FM001 cannot read the file: too many levels of symbolic links",
        "posts/loop-b.md:1:1: FM001 cannot read the file: too many levels of symbolic links",
        "posts/socket.md:1:1: FM001 cannot read the file: it is not a regular file (a pipe, socket or device)",
    ]
    assert sorted(result.stdout.splitlines()) == sorted(expected)
    assert result.exit_code == 1


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    post = tmp_path / "secret.md"
    post.write_bytes(b"---\ntitle: x\n---\n")
    if os.geteuid() == 0:  # root reads anything: make the read fail as it would for a user
        real_open = os.open

        def refuse(path: str, flags: int, mode: int = 0o777) -> int:
            if os.path.abspath(path) == str(post):
                raise PermissionError(13, "Permission denied", path)
            return real_open(path, flags, mode)

        monkeypatch.setattr(os, "open", refuse)
    else:
        post.chmod(0)
    result = CliRunner().invoke(
        cli,
        ["check", "--isolated", "--output-format", "concise", str(post)],
        catch_exceptions=False,
    )
    assert (
        result.stdout == f"{post.as_posix()}:1:1: FM001 cannot read the file: permission denied\n"
    )


@pytest.mark.parametrize(
    "text",
    [f"---\n{BOMB}\ncats: *a9\n---\n", "---\na: " + "[" * 100_000 + "]" * 100_000 + "\n---\n"],
    ids=["alias-bomb", "deep-nesting"],
)
def test_time_and_memory_stay_bounded(text: str) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    problems = report(text)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert problems and all(" FM30" in p for p in problems)
    assert elapsed < 5
    assert peak < 200 * 1024 * 1024


def test_a_huge_valid_front_matter_is_linted_in_bounded_time() -> None:
    text = "---\n" + "".join(f"key{i}: [a, b, a]\n" for i in range(5_000)) + "---\n"
    started = time.perf_counter()
    result = lint(text)
    assert len(result.diagnostics) == 5_000
    assert time.perf_counter() - started < 10
