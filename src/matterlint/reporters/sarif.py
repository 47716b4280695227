"""SARIF 2.1.0, the format GitHub code scanning (and other code-review tools) ingest.

Paths become relative URIs on ``%SRCROOT%`` (the checkout), so alerts land on the right file;
``partialFingerprints`` let GitHub follow a finding across commits; columns count code points,
as matterlint's do, and the run says so (``columnKind``), since GitHub otherwise assumes UTF-16
units and would misplace every column after an emoji.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from matterlint import __version__
from matterlint.diagnostics import Diagnostic, Fix, Severity
from matterlint.nodes import JSONValue
from matterlint.reporters.fingerprints import unique_fingerprints
from matterlint.reporters.jsonstream import write_array
from matterlint.results import FileResult, RunResult
from matterlint.rules import REGISTRY
from matterlint.rules.base import RuleEntry

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/matterlint/matterlint"
_LEVELS = {Severity.WARNING: "warning", Severity.ERROR: "error", Severity.FATAL: "error"}

_Json = dict[str, JSONValue]


class SarifReporter:
    """One run that describes every rule matterlint has (so the log can be written before
    the results are known, result by result), then the results."""

    def report(self, result: RunResult, stream: TextIO) -> None:
        driver: _Json = {
            "name": "matterlint",
            "version": __version__,
            "informationUri": INFORMATION_URI,
            "rules": [_rule(entry) for entry in REGISTRY],
        }
        index = {entry.rule.code: number for number, entry in enumerate(REGISTRY)}
        head: _Json = {"$schema": SCHEMA_URI, "version": "2.1.0"}
        opening = json.dumps(head, indent=2, ensure_ascii=False)[:-2]
        stream.write(opening + ',\n  "runs": [\n    {\n      "tool": ')
        tool = json.dumps({"driver": driver}, indent=2, ensure_ascii=False)
        stream.write(tool.replace("\n", "\n      ") + ',\n      "results": ')
        results = (
            _result(d, file_result, fingerprint, index[d.code])
            for file_result, d, fingerprint in unique_fingerprints(result)
        )
        write_array(stream, results, "      ")
        stream.write(',\n      "columnKind": "unicodeCodePoints"\n    }\n  ]\n}\n')


def _rule(entry: RuleEntry) -> _Json:
    rule = entry.rule
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _what_it_checks(entry.doc) or rule.summary},
        "help": {"text": entry.doc.strip()},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
    }


def _what_it_checks(doc: str) -> str:
    """The first paragraph of the doc's *What it checks* section, unwrapped; empty if none."""
    _, found, rest = doc.partition("*What it checks*")
    return " ".join(rest.strip().split("\n\n", 1)[0].split()) if found else ""


def _result(diagnostic: Diagnostic, file_result: FileResult, fingerprint: str, rule: int) -> _Json:
    span = diagnostic.span
    artifact = _artifact_location(diagnostic.path)
    region = _region((span.line, span.column), (span.end_line, span.end_column))
    result: _Json = {
        "ruleId": diagnostic.code,
        "ruleIndex": rule,
        "level": _LEVELS[diagnostic.severity],
        "message": {"text": diagnostic.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
        "partialFingerprints": {"primaryLocationLineHash": fingerprint},
    }
    if diagnostic.fix is not None:
        result["fixes"] = [_fix(diagnostic.fix, file_result, artifact)]
    return result


def _fix(fix: Fix, file_result: FileResult, artifact: _Json) -> _Json:
    """The fix as replacements of 1-based regions; SARIF has no notion of applicability, so
    it travels in the fix's property bag."""
    replacements: list[JSONValue] = [
        {
            "deletedRegion": _region(
                file_result.positions[edit.start], file_result.positions[edit.end]
            ),
            "insertedContent": {"text": edit.replacement},
        }
        for edit in fix.edits
    ]
    return {
        "description": {"text": fix.message},
        "artifactChanges": [{"artifactLocation": artifact, "replacements": replacements}],
        "properties": {"applicability": fix.applicability.value},
    }


def _region(start: tuple[int, int], end: tuple[int, int]) -> _Json:
    return {"startLine": start[0], "startColumn": start[1], "endLine": end[0], "endColumn": end[1]}


def _artifact_location(path: str) -> _Json:
    """A reported path as a URI: relative to the checkout with ``/`` separators, percent-encoded
    (a space or ``#`` in a file name would otherwise make it an invalid or different URI; an
    undecodable byte is encoded as itself). An absolute path has no base: a ``file:`` URI."""
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    posix = path.replace(os.sep, "/")
    return {"uri": quote(posix, safe="/", errors="surrogateescape"), "uriBaseId": "%SRCROOT%"}
