"""Runs the checks on each file and decides what is reported.

The engine owns the two error boundaries of a run: a rule that raises, and the schema step that
raises, each become an internal-error diagnostic for that file while every other rule and file
is still checked. Reading and decoding happen eagerly inside the engine, so a bad file is a
diagnostic, never an exception escaping from a generator consumed later.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pathspec

from matterlint import document, schema_errors, suppressions
from matterlint.config import Settings
from matterlint.diagnostics import Applicability, Diagnostic
from matterlint.discovery import Target
from matterlint.document import Document
from matterlint.errors import SchemaError
from matterlint.loaders import ProblemKind
from matterlint.nodes import NodeKind
from matterlint.results import FileResult
from matterlint.rules import BY_CODE, REGISTRY, internal_error, schema_not_found
from matterlint.rules.base import Claim, Origin, RuleEntry
from matterlint.schemas import Choice, CompiledSchema, SchemaStore, Source
from matterlint.source import READ_FLAGS, read_all

if TYPE_CHECKING:
    from matterlint.fetch import RemoteSchemas

_SHOWN_LINES = 3


class Linter:
    """Lints documents under one :class:`Settings`; build it once per run.

    Building it loads and compiles the configured schemas, so a broken schema raises
    :class:`~matterlint.errors.SchemaError` before any file is linted.
    """

    def __init__(self, settings: Settings, schema_option: str | None = None) -> None:
        self.settings = settings
        self.schema_option = schema_option
        self._store = SchemaStore(_remote_schemas(settings))
        self._checks: tuple[RuleEntry, ...] = tuple(
            entry
            for entry in REGISTRY
            if entry.check is not None and entry.rule.code in settings.enabled
        )
        self._collectors = tuple(
            entry
            for entry in REGISTRY
            if entry.collect is not None and entry.rule.code in settings.enabled
        )
        self.project_codes = frozenset(entry.rule.code for entry in self._collectors)
        where = settings.config_path or "the configuration"
        self._schema_globs = tuple(
            (pathspec.GitIgnoreSpec.from_lines([pattern]), ref, f"pattern `{pattern}` in {where}")
            for pattern, ref in settings.schemas
        )
        self._moves_fixes = bool(
            settings.unfixable or settings.safe_fixes or settings.unsafe_fix_codes
        )
        self._ignore_globs = tuple(
            (pathspec.GitIgnoreSpec.from_lines([pattern]), codes)
            for pattern, codes in settings.per_file_ignores
        )
        # A run never changes directory: paths are made relative with these two, once each.
        self._cwd_prefix = os.path.join(os.getcwd(), "")
        self._root_prefix = os.path.join(settings.root, "")
        if schema_option is not None:
            self._store.named(schema_option, Path.cwd())
        for _, ref in settings.schemas:
            self._store.named(ref, settings.root)

    def lint(self, target: Target) -> FileResult:
        """Read, parse and check one file; never raises."""
        _, doc = self.read(target)
        return self.check(doc, target.location)

    def read(self, target: Target) -> tuple[bytes | None, Document]:
        """A file's bytes (``None`` if not read) and its document; never raises."""
        raw = self.read_bytes(target)
        if isinstance(raw, Document):
            return None, raw
        return raw, document.parse(target.display, raw, self.settings.limits)

    def read_bytes(self, target: Target) -> bytes | Document:
        """A file's bytes, or the document saying why it was not read; never raises, never
        hangs: a FIFO named ``post.md`` is opened without blocking and, like every file that
        is not a regular one, not read.

        One ``open``, ``fstat`` and ``read`` on a descriptor: a ``stat`` by name and then a
        file object cost 16 to 19 µs a post against 11 to 14 (timeit, 1,000 corpus posts)."""
        limit = self.settings.limits.max_file_size
        try:
            descriptor = os.open(target.location, READ_FLAGS)
        except OSError as error:
            return document.unreadable(target.display, _describe_unopened(target, error))
        try:
            info = os.fstat(descriptor)
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(target.location)
            if not stat.S_ISREG(info.st_mode):
                return document.unreadable(target.display, _NOT_REGULAR)
            if info.st_size > limit:
                message = (
                    f"file not linted: {info.st_size:,} bytes, over the {limit:,}-byte limit "
                    "(`max-file-size`)"
                )
                return document.unreadable(target.display, message, ProblemKind.TOO_LARGE)
            return read_all(descriptor, info.st_size)
        except OSError as error:
            return document.unreadable(target.display, _describe(error))
        finally:
            os.close(descriptor)

    def failed(self, target: Target, message: str) -> FileResult:
        """The result of a file that could not be checked for a reason outside it (its worker
        process died): FM901, through the same decisions as any diagnostic."""
        doc = document.unreadable(target.display, message)
        diagnostic = internal_error.RULE.diagnostic(
            doc,
            doc.lines.span(0, 0),
            message,
            suggestion="Check this file alone to see whether it is the one that stops "
            "matterlint, and please report it",
        )
        return FileResult(doc.path, self._decide(doc, target.location, [diagnostic]), {}, {})

    def check(self, doc: Document, path: str | Path) -> FileResult:
        """Check a parsed document as if it were at ``path`` (a string spares a run of
        10,000 files making as many :class:`Path` objects)."""
        diagnostics: list[Diagnostic] = []
        options = self.settings.options
        for entry in self._checks:
            try:
                diagnostics.extend(entry.check(doc, options))  # type: ignore[misc]
            except Exception as error:  # boundary 1: a rule's bug is reported, the run goes on
                where = f"{entry.rule.code} ({entry.rule.name})"
                diagnostics.append(_internal(doc, where, error))
        subjects: dict[tuple[object, ...], tuple[str, ...]] = {}
        for entry in self._collectors:
            try:
                for claim in entry.collect(doc, options):  # type: ignore[misc]
                    diagnostics.append(claim.diagnostic)
                    subjects[_claim_key(claim.diagnostic)] = claim.subject
            except Exception as error:  # boundary 1 again, for what a file claims
                where = f"{entry.rule.code} ({entry.rule.name})"
                diagnostics.append(_internal(doc, where, error))
        try:
            diagnostics.extend(self._validate(doc, path))
        except Exception as error:  # boundary 2: so is a failure of the schema step
            diagnostics.append(_internal(doc, "schema validation", error))
        decided = self._decide(doc, path, diagnostics)
        lines = _shown_lines(doc, decided)
        if subjects:
            # Claims went through the same decisions as diagnostics; what survived is claimed.
            claims = tuple(
                Claim(d, subjects[_claim_key(d)]) for d in decided if d.code in self.project_codes
            )
            decided = tuple(d for d in decided if d.code not in self.project_codes)
            return FileResult(doc.path, decided, lines, _positions(doc, decided), claims)
        return FileResult(doc.path, decided, lines, _positions(doc, decided))

    def choose_schema(self, doc: Document, path: str | Path) -> Choice | None:
        """The schema for a file and why: ``--schema``, then ``$schema``, then the first
        configured pattern that matches."""
        if self.schema_option is not None:
            return Choice(self.schema_option, Source.OPTION, "given with --schema")
        if isinstance(doc.data, dict) and isinstance(doc.data.get("$schema"), str):
            node = doc.root.get("$schema") if doc.root is not None else None
            line = f" at line {node.span.line}" if node is not None else ""
            return Choice(str(doc.data["$schema"]), Source.DOCUMENT, f"named by `$schema`{line}")
        relative = self._relative(path)
        if relative is None:
            return None
        for spec, ref, reason in self._schema_globs:
            if spec.match_file(relative):
                return Choice(ref, Source.CONFIG, reason)
        return None

    def schema_for(self, choice: Choice, path: str | Path) -> CompiledSchema:
        """The compiled schema a choice names; raises :class:`SchemaError`."""
        if choice.source is Source.OPTION:
            return self._store.named(choice.ref, Path.cwd())
        if choice.source is Source.CONFIG:
            return self._store.named(choice.ref, self.settings.root)
        if choice.ref.startswith("/"):
            return self._store.named(choice.ref.lstrip("/"), self.settings.root)
        return self._store.named(choice.ref, Path(path).absolute().parent)

    def _validate(self, doc: Document, path: str | Path) -> Iterator[Diagnostic]:
        if (
            doc.root is not None
            and doc.root.kind is NodeKind.MAPPING
            and isinstance(doc.data, dict)
        ):
            instance = doc.data
        elif doc.root is None and not doc.problems and doc.block and doc.block.closing:
            instance = {}  # an empty block: the schema's required keys are all missing
        else:
            return
        choice = self.choose_schema(doc, path)
        if choice is None:
            return
        try:
            compiled = self.schema_for(choice, path)
        except SchemaError as error:
            node = doc.root.get("$schema") if doc.root is not None else None
            if node is None:
                raise
            message = f"cannot use schema `{choice.ref}`: {error.reason}"
            yield schema_not_found.RULE.diagnostic(
                doc, node.span, message, suggestion=error.hint, key_path=("$schema",)
            )
            return
        data = instance
        if "$schema" in data:  # a copy only then: most posts do not name their schema
            data = {k: v for k, v in instance.items() if k != "$schema"}
        yield from schema_errors.translate(doc, compiled.failures(data))

    def _relative(self, path: str | Path) -> str | None:
        """``path`` relative to the root in POSIX form, ``None`` outside it. Lexical, as
        :meth:`Path.relative_to`, but on strings: ``pathlib`` cost 5% of a run here."""
        text = os.fspath(path)
        if not os.path.isabs(text):
            text = self._cwd_prefix + text  # os.path.join, without its checks, once a file
        prefix = self._root_prefix
        if not text.startswith(prefix):
            return None
        relative = text[len(prefix) :]
        return relative.replace(os.sep, "/") if os.sep != "/" else relative

    def _reclassify(self, diagnostic: Diagnostic) -> Diagnostic:
        """Configuration may move a rule's fixes between safe and unsafe, or make them
        display-only; a display-only fix is never promoted."""
        fix = diagnostic.fix
        if fix is None:
            return diagnostic
        settings = self.settings
        applicability = fix.applicability
        if diagnostic.code in settings.unfixable:
            applicability = Applicability.DISPLAY_ONLY
        elif diagnostic.code in settings.safe_fixes and applicability is Applicability.UNSAFE:
            applicability = Applicability.SAFE
        elif diagnostic.code in settings.unsafe_fix_codes and applicability is Applicability.SAFE:
            applicability = Applicability.UNSAFE
        if applicability is fix.applicability:
            return diagnostic
        return dataclasses.replace(
            diagnostic, fix=dataclasses.replace(fix, applicability=applicability)
        )

    def _decide(
        self, doc: Document, path: str | Path, diagnostics: list[Diagnostic]
    ) -> tuple[Diagnostic, ...]:
        """The one decision step: selection, per-file ignores, severities, one diagnostic per
        defect, fingerprints, order."""
        enabled = self.settings.enabled
        if self._ignore_globs:
            relative = self._relative(path) or doc.path
            for spec, codes in self._ignore_globs:
                if spec.match_file(relative):
                    enabled = enabled - codes
        kept = [d for d in diagnostics if d.code in enabled or d.code == internal_error.RULE.code]
        severities = self.settings.severities
        if severities:
            kept = [
                dataclasses.replace(d, severity=severities[d.code]) if d.code in severities else d
                for d in kept
            ]
        if self._moves_fixes:
            kept = [self._reclassify(d) for d in kept]
        kept = _supersede(kept)
        kept = suppressions.apply(doc, kept, enabled)
        unique = {(d.code, d.span.start, d.span.end, d.message): d for d in kept}
        return tuple(sorted(unique.values(), key=Diagnostic.sort_key))


