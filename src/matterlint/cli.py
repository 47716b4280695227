"""The command line: click commands that map options to settings, run the engine and a
reporter, and exit with :func:`exit_code`. Heavy modules are imported inside the commands so
that ``matterlint --help`` and a one-file pre-commit run start fast."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from matterlint import __version__
from matterlint.cli_schema import init, schema

if TYPE_CHECKING:
    from matterlint.baseline import Baseline
    from matterlint.cache import ResultCache
    from matterlint.discovery import Target
    from matterlint.engine import Linter
    from matterlint.results import RunResult, Tally

FORMATS = ("full", "concise", "grouped", "json", "json-lines", "github", "gitlab", "sarif", "junit")


def exit_code(tally: Tally, *, strict: bool, exit_zero: bool) -> int:
    """0 clean, 1 problems (warnings only with ``strict``), 2 when matterlint itself failed.

    An internal error exits 2 even with ``exit_zero``: a run that crashed on a file did not
    check it, and a CI job must not pass on that.
    """
    from matterlint.diagnostics import Severity

    severities = {severity for severity, count in tally.severities.items() if count}
    if Severity.FATAL in severities:
        return 2
    if exit_zero:
        return 0
    if Severity.ERROR in severities or (strict and Severity.WARNING in severities):
        return 1
    return 0


def _split(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


class _Failure(click.ClickException):
    """A configuration or schema problem: shown once on stderr, exit code 2."""

    exit_code = 2

    def format_message(self) -> str:
        return self.message


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        from matterlint.errors import MatterlintError

        try:
            return super().invoke(ctx)
        except MatterlintError as error:
            raise _Failure(str(error)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="matterlint")
def cli() -> None:
    """A fast, trustworthy linter for the front matter of Markdown posts."""


cli.add_command(schema)
cli.add_command(init)


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What ``matterlint check`` was asked to do, as click parsed it."""

    paths: tuple[str, ...]
    config_path: Path | None
    isolated: bool
    schema: str | None
    select: tuple[str, ...]
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    output_format: str
    exit_zero: bool
    strict: bool
    force_exclude: bool
    show_schema: bool
    fix: bool
    unsafe_fixes: bool | None
    diff: bool
    stdin_filename: str | None
    output_file: Path | None
    no_cache: bool
    jobs: int | None
    statistics: bool
    baseline: Path | None
    write_baseline: Path | None


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this configuration file instead of searching for one.",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option(
    "--schema",
    metavar="NAME|PATH|URL",
    help="Validate every file against this schema (a built-in name, a file, or a URL when "
    "`allow-remote-schemas` is set).",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Check only these rules (codes, prefixes like FM2, names, or ALL); comma-separated.",
)
@click.option(
    "--extend-select",
    multiple=True,
    metavar="RULES",
    help="Check these rules in addition to the selected ones.",
)
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not check these rules.")
@click.option(
    "--output-format",
    type=click.Choice(FORMATS),
    default="full",
    show_default=True,
    help="How to print the problems.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply excludes to files named on the command line too (for pre-commit).",
)
@click.option(
    "--show-schema",
    is_flag=True,
    help="Print which schema applies to each file, and why, then exit.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Apply safe fixes (and unsafe ones with --unsafe-fixes), then report what remains.",
)
@click.option(
    "--unsafe-fixes/--no-unsafe-fixes",
    default=None,
    help="Also apply fixes that may change data (or not, overriding the configuration).",
)
@click.option("--diff", is_flag=True, help="Print the diff --fix would apply, and write nothing.")
@click.option(
    "--output-file",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the report to this file instead of standard output (for CI artifacts).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes for large runs (default: the number of CPUs).",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print how many problems each rule found, instead of the problems.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Ignore the problems recorded in this file (see --write-baseline); fail only on new ones.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Record the current problems in this file, then exit 0.",
)
@click.option(
    "--stdin-filename",
    metavar="PATH",
    help="The path of the text read from `-` (for configuration, schemas and the report).",
)
def check(**values: object) -> None:
    """Lint the front matter of PATHS: files, directories, globs (default: `.`); `-` reads
    standard input."""
    options = CheckOptions(**values)  # type: ignore[arg-type]
    sys.exit(_check(options))


