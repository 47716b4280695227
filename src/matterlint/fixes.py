"""Applying fixes: edit only the bytes that are wrong, check the result, write atomically.

A fix is trusted only after the fixed text has been parsed and checked again: it must still
parse, its body must be byte-identical, its data may differ only at the values the applied
fixes were about, and no new problem may appear. A batch of fixes that fails this is retried
one fix at a time, so one bad fix is refused (and reported) without holding back the others.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeAlias

from matterlint import document
from matterlint.diagnostics import Applicability, Diagnostic, Edit
from matterlint.document import Document
from matterlint.engine import Linter
from matterlint.nodes import JSONValue, PathPart
from matterlint.results import FileResult
from matterlint.rules import BY_CODE, fix_not_applied

MAX_ROUNDS = 10


@dataclass(frozen=True, slots=True)
class FixOutcome:
    """The document after fixing, its remaining diagnostics, and how many fixes of each rule
    were applied. ``doc`` is the original document when nothing could be applied."""

    doc: Document
    result: FileResult
    fixed: Counter[str] = field(default_factory=Counter)


def fix(linter: Linter, doc: Document, path: Path, result: FileResult) -> FixOutcome:
    """Apply the fixes the settings allow, round after round until none is left (bounded).

    A refused fix is tried again once other fixes have changed the text: refused beside a
    problem another fix was removing (trailing whitespace on the line of a key being renamed),
    it passes once that problem is gone, and a second ``--fix`` would otherwise apply it.
    """
    level = Applicability.UNSAFE if linter.settings.unsafe_fixes else Applicability.SAFE
    current, current_result = doc, result
    fixed: Counter[str] = Counter()
    # A refused fix, by rule and key path: the text it was refused on, and why.
    refused: dict[_Key, tuple[str, Diagnostic]] = {}
    for _ in range(MAX_ROUNDS):
        chosen = [
            d
            for d in current_result.diagnostics
            if d.fix is not None
            and d.fix.applicability.rank >= level.rank
            and refused.get(_key(d), (None, None))[0] != current.text
        ]
        if not chosen:
            break
        step = _round(linter, doc, result, current, path, chosen)
        for diagnostic, refusal in step.refusals:
            refused[_key(diagnostic)] = (current.text, refusal)
        if not step.applied:
            if not step.rejected:
                break
            continue
        assert step.result is not None  # fixes were applied, so the new text was checked
        current, current_result = step.doc, step.result
        fixed.update(d.code for d in step.applied)
        for diagnostic in step.applied:
            refused.pop(_key(diagnostic), None)
    standing = {_key(d) for d in current_result.diagnostics if d.fix is not None} & refused.keys()
    if standing:
        refusals = [refusal for key, (_, refusal) in refused.items() if key in standing]
        current_result = _with(_withdrawn(current_result, standing), current, refusals)
    return FixOutcome(current, current_result, fixed)


_Key: TypeAlias = tuple[str, tuple[PathPart, ...]]


def _key(diagnostic: Diagnostic) -> _Key:
    return (diagnostic.code, diagnostic.key_path)


def _withdrawn(result: FileResult, refused: set[_Key]) -> FileResult:
    """A refused fix is no longer offered, though its help stays: the summary of the run that
    refused it would otherwise count it as fixable with ``--fix``, and an editor reading the
    JSON report would be handed the edit that was found unsafe."""
    diagnostics = tuple(
        replace(d, fix=None, hint=d.fix.message) if d.fix is not None and _key(d) in refused else d
        for d in result.diagnostics
    )
    return replace(result, diagnostics=diagnostics)


@dataclass(slots=True)
class _Step:
    """A round's outcome: the new document and its result when fixes were applied, and each
    fix refused alone with the diagnostic that says why."""

    doc: Document
    result: FileResult | None
    applied: list[Diagnostic] = field(default_factory=list)
    rejected: list[Diagnostic] = field(default_factory=list)
    refusals: list[tuple[Diagnostic, Diagnostic]] = field(default_factory=list)


def _round(
    linter: Linter,
    original: Document,
    original_result: FileResult,
    current: Document,
    path: Path,
    chosen: list[Diagnostic],
) -> _Step:
    """Apply a batch; if the result fails verification, try each of its fixes alone on the
    same text, keep those that pass, and apply them together."""
    step = _attempt(linter, original, original_result, current, path, chosen)
    if step.applied or len(chosen) == 1:
        return step
    good: list[Diagnostic] = []
    for diagnostic in step.rejected:
        alone = _attempt(linter, original, original_result, current, path, [diagnostic])
        good.extend(alone.applied)
        step.refusals.extend(alone.refusals)
    together = _attempt(linter, original, original_result, current, path, good)
    if not together.applied and good:  # fixes that pass alone but not together: one per round
        together = _attempt(linter, original, original_result, current, path, good[:1])
    together.rejected = [d for d in step.rejected if d not in good]
    together.refusals = step.refusals
    return together


def _attempt(
    linter: Linter,
    original: Document,
    original_result: FileResult,
    current: Document,
    path: Path,
    chosen: list[Diagnostic],
) -> _Step:
    """Apply fixes to ``current`` and verify: all of them, or none."""
    if not chosen:
        return _Step(current, None)
    text, applied = apply_edits(current.text, chosen, _limit(current))
    doc = document.parse_text(current.path, text, current.bom, linter.settings.limits)
    result = linter.check(doc, path)
    paths = [d.key_path for d in applied]
    problem = _problem(original, original_result, current, doc, result, paths)
    if problem is None:
        return _Step(doc, result, applied)
    step = _Step(current, None, rejected=applied)
    if len(applied) == 1:
        step.refusals.append((applied[0], _refusal(current, applied[0], problem)))
    return step


def _limit(doc: Document) -> int:
    """Edits may only touch the front matter: nothing past the block's end."""
    return doc.block.end if doc.block is not None else 0


