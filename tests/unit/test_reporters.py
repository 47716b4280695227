"""The output formats: a golden test each on a small result (a syntax error, a value and a
path full of characters CI formats must escape, a clean post), then properties checked on a
larger one (the seed post, a multi-line span, a diagnostic that tries to inject commands)."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import FormatChecker
from jsonschema.validators import validator_for

from matterlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from matterlint.nodes import JSONValue
from matterlint.reporters import json_lines, reporter
from matterlint.reporters.json import to_json
from matterlint.reporters.text import _CONTROL, one_line
from matterlint.results import FileResult, RunResult
from matterlint.rules import BY_CODE, REGISTRY
from matterlint.source import _resolved_span
from support import ROOT, lint

SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-2.1.0-rtm.5.json"
ODD_PATH = "posts/odd, name: 100%.md"
ODD_URI = "posts/odd%2C%20name%3A%20100%25.md"
GITHUB_LINE = re.compile(
    r"^::(error|warning|notice) (file=[^,]*,line=\d+,endLine=\d+(,col=\d+,endColumn=\d+)?,title=[^,]*)::[^\r\n]*$"
)
# The documented regex lets a title hold a CR (``[^,]*``); property values never hold a raw
# ``:`` either, since it would end them.
STRICT_GITHUB_LINE = re.compile(
    r"^::(error|warning) file=[^:,\r\n]*,line=\d+,endLine=\d+(,col=\d+,endColumn=\d+)?,title=[^:,\r\n]*::[^\r\n]*$"
)
HOSTILE_MESSAGE = "two\r\nlines\n::error file=x.md,line=1::injected %0A \x1b[31mred\x00 \u2028end"


def small() -> RunResult:
    return RunResult(
        (
            lint("---\ntitle: Update: news\n---\n", path="posts/broken.md"),
            lint('---\nimage: "a%b:c,d\\r\\nx"\n---\n', path=ODD_PATH),
            lint("---\ntitle: Hello\n---\nBody\n", path="posts/clean.md"),
        )
    )


def hostile() -> FileResult:
    """A fatal diagnostic whose path and message hold line breaks, escapes and command text."""
    base = lint('---\nimage: "a b"\n---\n', path="x.md")
    path = "posts/evil\n::warning::,x%0A\udcff.md"  # \udcff: a file name byte that is not UTF-8
    diagnostics = tuple(
        dataclasses.replace(d, path=path, message=HOSTILE_MESSAGE, severity=Severity.FATAL)
        for d in base.diagnostics
    )
    return dataclasses.replace(base, path=path, diagnostics=diagnostics)


def everything() -> RunResult:
    seed = (ROOT / "examples" / "seed-post.md").read_bytes()
    multi_line = '---\nimage: "https://x.com/a\n  b.jpg"\n---\n'
    extra = (
        lint(seed, path="examples/seed-post.md"),
        lint(multi_line, path="posts/multi.md"),
        hostile(),
    )
    return RunResult((*small().files, *extra))


def render(name: str, result: RunResult) -> str:
    stream = io.StringIO()
    reporter(name).report(result, stream)
    return stream.getvalue()


def dump(value: JSONValue) -> str:
    """How the JSON formats print: two-space indent, UTF-8 text, a final newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


# Golden tests ---------------------------------------------------------------------------------

SYNTAX_MESSAGE = (
    "YAML: mapping values are not allowed here (a value containing ': ' must be quoted)"
)
RELATIVE_MESSAGE = "`image` is not an absolute URL: `a%b:c,d x`"
WHITESPACE_MESSAGE = "`image` contains whitespace: `a%b:c,d x`"
WHITESPACE_FIX = "Write `a%b:c,d%0D%0Ax`"


def test_grouped_golden() -> None:
    assert render("grouped", small()) == (
        "posts/broken.md\n"
        f"  2:14  FM015  {SYNTAX_MESSAGE}\n"
        "\n"
        f"{ODD_PATH}\n"
        f"  2:8  FM602  {RELATIVE_MESSAGE}\n"
        f"  2:8  FM604  {WHITESPACE_MESSAGE}\n"
    )


