"""A post as the rules see it: its text, where its front-matter block is, and what it holds.

The block is found on the decoded text with our own delimiter scan, never python-frontmatter's
(yaml-pitfalls.md §1): offsets must survive a byte-order mark, leading blank lines, CRLF and
CR-only files, and a missing closing delimiter must be reported, not silently read as body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from matterlint.loaders import Limits, Loaded, LoadProblem, ProblemKind
from matterlint.nodes import JSONValue, Node, NodeIndex, PathPart
from matterlint.source import UTF8_BOM, LineIndex, Span, decode

EMPTY_INDEX = NodeIndex.of(())


class Format(StrEnum):
    YAML = "yaml"
    TOML = "toml"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class Block:
    """Where the front matter is. ``opening`` and ``closing`` cover the delimiter lines' text
    (trailing whitespace included, line break excluded); ``closing`` is ``None`` when the block
    never ends; ``leading`` covers blank lines before the opening delimiter, if any."""

    format: Format
    opening: Span
    closing: Span | None
    content: Span
    leading: Span | None

    @property
    def end(self) -> int:
        """Offset just past the block: the closing delimiter's line break is body."""
        return self.closing.end if self.closing is not None else self.content.end


@dataclass(frozen=True, slots=True)
class Document:
    """One post, decoded and parsed. ``data`` is plain JSON data with dates as written;
    ``nodes`` is every node written in the file with its path, walked once for all rules, and
    ``index`` groups them by what rules look for."""

    path: str
    text: str
    lines: LineIndex
    bom: bool
    block: Block | None
    root: Node | None
    data: JSONValue
    problems: tuple[LoadProblem, ...]
    nodes: tuple[tuple[tuple[PathPart, ...], Node], ...] = ()
    index: NodeIndex = EMPTY_INDEX

    @property
    def readable(self) -> bool:
        """False when the file could not be read as text, so no front matter was looked for."""
        unread = (ProblemKind.UNREADABLE, ProblemKind.TOO_LARGE, ProblemKind.NOT_TEXT)
        return not any(p.kind in unread for p in self.problems)

    def locate(self, path: tuple[PathPart, ...]) -> tuple[Node | None, int]:
        """The deepest node a JSON-Schema path reaches, and how many parts it followed."""
        node = self.root
        if node is None:
            return None, 0
        for depth, part in enumerate(path):
            child = node.get(part)
            if child is None:
                return node, depth
            node = child
        return node, len(path)

    def keys_by_line(self) -> dict[int, tuple[PathPart, ...]]:
        """For each line holding a key, the path of the deepest key on it."""
        lines: dict[int, tuple[PathPart, ...]] = {}
        position = self.lines.position
        for path, node in self.nodes:
            if node.key_span is not None and path:
                line = position(node.key_span.start)[0]  # not `.line`: that resolves the end too
                if line not in lines or len(path) > len(lines[line]):
                    lines[line] = path
        return lines

    def encode(self) -> bytes:
        """The document's bytes: its text in UTF-8, after the byte-order mark it was read with."""
        return (UTF8_BOM if self.bom else b"") + self.text.encode("utf-8")

    def block_end_span(self) -> Span:
        """Where to report something missing from the whole block: its closing delimiter."""
        if self.block is None:
            return self.lines.span(0, 0)
        return self.block.closing or self.block.opening


# Closing delimiters: a line of its own. The multiline form is four times faster; the other
# also knows lines ended by a lone CR.
_YAML_CLOSE = (
    re.compile(r"^(?:---|\.\.\.)[ \t]*(?=\r?$)", re.MULTILINE),
    re.compile(r"(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?=[\r\n]|\Z)"),
)
_TOML_CLOSE = (
    re.compile(r"^\+\+\+[ \t]*(?=\r?$)", re.MULTILINE),
    re.compile(r"(?<=[\r\n])\+\+\+[ \t]*(?=[\r\n]|\Z)"),
)
_LONE_CR = re.compile(r"\r(?!\n)")
_JSON_OPEN = re.compile(r"\{[ \t]*(?:[\"}]|$)")
_BLANK_LINES = re.compile(r"(?:[ \t]*(?:\r\n|\r|\n))+")
_LINE = re.compile(r"[^\r\n]*")
_SPACES = re.compile(r"[ \t]*")


