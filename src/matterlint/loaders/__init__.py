"""Parsers from a front-matter block to a spanned :class:`~matterlint.nodes.Node` tree and data.

Each loader takes the whole decoded text and the offsets of the block's content, and returns a
:class:`Loaded`; none of them raises on any input. What a loader finds wrong with the text
(a syntax error, an unsafe tag, an alias bomb) is a :class:`LoadProblem` with a span, which a
rule turns into a diagnostic.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from matterlint.nodes import JSONValue, Node
from matterlint.source import Span


class ProblemKind(StrEnum):
    UNREADABLE = "unreadable"
    TOO_LARGE = "too-large"
    NOT_TEXT = "not-text"
    SYNTAX = "syntax"
    UNSUPPORTED_TAG = "unsupported-tag"
    ALIAS_LIMIT = "alias-limit"
    NESTING_LIMIT = "nesting-limit"
    COMPLEX_KEY = "complex-key"


@dataclass(frozen=True, slots=True)
class LoadProblem:
    kind: ProblemKind
    message: str
    span: Span


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep hostile input from costing unbounded time or memory.

    ``max_depth`` bounds nesting (real front matter is rarely deeper than 5, and deep data makes
    ``repr``, ``json.dumps`` and jsonschema recurse past Python's limit); ``max_alias_nodes``
    bounds the nodes an alias may repeat (the "billion laughs" bomb repeats 10^9);
    ``max_file_size`` (bytes) skips files no post reaches, such as a video named ``.md``.
    """

    max_depth: int = 64
    max_alias_nodes: int = 10_000
    max_file_size: int = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Loaded:
    """What a loader read: the tree (``None`` when nothing could be read), the plain data with
    dates as written, and the problems found on the way."""

    root: Node | None
    data: JSONValue
    problems: tuple[LoadProblem, ...] = ()