def test_github_golden() -> None:
    assert render("github", small()) == (
        "::error file=posts/broken.md,line=2,endLine=2,col=14,endColumn=14,"
        f"title=matterlint (FM015)::FM015 {SYNTAX_MESSAGE}\n"
        "::warning file=posts/odd%2C name%3A 100%25.md,line=2,endLine=2,col=8,endColumn=22,"
        "title=matterlint (FM602)::FM602 `image` is not an absolute URL: `a%25b:c,d x`\n"
        "::error file=posts/odd%2C name%3A 100%25.md,line=2,endLine=2,col=8,endColumn=22,"
        "title=matterlint (FM604)::FM604 `image` contains whitespace: `a%25b:c,d x`"
        "%0A  help: Write `a%25b:c,d%250D%250Ax`\n"
    )


JSON_ITEMS: list[JSONValue] = [
    {
        "code": "FM015",
        "name": "syntax-error",
        "severity": "error",
        "message": SYNTAX_MESSAGE,
        "path": "posts/broken.md",
        "line": 2,
        "column": 14,
        "end_line": 2,
        "end_column": 14,
        "suggestion": None,
        "fix": None,
        "fingerprint": "1b334fab1c6aa226",
    },
    {
        "code": "FM602",
        "name": "relative-url",
        "severity": "warning",
        "message": RELATIVE_MESSAGE,
        "path": ODD_PATH,
        "line": 2,
        "column": 8,
        "end_line": 2,
        "end_column": 22,
        "suggestion": None,
        "fix": None,
        "fingerprint": "0e8c973bcd6d8c8b",
    },
    {
        "code": "FM604",
        "name": "url-whitespace",
        "severity": "error",
        "message": WHITESPACE_MESSAGE,
        "path": ODD_PATH,
        "line": 2,
        "column": 8,
        "end_line": 2,
        "end_column": 22,
        "suggestion": WHITESPACE_FIX,
        "fix": {
            "applicability": "unsafe",
            "message": WHITESPACE_FIX,
            "edits": [
                {
                    "content": '"a%b:c,d%0D%0Ax"',
                    "location": {"line": 2, "column": 8},
                    "end_location": {"line": 2, "column": 22},
                }
            ],
        },
        "fingerprint": "442e266a43dd4f52",
    },
]


def test_json_golden() -> None:
    assert render("json", small()) == dump(JSON_ITEMS)


def test_json_lines_golden() -> None:
    assert render("json-lines", small()) == "".join(
        json.dumps(item, ensure_ascii=False) + "\n" for item in JSON_ITEMS
    )


def test_gitlab_golden() -> None:
    def issue(code: str, message: str, fingerprint: str, severity: str, path: str) -> JSONValue:
        return {
            "description": f"{code} {message}",
            "check_name": code,
            "fingerprint": fingerprint,
            "severity": severity,
            "location": {"path": path, "lines": {"begin": 2, "end": 2}},
        }

    assert render("gitlab", small()) == dump(
        [
            issue("FM015", SYNTAX_MESSAGE, "1b334fab1c6aa226", "major", "posts/broken.md"),
            issue("FM602", RELATIVE_MESSAGE, "0e8c973bcd6d8c8b", "minor", ODD_PATH),
            issue("FM604", WHITESPACE_MESSAGE, "442e266a43dd4f52", "major", ODD_PATH),
        ]
    )


def test_junit_golden() -> None:
    odd = f'classname="{ODD_PATH}" file="{ODD_PATH}"'
    assert render("junit", small()) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="matterlint">\n'
        '  <testsuite name="posts/broken.md" tests="1" failures="1" errors="0">\n'
        '    <testcase name="FM015 posts/broken.md:2:14" classname="posts/broken.md" file="posts/broken.md" line="2">\n'
        f'      <failure message="{SYNTAX_MESSAGE}" type="FM015">line 2, col 14, {SYNTAX_MESSAGE}</failure>\n'
        "    </testcase>\n"
        "  </testsuite>\n"
        f'  <testsuite name="{ODD_PATH}" tests="2" failures="2" errors="0">\n'
        f'    <testcase name="FM602 {ODD_PATH}:2:8" {odd} line="2">\n'
        f'      <failure message="{RELATIVE_MESSAGE}" type="FM602">line 2, col 8, {RELATIVE_MESSAGE}</failure>\n'
        "    </testcase>\n"
        f'    <testcase name="FM604 {ODD_PATH}:2:8" {odd} line="2">\n'
        f'      <failure message="{WHITESPACE_MESSAGE}" type="FM604">line 2, col 8, {WHITESPACE_MESSAGE}\n'
        f"  help: {WHITESPACE_FIX}</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        '  <testsuite name="posts/clean.md" tests="1" failures="0" errors="0">\n'
        '    <testcase name="No problems" classname="posts/clean.md" file="posts/clean.md" />\n'
        "  </testsuite>\n"
        "</testsuites>\n"
    )