def unreadable(path: str, message: str, kind: ProblemKind = ProblemKind.UNREADABLE) -> Document:
    """A document for a file that was not read: it could not be, or must not be."""
    lines = LineIndex("")
    problem = LoadProblem(kind, message, lines.span(0, 0))
    return Document(path, "", lines, False, None, None, None, (problem,))


def parse(path: str, raw: bytes, limits: Limits) -> Document:
    """Decode and parse a post's bytes; never raises."""
    decoded = decode(raw)
    if decoded.error is not None:
        lines = LineIndex(decoded.text)
        span = lines.span(decoded.error_offset, decoded.error_offset)
        problem = LoadProblem(ProblemKind.NOT_TEXT, decoded.error, span)
        return Document(path, decoded.text, lines, decoded.bom, None, None, None, (problem,))
    return parse_text(path, decoded.text, decoded.bom, limits)


def parse_text(path: str, text: str, bom: bool, limits: Limits) -> Document:
    """Parse decoded text (what a fix produces); never raises."""
    lines = LineIndex(text)
    block = find_block(text, lines)
    loaded = Loaded(None, None)
    if block is not None and block.closing is not None:
        loaded = _load(block, text, lines, limits)
    nodes = tuple(loaded.root.walk()) if loaded.root is not None else ()
    return Document(
        path,
        text,
        lines,
        bom,
        block,
        loaded.root,
        loaded.data,
        loaded.problems,
        nodes,
        NodeIndex.of(nodes),
    )


def find_block(text: str, lines: LineIndex) -> Block | None:
    """Find the front-matter block at the top of a text, after any blank lines."""
    blank = _BLANK_LINES.match(text)
    start = blank.end() if blank else 0
    leading = lines.span(0, start) if start else None
    first = _LINE.match(text, start)
    assert first is not None  # `[^\r\n]*` matches at every position
    line = first.group().rstrip(" \t")
    opening = lines.span(start, first.end())
    after = _skip_break(text, first.end())
    if line == "---":
        return _delimited(Format.YAML, _YAML_CLOSE, text, lines, opening, after, leading)
    if line == "+++":
        return _delimited(Format.TOML, _TOML_CLOSE, text, lines, opening, after, leading)
    if _JSON_OPEN.match(line):
        from matterlint.loaders import json as json_loader  # only JSON posts pay for it

        end = json_loader.find_end(text, start)
        if end is None:
            content = lines.span(start, len(text))
            return Block(Format.JSON, lines.span(start, start + 1), None, content, leading)
        rest = _SPACES.match(text, end)  # the closing line's trailing whitespace is ours
        return Block(
            Format.JSON,
            lines.span(start, start + 1),
            lines.span(end - 1, rest.end() if rest else end),
            lines.span(start, end),
            leading,
        )
    return None


def _delimited(
    fmt: Format,
    closers: tuple[re.Pattern[str], re.Pattern[str]],
    text: str,
    lines: LineIndex,
    opening: Span,
    after: int,
    leading: Span | None,
) -> Block:
    if after == opening.end:  # the file is only the opening delimiter
        return Block(fmt, opening, None, lines.span(after, after), leading)
    closer = closers[1] if "\r" in text and _LONE_CR.search(text) else closers[0]
    close = closer.search(text, after)
    if close is None:
        return Block(fmt, opening, None, lines.span(after, len(text)), leading)
    content = lines.span(after, close.start())
    return Block(fmt, opening, lines.span(close.start(), close.end()), content, leading)


def _skip_break(text: str, offset: int) -> int:
    if text.startswith("\r\n", offset):
        return offset + 2
    if text.startswith(("\n", "\r"), offset):
        return offset + 1
    return offset


def _load(block: Block, text: str, lines: LineIndex, limits: Limits) -> Loaded:
    start, end = block.content.start, block.content.end
    # Loaders are imported on first use: the parent of a run whose results all come from the
    # cache never parses a post, and PyYAML with the YAML loaders cost its start-up 12 ms; a
    # site of YAML posts never imports the TOML and JSON loaders.
    if block.format is Format.YAML:
        from matterlint.loaders import yaml as yaml_loader

        return yaml_loader.load(text, start, end, lines, limits)
    if block.format is Format.TOML:
        from matterlint.loaders import toml as toml_loader

        return toml_loader.load(text, start, end, lines, limits)
    from matterlint.loaders import json as json_loader

    return json_loader.load(text, start, end, lines, limits)