def _supersede(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop a schema diagnostic when a rule reports the same value better; the rule's
    diagnostic then carries the more severe of the two severities."""
    claims: dict[tuple[object, ...], list[int]] = {}
    for index, diagnostic in enumerate(diagnostics):
        rule = BY_CODE[diagnostic.code].rule
        if rule.origin is Origin.CHECK:
            for keyword in rule.supersedes:
                claims.setdefault((diagnostic.key_path, keyword), []).append(index)
    if not claims:
        return diagnostics
    result = list(diagnostics)
    dropped: set[int] = set()
    for index, diagnostic in enumerate(diagnostics):
        if diagnostic.keyword is None:
            continue
        owners = claims.get((diagnostic.key_path, diagnostic.keyword))
        if not owners:
            continue
        dropped.add(index)
        for owner in owners:
            if result[owner].severity < diagnostic.severity:
                result[owner] = dataclasses.replace(result[owner], severity=diagnostic.severity)
    return [d for i, d in enumerate(result) if i not in dropped]


def _claim_key(diagnostic: Diagnostic) -> tuple[object, ...]:
    """A claim's identity through the decision step, which may replace its diagnostic (a
    configured severity) but never moves it."""
    return (diagnostic.code, diagnostic.span.start, diagnostic.span.end, diagnostic.key_path)


def _remote_schemas(settings: Settings) -> RemoteSchemas | None:
    """What fetches remote schemas into the project's cache, if the configuration allows it."""
    if not settings.allow_remote_schemas:
        return None
    from matterlint.fetch import RemoteSchemas

    return RemoteSchemas(settings.root)