def sarif_rule(code: str, full_description: str, level: str) -> JSONValue:
    entry = BY_CODE[code]
    return {
        "id": code,
        "name": entry.rule.name,
        "shortDescription": {"text": entry.rule.summary},
        "fullDescription": {"text": full_description},
        "help": {"text": entry.doc.strip()},
        "defaultConfiguration": {"level": level},
    }


def sarif_result(
    code: str, index: int, level: str, message: str, uri: str, start: int, end: int, fp: str
) -> dict[str, JSONValue]:
    return {
        "ruleId": code,
        "ruleIndex": index,
        "level": level,
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                    "region": {
                        "startLine": 2,
                        "startColumn": start,
                        "endLine": 2,
                        "endColumn": end,
                    },
                }
            }
        ],
        "partialFingerprints": {"primaryLocationLineHash": fp},
    }


def test_sarif_golden() -> None:
    codes = [entry.rule.code for entry in REGISTRY]
    fixed = sarif_result(
        "FM604",
        codes.index("FM604"),
        "error",
        WHITESPACE_MESSAGE,
        ODD_URI,
        8,
        22,
        "442e266a43dd4f52",
    )
    fixed["fixes"] = [
        {
            "description": {"text": WHITESPACE_FIX},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": ODD_URI, "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            "deletedRegion": {
                                "startLine": 2,
                                "startColumn": 8,
                                "endLine": 2,
                                "endColumn": 22,
                            },
                            "insertedContent": {"text": '"a%b:c,d%0D%0Ax"'},
                        }
                    ],
                }
            ],
            "properties": {"applicability": "unsafe"},
        }
    ]
    described = {
        "FM015": sarif_rule(
            "FM015",
            "The block could not be parsed. The position is where the parser gave up, which is "
            "often just after the real mistake.",
            "error",
        ),
        "FM602": sarif_rule(
            "FM602",
            "A non-empty value under one of the URL keys (`[urls] keys`) without a scheme such as "
            "`https:`: `/images/a.jpg`, `images/a.jpg`, `//cdn.example.com/a.jpg`, "
            "`www.example.com/a.jpg`.",
            "warning",
        ),
        "FM604": sarif_rule(
            "FM604",
            "A value under one of the URL keys (`[urls] keys`) with spaces or tabs inside it or "
            "around it. (Trailing spaces after an unquoted value are not part of it: "
            "trailing-whitespace reports them.)",
            "error",
        ),
    }
    codes = [entry.rule.code for entry in REGISTRY]
    rules = json.loads(render("sarif", RunResult(())))["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == codes  # every rule, described before any result
    for code, rule in described.items():
        assert rules[codes.index(code)] == rule
    results: list[JSONValue] = [
        sarif_result(
            "FM015",
            codes.index("FM015"),
            "error",
            SYNTAX_MESSAGE,
            "posts/broken.md",
            14,
            14,
            "1b334fab1c6aa226",
        ),
        sarif_result(
            "FM602",
            codes.index("FM602"),
            "warning",
            RELATIVE_MESSAGE,
            ODD_URI,
            8,
            22,
            "0e8c973bcd6d8c8b",
        ),
        fixed,
    ]
    driver: JSONValue = {
        "name": "matterlint",
        "version": "0.1.0",
        "informationUri": "https://github.com/matterlint/matterlint",
        "rules": rules,
    }
    assert render("sarif", small()) == dump(
        {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": driver},
                    "results": results,
                    "columnKind": "unicodeCodePoints",
                }
            ],
        }
    )