def _check(options: CheckOptions) -> int:
    from matterlint.config import Overrides, settings_for
    from matterlint.discovery import discover
    from matterlint.engine import Linter
    from matterlint.progress import track
    from matterlint.project import compare
    from matterlint.results import RunResult
    from matterlint.runner import default_jobs, lint_all, workers_for

    overrides = Overrides(
        select=_split(options.select) or None,
        extend_select=_split(options.extend_select),
        ignore=_split(options.ignore),
        unsafe_fixes=options.unsafe_fixes,
    )
    settings = settings_for(options.config_path, options.isolated, overrides)
    known = None
    if options.baseline:
        from matterlint import baseline

        known = baseline.read(options.baseline)
    linter = Linter(settings, options.schema)
    if options.paths == ("-",):
        return _check_stdin(linter, options, known)
    paths = options.paths or (".",)
    if options.show_schema or options.fix or options.diff:
        targets = list(discover(paths, settings, force_exclude=options.force_exclude))
        if options.show_schema:
            _show_schemas(linter, targets)
            return 0
        return _fix_files(linter, targets, options, known)
    cache = None if options.no_cache else _cache(linter)
    with workers_for(linter, cache, options.jobs or default_jobs(), paths) as workers:
        found = discover(paths, settings, force_exclude=options.force_exclude)
        results = track(lint_all(linter, cache, found, workers), "Linting")
        results = compare(results, linter.project_codes, settings.options)
        run = RunResult(results, settings.unsafe_fixes)
        code = _finish(run, options, known, sys.stdout)
    if run.tally.files == 0:
        # A passing run that checked nothing must not look like a clean tree.
        click.echo(
            "warning: no files found under the given paths (extensions "
            f"{', '.join(settings.extensions)}; `exclude` and `.gitignore` apply to what a "
            "directory holds)",
            err=True,
        )
    return code


def _cache(linter: Linter) -> ResultCache:
    from matterlint.cache import ResultCache, settings_key
    from matterlint.schemas import SOURCES

    key = settings_key([linter.settings, linter.schema_option], SOURCES)
    cache = ResultCache(linter.settings.root, key)
    cache.prune()
    return cache


def _fix_files(
    linter: Linter, targets: Sequence[Target], options: CheckOptions, known: Baseline | None
) -> int:
    """``--fix`` writes each fixed file and reports what remains; ``--diff`` prints the
    changes and writes nothing. Either way, a changed file makes the exit code 1, so that a
    pre-commit hook stops the commit and shows the change."""
    from matterlint.fixes import repair, save
    from matterlint.progress import track
    from matterlint.project import compare
    from matterlint.results import FileResult, RunResult

    fixed = changed = 0

    def outcomes() -> Iterator[FileResult]:
        nonlocal fixed, changed
        for target in track(targets, "Fixing", len(targets)):
            raw, doc = linter.read(target)
            outcome = repair(linter, target.display, target.path, raw, doc)
            if outcome.diff and options.diff:
                sys.stdout.write(outcome.diff)
            elif outcome.diff and raw is not None:
                outcome = save(target.path, outcome, raw, doc)
            if outcome.fixed:
                fixed += outcome.fixed
                changed += 1
            yield outcome.result if options.fix else outcome.before

    if options.diff:
        for _ in outcomes():
            pass
        if fixed:
            click.echo(
                f"Would fix {_plural(fixed, 'problem')} in {_plural(changed, 'file')}", err=True
            )
        return 1 if changed else 0
    results = compare(outcomes(), linter.project_codes, linter.settings.options)
    code = _finish(RunResult(results, linter.settings.unsafe_fixes), options, known, sys.stdout)
    if fixed:
        click.echo(f"Fixed {_plural(fixed, 'problem')} in {_plural(changed, 'file')}", err=True)
    return code if code == 2 or not changed else max(code, 1)


def _check_stdin(linter: Linter, options: CheckOptions, known: Baseline | None) -> int:
    """Lint (and fix) standard input as if it were at ``--stdin-filename``. With ``--fix``,
    the fixed text goes to stdout and the report to stderr, as editors expect."""
    from matterlint import document
    from matterlint.discovery import excluded
    from matterlint.fixes import repair
    from matterlint.project import compare
    from matterlint.results import RunResult

    name = options.stdin_filename or "-"
    path = Path(name)
    raw = sys.stdin.buffer.read()
    if options.force_exclude and options.stdin_filename and excluded(path, linter.settings):
        if options.fix:
            sys.stdout.buffer.write(raw)
        return 0
    doc = document.parse(path.as_posix(), raw, linter.settings.limits)
    unsafe = linter.settings.unsafe_fixes
    if not (options.fix or options.diff):
        results = compare((linter.check(doc, path),), linter.project_codes, linter.settings.options)
        return _finish(RunResult(tuple(results), unsafe), options, known, sys.stdout)
    outcome = repair(linter, doc.path, path, raw, doc)
    if options.diff:
        sys.stdout.write(outcome.diff)
        return 1 if outcome.diff else 0
    sys.stdout.buffer.write(outcome.data if outcome.data is not None else raw)
    sys.stdout.flush()
    results = compare((outcome.result,), linter.project_codes, linter.settings.options)
    code = _finish(RunResult(tuple(results), unsafe), options, known, sys.stderr)
    return code if code == 2 or not outcome.fixed else max(code, 1)