def _internal(doc: Document, where: str, error: Exception) -> Diagnostic:
    message = f"internal error in {where}: {type(error).__name__}: {error}"
    return internal_error.RULE.diagnostic(
        doc,
        doc.lines.span(0, 0),
        message,
        suggestion="This is a bug in matterlint; please report it with the file that triggers it",
    )


_NOT_REGULAR = "cannot read the file: it is not a regular file (a pipe, socket or device)"


def _describe_unopened(target: Target, error: OSError) -> str:
    """Why a file could not be opened, by what it is: a socket cannot be opened at all, and
    Windows refuses to open a directory (with a permission error)."""
    try:
        info = os.stat(target.location)
    except OSError:
        return _describe(error)
    if stat.S_ISDIR(info.st_mode):
        return _describe(IsADirectoryError(target.location))
    if not stat.S_ISREG(info.st_mode):
        return _NOT_REGULAR
    return _describe(error)


def _describe(error: OSError) -> str:
    if isinstance(error, IsADirectoryError):
        reason = "it is a directory"
    elif isinstance(error, FileNotFoundError):
        reason = "no such file (or a broken symbolic link)"
    else:
        reason = error.strerror or type(error).__name__
        reason = reason[:1].lower() + reason[1:]
    return f"cannot read the file: {reason}"


def _shown_lines(doc: Document, diagnostics: Iterable[Diagnostic]) -> dict[int, str]:
    lines: dict[int, str] = {}
    for diagnostic in diagnostics:
        last = min(diagnostic.span.end_line, diagnostic.span.line + _SHOWN_LINES - 1)
        for number in range(diagnostic.span.line, last + 1):
            if number not in lines and doc.text:
                lines[number] = doc.lines.line_text(number)
    return lines


def _positions(doc: Document, diagnostics: Iterable[Diagnostic]) -> dict[int, tuple[int, int]]:
    positions: dict[int, tuple[int, int]] = {}
    for diagnostic in diagnostics:
        if diagnostic.fix is None:
            continue
        for edit in diagnostic.fix.edits:
            for offset in (edit.start, edit.end):
                if offset not in positions:
                    positions[offset] = doc.lines.position(offset)
    return positions