# Properties -----------------------------------------------------------------------------------


def sarif_errors(text: str) -> list[str]:
    """What the vendored SARIF 2.1.0 schema (draft-04) says is wrong, URI formats included."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = validator_for(schema)(schema, format_checker=FormatChecker())
    return [
        f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(json.loads(text))
    ]


@pytest.mark.parametrize(
    "result",
    [everything(), RunResult(()), RunResult((list(small().files)[2],))],
    ids=["everything", "no-files", "clean"],
)
def test_sarif_is_valid(result: RunResult) -> None:
    assert sarif_errors(render("sarif", result)) == []


def test_sarif_describes_each_rule_once_and_indexes_it() -> None:
    run = json.loads(render("sarif", everything()))["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert rules == sorted(set(rules))
    assert [rules[r["ruleIndex"]] for r in run["results"]] == [r["ruleId"] for r in run["results"]]
    assert len(run["results"]) == len(list(everything().diagnostics))


def test_sarif_multi_line_region_and_fix_positions() -> None:
    results = json.loads(render("sarif", everything()))["runs"][0]["results"]
    multi = next(
        r
        for r in results
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "posts/multi.md"
    )
    region = {"startLine": 2, "startColumn": 8, "endLine": 3, "endColumn": 9}
    assert multi["locations"][0]["physicalLocation"]["region"] == region
    replacement = multi["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["deletedRegion"] == region
    assert multi["fixes"][0]["properties"] == {"applicability": "unsafe"}


def test_sarif_absolute_path_is_a_file_uri() -> None:
    base = list(small().files)[1]
    absolute = "/srv/site/a b.md"
    diagnostics = tuple(dataclasses.replace(d, path=absolute) for d in base.diagnostics)
    result = RunResult((dataclasses.replace(base, path=absolute, diagnostics=diagnostics),))
    text = render("sarif", result)
    location = json.loads(text)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "file:///srv/site/a%20b.md"}
    assert sarif_errors(text) == []


def unescape(text: str, *, is_property: bool) -> str:
    """What the runner does (``ActionCommand.cs``): ``%25`` last."""
    text = text.replace("%0D", "\r").replace("%0A", "\n")
    if is_property:
        text = text.replace("%3A", ":").replace("%2C", ",")
    return text.replace("%25", "%")


def test_github_lines_follow_the_syntax_and_round_trip() -> None:
    result = everything()
    lines = render("github", result).split("\n")
    assert lines.pop() == ""
    diagnostics = list(result.diagnostics)
    assert len(lines) == len(diagnostics)
    for line, diagnostic in zip(lines, diagnostics, strict=True):
        assert GITHUB_LINE.match(line), line
        assert STRICT_GITHUB_LINE.match(line), line
        head, message = line.split("::", 2)[1:]
        command, _, properties = head.partition(" ")
        values = dict(p.split("=", 1) for p in properties.split(","))
        span = diagnostic.span
        assert command == ("warning" if diagnostic.severity is Severity.WARNING else "error")
        assert unescape(values.pop("file"), is_property=True) == diagnostic.path
        assert unescape(values.pop("title"), is_property=True) == f"matterlint ({diagnostic.code})"
        assert values.pop("line") == str(span.line)
        assert values.pop("endLine") == str(span.end_line)
        if span.line == span.end_line:
            assert values == {"col": str(span.column), "endColumn": str(span.end_column)}
        else:
            assert values == {}
        expected = f"{diagnostic.code} {diagnostic.message}"
        if diagnostic.suggestion is not None:
            expected += f"\n  help: {diagnostic.suggestion}"
        assert unescape(message, is_property=False) == expected


def test_github_multi_line_span_has_no_columns() -> None:
    lines = render("github", everything()).splitlines()
    assert any(
        "file=posts/multi.md,line=2,endLine=3,title=matterlint (FM604)::" in line for line in lines
    )


def test_junit_counts_and_attributes() -> None:
    result = everything()
    root = ET.fromstring(render("junit", result))
    diagnostics = list(result.diagnostics)
    fatal = sum(1 for d in diagnostics if d.severity is Severity.FATAL)
    clean = sum(1 for f in result.files if not f.diagnostics)
    assert fatal > 0
    assert root.tag == "testsuites"
    assert root.attrib == {"name": "matterlint"}  # written before the counts are known
    suite_counts = [
        (int(s.get("tests", "")), int(s.get("failures", "")), int(s.get("errors", "")))
        for s in root.findall("testsuite")
    ]
    assert sum(t for t, _, _ in suite_counts) == len(diagnostics) + clean
    assert sum(f for _, f, _ in suite_counts) == len(diagnostics) - fatal
    assert sum(e for _, _, e in suite_counts) == fatal
    suites = root.findall("testsuite")
    # XML cannot hold the lone surrogate of hostile()'s path: it is written as an escape.
    paths = [f.path.replace("\udcff", "\\udcff") for f in result.files]
    assert [s.get("name") for s in suites] == paths
    for suite, file_result in zip(suites, result.files, strict=True):
        cases = suite.findall("testcase")
        assert suite.get("tests") == str(len(cases))
        if not file_result.diagnostics:
            assert [c.attrib for c in cases] == [
                {"name": "No problems", "classname": file_result.path, "file": file_result.path}
            ]
        names = [c.get("name") for c in cases]
        assert len(set(names)) == len(names)


def test_junit_reports_each_diagnostic_with_its_severity() -> None:
    result = everything()
    cases = [c for c in ET.fromstring(render("junit", result)).iter("testcase") if len(c)]
    for case, diagnostic in zip(cases, result.diagnostics, strict=True):
        (problem,) = list(case)
        span = diagnostic.span
        assert problem.tag == ("error" if diagnostic.severity is Severity.FATAL else "failure")
        assert problem.get("type") == diagnostic.code
        assert case.get("line") == str(span.line)
        assert case.get("file") == case.get("classname")
        text = problem.text or ""
        assert text.startswith(f"line {span.line}, col {span.column}, ")


def test_junit_writes_characters_xml_forbids_as_escapes() -> None:
    root = ET.fromstring(render("junit", RunResult((hostile(),))))
    problem = root.find("testsuite/testcase/error")
    assert problem is not None
    assert problem.get("message") == HOSTILE_MESSAGE.replace("\x1b", "\\x1b").replace(
        "\x00", "\\x00"
    )


def test_junit_duplicate_names_are_numbered() -> None:
    base = next(iter(small().files))
    twice = dataclasses.replace(base, diagnostics=base.diagnostics * 2)
    root = ET.fromstring(render("junit", RunResult((twice,))))
    assert [c.get("name") for c in root.iter("testcase")] == [
        "FM015 posts/broken.md:2:14",
        "FM015 posts/broken.md:2:14 (2)",
    ]


def test_gitlab_fingerprints_are_unique_and_stable() -> None:
    first = json.loads(render("gitlab", everything()))
    second = json.loads(render("gitlab", everything()))
    fingerprints = [issue["fingerprint"] for issue in first]
    assert len(set(fingerprints)) == len(fingerprints) == len(list(everything().diagnostics))
    assert fingerprints == [issue["fingerprint"] for issue in second]


def test_gitlab_numbers_repeated_fingerprints() -> None:
    seed = list(everything().files)[3]
    trailing = [i["fingerprint"] for i in json.loads(render("gitlab", RunResult((seed,))))]
    assert len(set(trailing)) == len(trailing)  # the seed's problems are all told apart
    first = seed.diagnostics[0]
    twice = dataclasses.replace(seed, diagnostics=(first, first, first))
    numbered = [i["fingerprint"] for i in json.loads(render("gitlab", RunResult((twice,))))]
    assert numbered == [first.fingerprint, f"{first.fingerprint}:2", f"{first.fingerprint}:3"]


def test_gitlab_and_sarif_share_fingerprints() -> None:
    result = everything()
    gitlab = [i["fingerprint"] for i in json.loads(render("gitlab", result))]
    sarif = json.loads(render("sarif", result))["runs"][0]["results"]
    assert [r["partialFingerprints"]["primaryLocationLineHash"] for r in sarif] == gitlab


def test_json_lines_are_the_json_items() -> None:
    result = everything()
    lines = render("json-lines", result).split("\n")
    assert lines.pop() == ""
    assert [json.loads(line) for line in lines] == json.loads(render("json", result))
    assert all(len(line.splitlines()) == 1 for line in lines)


def test_every_format_reports_fatal_as_the_worst_level() -> None:
    result = RunResult((hostile(),))
    assert render("github", result).startswith("::error ")
    assert json.loads(render("gitlab", result))[0]["severity"] == "critical"
    assert json.loads(render("sarif", result))["runs"][0]["results"][0]["level"] == "error"
    assert json.loads(render("json", result))[0]["severity"] == "fatal"


def test_grouped_keeps_user_text_on_one_line() -> None:
    lines = render("grouped", RunResult((hostile(),))).splitlines()
    assert lines[0] == "posts/evil\\n::warning::,x%0A\\udcff.md"
    assert all(line.startswith("  ") for line in lines[1:])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("grouped", ""),
        ("github", ""),
        ("json", "[]\n"),
        ("json-lines", ""),
        ("gitlab", "[]\n"),
        (
            "junit",
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<testsuites name="matterlint">\n</testsuites>\n',
        ),
    ],
)
def test_empty_result(name: str, expected: str) -> None:
    assert render(name, RunResult(())) == expected


def test_clean_files_print_nothing_in_line_formats() -> None:
    clean = RunResult((list(small().files)[2],))
    assert [render(name, clean) for name in ("grouped", "github", "json-lines")] == ["", "", ""]


# Lone surrogates included: a file name that is not UTF-8 reaches reports as them.
_TEXT = st.text(st.characters(exclude_categories=()), max_size=12) | st.sampled_from(
    ["", '"', "\\", "\x00", "\x1f", "\x7f", "\x85", "\u2028", "\ud800", "\U0001f600"]
)


@st.composite
def _diagnostics(draw: st.DrawFn) -> tuple[Diagnostic, FileResult]:
    start = draw(st.integers(0, 50))
    end = draw(st.integers(start, 60))
    line, column, end_line, end_column = (draw(st.integers(1, 10**6)) for _ in range(4))
    span = _resolved_span(start, end, (line, column, end_line, end_column))
    fix = None
    if draw(st.booleans()):
        offsets = draw(st.lists(st.tuples(st.integers(0, 99), st.integers(0, 99)), max_size=3))
        edits = tuple(Edit(a, b, draw(_TEXT)) for a, b in offsets)
        fix = Fix(draw(_TEXT), edits, draw(st.sampled_from(list(Applicability))))
    diagnostic = Diagnostic(
        draw(_TEXT),
        draw(_TEXT),
        draw(st.sampled_from(list(Severity))),
        draw(_TEXT),
        span,
        draw(_TEXT),
        draw(st.none() | _TEXT),
        fix,
        fingerprint=draw(_TEXT),
    )
    positions = {o: (o + 1, o + 2) for o in range(100)}
    return diagnostic, FileResult(diagnostic.path, (diagnostic,), {}, positions)


@given(_diagnostics())
def test_json_lines_writes_exactly_what_json_dumps_writes(
    case: tuple[Diagnostic, FileResult],
) -> None:
    diagnostic, result = case
    assert json_lines.encode(diagnostic, result) == json.dumps(
        to_json(diagnostic, result), ensure_ascii=False
    )


def test_json_lines_writes_exactly_what_json_dumps_writes_for_the_seed_post() -> None:
    result = lint((ROOT / "examples" / "seed-post.md").read_text(encoding="utf-8"))
    assert result.diagnostics
    for diagnostic in result.diagnostics:
        assert json_lines.encode(diagnostic, result) == json.dumps(
            to_json(diagnostic, result), ensure_ascii=False
        )


@given(st.text(st.characters(exclude_categories=())) | st.text(st.characters(max_codepoint=127)))
def test_one_line_takes_its_shortcut_only_where_the_regex_changes_nothing(text: str) -> None:
    escaped = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    assert one_line(text) == escaped
