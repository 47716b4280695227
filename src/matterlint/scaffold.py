"""What ``matterlint schema infer`` and ``matterlint init`` do besides parsing options: read the
posts into a :class:`~matterlint.infer.Learner`, and write the starting configuration, the posts'
glob mapped to the inferred schema, dates configured the way the posts already write them, and
commented settings a user will want to edit.

The configuration is built as text by a pure function, so that tests read exactly what a user
gets; it always loads with :func:`matterlint.config.load_settings` (the CLI tests load it).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from matterlint.config import Settings
from matterlint.dates import Dialect
from matterlint.discovery import discover
from matterlint.engine import Linter
from matterlint.infer import Inference, Learner
from matterlint.nodes import NodeKind
from matterlint.options import DateOptions

CONFIG_NAME = "matterlint.toml"
DEFAULT_SCHEMA_FILE = "schemas/posts.schema.json"
_GLOB_SPECIAL = re.compile(r"([\\*?\[])")


@dataclass(slots=True)
class Reading:
    """The posts read so far, and the files skipped: those without front matter, and those
    whose front matter could not be used (unreadable, unparsable, empty, not a mapping)."""

    learner: Learner = field(default_factory=Learner)
    directories: set[str] = field(default_factory=set)
    extensions: set[str] = field(default_factory=set)
    without: int = 0
    unusable: int = 0

    def skipped(self) -> str:
        """What was skipped, for stderr; empty when nothing was."""
        parts = []
        if self.without:
            parts.append(f"{self.without:,} without front matter")
        if self.unusable:
            parts.append(
                f"{self.unusable:,} whose front matter is unreadable, empty or not a mapping"
            )
        return (
            f"skipped {_plural(self.without + self.unusable, 'file')}: " + ", ".join(parts)
            if parts
            else ""
        )


def read_posts(paths: Sequence[str], settings: Settings) -> Reading:
    """Every post under ``paths`` (as ``check`` finds them), learned; never raises on a bad
    file, which is only counted."""
    linter = Linter(replace(settings, schemas=()))  # to read posts, not to validate them
    reading = Reading()
    for target in discover(paths, settings, force_exclude=False):
        _, doc = linter.read(target)
        root = doc.root
        if root is not None and root.kind is NodeKind.MAPPING and isinstance(doc.data, dict):
            reading.learner.add(doc.data)
            absolute = os.path.abspath(target.location)
            reading.directories.add(os.path.dirname(absolute))
            reading.extensions.add(os.path.splitext(absolute)[1].lower())
        elif doc.block is None and doc.readable:
            reading.without += 1
        else:
            reading.unusable += 1
    return reading


def schema_text(inference: Inference) -> str:
    """The schema as a file: JSON, 2-space indent, text unescaped, a final newline."""
    return json.dumps(inference.schema, indent=2, ensure_ascii=False) + "\n"


def post_patterns(directories: Iterable[str], extensions: Iterable[str], root: str) -> list[str]:
    """Globs (gitignore syntax, relative to ``root``) covering the posts: their common
    directory and everything under it, or, when that is ``root`` itself, files with the
    posts' extensions. ``directories`` are absolute and lie under ``root``."""
    common = os.path.commonpath(list(directories))
    relative = os.path.relpath(common, root)
    if relative == os.curdir:
        return [f"*{_escape(extension)}" for extension in sorted(set(extensions))]
    return [_escape(relative.replace(os.sep, "/")) + "/**"]


def _escape(text: str) -> str:
    escaped = _GLOB_SPECIAL.sub(r"\\\1", text)
    return "\\" + escaped if escaped.startswith(("!", "#")) else escaped


def config_text(
    inference: Inference, patterns: Sequence[str], schema_ref: str, sources: Sequence[str]
) -> str:
    """The configuration file, ending with a newline."""
    lines = [
        f"# matterlint configuration, written by `matterlint init` from "
        f"{inference.posts:,} posts under {', '.join(sources)}.",
        "# Every setting is checked when matterlint starts; see the README, Configuration.",
        "",
        '# extend-select = ["FM8"]           # checks across posts (duplicate titles, ...): opt-in',
        '# ignore = ["relative-url"]         # e.g. when root-relative image paths are on purpose',
        '# extend-exclude = ["drafts/"]',
        "# unsafe-fixes = false",
        "",
        "# The schema each post is checked against (the first matching glob wins). It was",
        "# inferred from the posts: a draft to edit. `matterlint check --show-schema` shows it.",
        "[schemas]",
        *(f"{_string(pattern)} = {_string(schema_ref)}" for pattern in patterns),
        "",
        *_dates(inference),
        "",
        "# [severity]",
        '# trailing-whitespace = "error"',
    ]
    return "\n".join(lines) + "\n"


def _dates(inference: Inference) -> list[str]:
    """``[dates]`` as the posts write them; commented defaults when they hold no dates."""
    counts: Counter[Dialect] = Counter()
    for key in inference.date_keys:
        for dialect, count in key.dialects:
            counts[dialect] += count
    defaults = DateOptions()
    if not counts:
        return [
            "# No date field was found in the posts; the defaults:",
            "# [dates]",
            f"# keys = {_strings(defaults.keys)}",
            f"# accept = {_strings(d.value for d in defaults.accept)}",
            f'# canonical = "{defaults.canonical.value}"',
        ]
    dialects = [dialect for dialect, _ in counts.most_common()]
    seen = ", ".join(f"{d.value} in {n:,}" for d, n in counts.most_common())
    lines = [
        f"# How the posts write dates: {seen}. Another spelling is reported",
        "# (FM402), and `matterlint check --fix` rewrites it in the canonical dialect.",
        "[dates]",
        f"accept = {_strings(d.value for d in dialects)}",
        f'canonical = "{dialects[0].value}"',
    ]
    extra = [key.name for key in inference.date_keys if not defaults.is_date_key(key.name)]
    keys = f"keys = {_strings([*defaults.keys, *extra])}"
    lines.append(keys if extra else f"# {keys}")
    return lines


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def _string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's too."""
    return json.dumps(text)


def _strings(texts: Iterable[str]) -> str:
    return "[" + ", ".join(_string(text) for text in texts) + "]"
