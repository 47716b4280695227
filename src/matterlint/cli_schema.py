"""The commands that write schemas and configurations: ``matterlint schema infer`` and
``matterlint init``. Kept apart from ``cli.py``, which holds the linting commands; they share
its handling of :class:`~matterlint.errors.MatterlintError` (one message, exit code 2)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from matterlint import __version__
from matterlint.errors import MatterlintError

if TYPE_CHECKING:
    from matterlint.config import Settings
    from matterlint.infer import Inference
    from matterlint.scaffold import Reading


_THRESHOLD = click.FloatRange(0, 1, min_open=True)
_THRESHOLD_HELP = (
    "Share of the posts that makes a key required, and of the values that the allowed types, "
    "formats and enumerated values must cover; the rest are reported as outliers."
)


@click.group()
def schema() -> None:
    """Work with the JSON Schemas posts are checked against."""


@schema.command(name="infer")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the schema to this file instead of standard output.",
)
@click.option("--threshold", type=_THRESHOLD, default=0.95, show_default=True, help=_THRESHOLD_HELP)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this configuration file (extensions, excludes) instead of searching for one.",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
def infer_schema(
    paths: tuple[str, ...],
    output: Path | None,
    threshold: float,
    config_path: Path | None,
    isolated: bool,
) -> None:
    """Write a draft JSON Schema (2020-12) learned from the front matter of the posts under
    PATHS (default: `.`): keys, required ones, types, formats, date dialects, enumerations."""
    from matterlint.config import settings_for
    from matterlint.scaffold import schema_text

    settings = settings_for(config_path, isolated)
    sources = paths or (".",)
    inference = _infer(sources, settings, threshold)[0]
    text = schema_text(inference)
    if output is None:
        click.echo(text, nl=False)
        return
    _write(output, text)
    click.echo(f"Wrote {output}: {_summary(inference)}", err=True)


def _infer(
    sources: Sequence[str], settings: Settings, threshold: float
) -> tuple[Inference, Reading]:
    """Learn from the posts, say on stderr what was skipped, and fail (exit 2) when there was
    no post to learn from."""
    from fractions import Fraction

    from matterlint.scaffold import read_posts

    reading = read_posts(sources, settings)
    skipped = reading.skipped()
    if reading.learner.posts == 0:
        where = ", ".join(sources)
        raise MatterlintError(
            f"no post with front matter found under {where}" + (f" ({skipped})" if skipped else "")
        )
    if skipped:
        click.echo(f"warning: {skipped}", err=True)
    share = Fraction(str(threshold))  # exact: 19 of 20 posts is 95%, not a hair under
    return reading.learner.infer(list(sources), __version__, share), reading


def _summary(inference: Inference) -> str:
    keys, posts = inference.keys, inference.posts
    return (
        f"{keys:,} key{'' if keys == 1 else 's'} ({inference.required:,} required) learned "
        f"from {posts:,} post{'' if posts == 1 else 's'}"
    )


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise MatterlintError(f"cannot write {path}: {error.strerror or error}") from None


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--schema-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default="schemas/posts.schema.json",
    show_default=True,
    help="Where to write the inferred schema.",
)
@click.option("--threshold", type=_THRESHOLD, default=0.95, show_default=True, help=_THRESHOLD_HELP)
@click.option("--force", is_flag=True, help="Overwrite an existing matterlint.toml or schema file.")
def init(paths: tuple[str, ...], schema_file: Path, threshold: float, force: bool) -> None:
    """Start a configuration for the posts under PATHS (default: `.`): infer their schema, write
    it, and write matterlint.toml, in the current directory, checking the posts against it."""
    import os

    from matterlint.config import Settings
    from matterlint.scaffold import CONFIG_NAME, config_text, post_patterns, schema_text

    cwd = Path.cwd()
    _refuse_to_replace(cwd, schema_file, force)
    sources = paths or (".",)
    inference, reading = _infer(sources, Settings(root=cwd), threshold)
    root = str(cwd)
    if any(os.path.commonpath([d, root]) != root for d in reading.directories):
        raise MatterlintError(
            f"the posts must lie under the current directory, where {CONFIG_NAME} is written"
        )
    config = cwd / CONFIG_NAME
    patterns = post_patterns(reading.directories, reading.extensions, root)
    absolute = schema_file if schema_file.is_absolute() else cwd / schema_file
    reference = os.path.relpath(absolute, root).replace(os.sep, "/")
    _write(absolute, schema_text(inference))
    click.echo(f"Wrote {reference}: {_summary(inference)}", err=True)
    _write(config, config_text(inference, patterns, reference, sources))
    click.echo(
        f"Wrote {CONFIG_NAME}: {', '.join(patterns)} → {reference}; "
        "run `matterlint check` to see the posts that do not fit",
        err=True,
    )


def _refuse_to_replace(cwd: Path, schema_file: Path, force: bool) -> None:
    """``init`` replaces a configuration or schema only with ``--force``, and never writes a
    configuration that another file in the same directory would override."""
    from matterlint.config import find_config
    from matterlint.scaffold import CONFIG_NAME

    existing = find_config(cwd)
    if existing is not None and existing.parent == cwd:
        if existing.name.startswith("."):
            raise MatterlintError(
                f"{existing.name} exists and would take precedence over {CONFIG_NAME}"
            )
        if not force:
            what = "has a [tool.matterlint] table" if existing.name != CONFIG_NAME else "exists"
            raise MatterlintError(f"{existing.name} {what}; use --force to replace it")
    if schema_file.exists() and not force:
        raise MatterlintError(f"{schema_file} exists; use --force to overwrite it")