def apply_edits(
    text: str, diagnostics: Sequence[Diagnostic], limit: int
) -> tuple[str, list[Diagnostic]]:
    """Apply the fixes that do not overlap, in order of position then rule code.

    A fix whose edits overlap an already accepted one waits for the next round, when it is
    recomputed on the new text; so the outcome never depends on which fix came first in a list.
    """
    taken: list[Edit] = []
    used: list[Diagnostic] = []
    ordered = sorted(
        (d for d in diagnostics if d.fix is not None and d.fix.edits),
        key=lambda d: (min(e.start for e in d.fix.edits) if d.fix else 0, d.code),
    )
    for diagnostic in ordered:
        assert diagnostic.fix is not None
        edits = diagnostic.fix.edits
        if any(e.end > limit for e in edits):
            continue
        if any(_overlap(e, t) for e in edits for t in taken):
            continue
        taken.extend(edits)
        used.append(diagnostic)
    pieces: list[str] = []
    position = 0
    for edit in sorted(taken, key=lambda e: (e.start, e.end)):
        pieces.append(text[position : edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces), used


def _overlap(a: Edit, b: Edit) -> bool:
    if a.start == a.end == b.start == b.end:
        return True  # two insertions at one place: their order would be a guess
    return a.start < b.end and b.start < a.end


def _problem(
    original: Document,
    original_result: FileResult,
    current: Document,
    fixed: Document,
    fixed_result: FileResult,
    intended: Iterable[tuple[PathPart, ...]],
) -> str | None:
    """Why the fixed document cannot be trusted, or ``None``. Its block, body, syntax and
    problems are held to the original; its data to the text the fixes were computed on,
    since the paths they name (list indexes above all) are that text's, not the original's
    once an earlier round removed a list item."""
    if original.block is not None:
        if fixed.block is None or (
            fixed.block.closing is None and original.block.closing is not None
        ):
            return "the front-matter block would no longer be found"
        if fixed.text[fixed.block.end :] != original.text[original.block.end :]:
            return "the body would change"
    if len(fixed.problems) > len(original.problems):
        return "the front matter would no longer parse"
    paths = [p for p in intended if p]
    if current.data is not None and not _same_data(current.data, fixed.data, (), paths):
        return "the data would change beyond what the fix is about"
    before = {(d.code, d.key_path) for d in original_result.diagnostics}
    for diagnostic in fixed_result.diagnostics:
        if (diagnostic.code, diagnostic.key_path) not in before:
            return f"it would cause {diagnostic.code} ({diagnostic.name}): {diagnostic.message}"
    return None


def _same_data(
    old: JSONValue,
    new: JSONValue,
    path: tuple[PathPart, ...],
    intended: list[tuple[PathPart, ...]],
) -> bool:
    """Equal, except at or below an intended path. A mapping may lose only the entries an
    intended path names, and gain at most as many as it lost (a key renamed); a list may lose
    only named items, the others staying, unchanged and in order. So a fix about one entry
    cannot hide the loss of another in the same batch."""
    if any(path[: len(p)] == p for p in intended):
        return True
    named = {p[len(path)] for p in intended if len(p) == len(path) + 1 and p[: len(path)] == path}
    if isinstance(old, dict) and isinstance(new, dict):
        if not old.keys() - named <= new.keys():
            return False
        if len(new.keys() - old.keys()) > len(named - new.keys()):
            return False
        return all(
            _same_data(old[k], new[k], (*path, k), intended) for k in old.keys() & new.keys()
        )
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            kept = [item for i, item in enumerate(old) if i not in named]
            return len(kept) <= len(new) < len(old) and _in_order(kept, new)
        return all(
            _same_data(a, b, (*path, i), intended)
            for i, (a, b) in enumerate(zip(old, new, strict=True))
        )
    return type(old) is type(new) and old == new


def _in_order(kept: list[JSONValue], new: list[JSONValue]) -> bool:
    """Whether every item of ``kept`` is in ``new``, unchanged and in the same order (the
    named items that stayed may be changed, so they are the ones ``new`` holds besides)."""
    remaining = iter(new)
    return all(any(_same_data(k, n, (), []) for n in remaining) for k in kept)


def _refusal(doc: Document, diagnostic: Diagnostic, reason: str) -> Diagnostic:
    rule = BY_CODE[diagnostic.code].rule
    message = f"fix of {rule.code} ({rule.name}) not applied: {reason}"
    return fix_not_applied.RULE.diagnostic(
        doc, diagnostic.span, message, key_path=diagnostic.key_path
    )


def _with(result: FileResult, doc: Document, extra: list[Diagnostic]) -> FileResult:
    diagnostics = tuple(sorted((*result.diagnostics, *extra), key=Diagnostic.sort_key))
    lines = dict(result.lines)
    for diagnostic in extra:
        lines.setdefault(diagnostic.span.line, doc.lines.line_text(diagnostic.span.line))
    return replace(result, diagnostics=diagnostics, lines=lines)


def unified_diff(path: str, before: str, after: str) -> str:
    """The change a fix makes, as ``diff -u`` shows it (line endings kept)."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=path,
        tofile=path,
    )
    out = []
    for line in lines:
        out.append(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        )
    return "".join(out)


class ChangedOnDisk(Exception):
    """The file is no longer what was read, so writing the fix would lose someone's edit."""


def write_atomically(path: Path, data: bytes, expected: bytes) -> None:
    """Replace a file's bytes so that it is, at every moment, either the old or the new file.

    The new bytes go to a temporary file in the same directory (so ``os.replace`` is a rename
    on one file system), which is flushed and synced and given the original's permission bits
    before it replaces the original. Raises :class:`ChangedOnDisk` when the file no longer
    holds ``expected``, and ``OSError`` when writing fails (the original is then untouched).
    """
    if path.read_bytes() != expected:
        raise ChangedOnDisk(str(path))
    mode = path.stat().st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@dataclass(frozen=True, slots=True)
class Repair:
    """One file after ``--fix`` or ``--diff``: what remains to report, how many fixes were
    applied, the change as a diff, the fixed bytes, and the report before fixing (what stands
    if the fixed bytes cannot be written)."""

    result: FileResult
    before: FileResult
    fixes: Counter[str] = field(default_factory=Counter)
    diff: str = ""
    data: bytes | None = None

    @property
    def fixed(self) -> int:
        return sum(self.fixes.values())


def repair(linter: Linter, display: str, path: Path, raw: bytes | None, doc: Document) -> Repair:
    """Fix one document in memory; nothing is written here."""
    result = linter.check(doc, path)
    if raw is None or not any(d.fix is not None for d in result.diagnostics):
        return Repair(result, result, data=raw)
    outcome = fix(linter, doc, path, result)
    if outcome.doc.text == doc.text:
        return Repair(outcome.result, result, data=raw)
    diff = unified_diff(display, doc.text, outcome.doc.text)
    return Repair(outcome.result, result, outcome.fixed, diff, outcome.doc.encode())


def save(path: Path, repair: Repair, raw: bytes, doc: Document) -> Repair:
    """Write a repaired file; on failure, the file is untouched and a diagnostic says why."""
    if repair.data is None or repair.data == raw:
        return repair
    try:
        write_atomically(path, repair.data, raw)
    except ChangedOnDisk:
        reason = "the file changed on disk while it was being fixed; it was not written"
    except OSError as error:
        reason = f"the fixed file could not be written ({error.strerror or error}); it is unchanged"
    else:
        return repair
    message = f"fixes not applied: {reason}"
    refusal = fix_not_applied.RULE.diagnostic(doc, doc.lines.span(0, 0), message)
    return Repair(_with(repair.before, doc, [refusal]), repair.before)
