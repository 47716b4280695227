"""JUnit XML, which CI systems show as test results (GitLab's ``artifacts: reports: junit:``,
GitHub through third-party actions): a test suite per file, a failing test case per problem,
and one passing case per clean file, so that the counts mean something.

The document is built with :mod:`xml.etree.ElementTree`, which escapes markup; characters XML
1.0 cannot hold at all (most control characters, lone surrogates from undecodable file names)
are written as Python escapes, since one of them would make the whole report unreadable.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from matterlint.diagnostics import Diagnostic, Severity
from matterlint.results import FileResult, RunResult

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


class JunitReporter:
    """The root element is written before the files are known, so the counts are on each
    test suite (CI systems add them up), and the suites are written as they come."""

    def report(self, result: RunResult, stream: TextIO) -> None:
        stream.write(_DECLARATION + '<testsuites name="matterlint">\n')
        for file_result in result.files:
            suite = _suite(file_result)
            ET.indent(suite, level=1)
            stream.write("  " + ET.tostring(suite, encoding="unicode").rstrip("\n") + "\n")
        stream.write("</testsuites>\n")


def _counts(diagnostics: Sequence[Diagnostic], tests: int) -> dict[str, str]:
    """``tests``, ``failures`` and ``errors``: a fatal diagnostic is an error (matterlint
    failed), any other a failure (the post is wrong)."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.FATAL)
    return {"tests": str(tests), "failures": str(len(diagnostics) - errors), "errors": str(errors)}


def _suite(file_result: FileResult) -> ET.Element:
    path = _xml_text(file_result.path)
    diagnostics = file_result.diagnostics
    counts = _counts(diagnostics, max(len(diagnostics), 1))
    suite = ET.Element("testsuite", {"name": path, **counts})
    if not diagnostics:
        attributes = {"name": "No problems", "classname": path, "file": path}
        ET.SubElement(suite, "testcase", attributes)
    names: Counter[str] = Counter()
    for diagnostic in diagnostics:
        span = diagnostic.span
        name = f"{diagnostic.code} {path}:{span.line}:{span.column}"
        names[name] += 1
        # GitLab keeps only the first of test cases with the same name.
        if names[name] > 1:
            name += f" ({names[name]})"
        attributes = {"name": name, "classname": path, "file": path, "line": str(span.line)}
        _problem(ET.SubElement(suite, "testcase", attributes), diagnostic)
    return suite


def _problem(case: ET.Element, diagnostic: Diagnostic) -> None:
    span = diagnostic.span
    message = _xml_text(diagnostic.message)
    tag = "error" if diagnostic.severity is Severity.FATAL else "failure"
    element = ET.SubElement(case, tag, {"message": message, "type": diagnostic.code})
    element.text = f"line {span.line}, col {span.column}, {message}"
    if diagnostic.suggestion is not None:
        element.text += f"\n  help: {_xml_text(diagnostic.suggestion)}"


def _xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 forbids written as ``\\x1b``-style escapes."""
    return _NOT_XML.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