def _finish(
    result: RunResult,
    options: CheckOptions,
    known: Baseline | None,
    stream: TextIO,
) -> int:
    """Record or apply the baseline, print the report, and compute the exit code."""
    from matterlint.reporters import reporter as make_reporter
    from matterlint.reporters.statistics import StatisticsReporter

    if options.write_baseline is not None:
        from matterlint import baseline

        count = baseline.write(options.write_baseline, result)
        click.echo(f"Recorded {_plural(count, 'problem')} in {options.write_baseline}", err=True)
        return 0
    if known is not None:
        result = known.filter(result)
    reporter = StatisticsReporter() if options.statistics else make_reporter(options.output_format)
    if options.output_file is not None:
        # A file name that is not UTF-8 is written back as its own bytes, as `ls` shows it.
        with options.output_file.open(
            "w", encoding="utf-8", errors="surrogateescape", newline=""
        ) as output:
            reporter.report(result, output)
    else:
        reporter.report(result, stream)
    return exit_code(result.tally, strict=options.strict, exit_zero=options.exit_zero)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _show_schemas(linter: Linter, targets: Sequence[Target]) -> None:
    from matterlint.errors import SchemaError

    for target in targets:
        _, doc = linter.read(target)
        choice = linter.choose_schema(doc, target.path)
        if choice is None:
            click.echo(f"{target.display}: no schema applies")
            continue
        try:
            location = linter.schema_for(choice, target.path).location
        except SchemaError as error:
            location = f"unusable: {error}"
        click.echo(f"{target.display}: {choice.ref} ({location}), {choice.detail}")


@cli.command()
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The configuration whose project to clean.",
)
def clean(config_path: Path | None) -> None:
    """Remove the result cache (.matterlint_cache) of the project."""
    import shutil

    from matterlint.cache_folder import DIRECTORY
    from matterlint.config import settings_for

    settings = settings_for(config_path, isolated=False)
    directory = settings.root / DIRECTORY
    if directory.is_dir():
        shutil.rmtree(directory)
        click.echo(f"Removed {directory}", err=True)


@cli.command(name="rules")
def list_rules() -> None:
    """List every rule: code, name, default severity, fix, summary (opt-in rules say so)."""
    from matterlint.rules import REGISTRY

    for entry in REGISTRY:
        rule = entry.rule
        fix = {"never": "", "sometimes": "fix sometimes", "always": "fix"}[rule.fixable.value]
        summary = f"{rule.summary} (opt-in)" if rule.opt_in else rule.summary
        click.echo(f"{rule.code}  {rule.name:<33} {rule.severity.value:<8} {fix:<14} {summary}")


@cli.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Explain a rule, by code (FM501) or name (duplicate-list-item)."""
    from matterlint.rules import lookup

    entry = lookup(rule)
    if entry is None:
        raise click.UsageError(f"unknown rule `{rule}`; `matterlint rules` lists them")
    meta = entry.rule
    opt_in = "; opt-in: off unless selected" if meta.opt_in else ""
    click.echo(
        f"{meta.code} {meta.name} ({meta.severity.value}; fix: {meta.fixable.value}{opt_in})"
    )
    if meta.options:
        click.echo(f"Configured in: [{meta.options}]")
    click.echo()
    click.echo(entry.doc.split("\n", 1)[1].strip() if "\n" in entry.doc else entry.doc)


def main(argv: Sequence[str] | None = None) -> int:
    """The console script; returns the exit code instead of raising ``SystemExit``."""
    for stream in (sys.stdout, sys.stderr):
        # File names that are not UTF-8 reach the report as lone surrogates: write them back
        # as the bytes they were, instead of failing on them.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="surrogateescape")
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="matterlint")
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 0
    return 0
