"""GitHub Actions workflow commands (``::error file=…,line=…::message``): the runner turns
each into an annotation on the pull request's diff.

User text is escaped as the runner unescapes it (``actions/runner`` ``ActionCommand.cs``):
``%`` first, then CR and LF; property values also ``:`` and ``,``, which separate properties.
The runner reads a step's output with .NET's ``StreamReader.ReadLine``, which ends lines only
at CR and LF, so a value in a post can never start a line of its own and inject a command.
"""

from __future__ import annotations

from typing import TextIO

from matterlint.diagnostics import Diagnostic, Severity
from matterlint.results import RunResult

_COMMANDS = {Severity.WARNING: "warning", Severity.ERROR: "error", Severity.FATAL: "error"}


class GithubReporter:
    def report(self, result: RunResult, stream: TextIO) -> None:
        for diagnostic in result.diagnostics:
            stream.write(command(diagnostic) + "\n")


def command(diagnostic: Diagnostic) -> str:
    """One annotation; ``col`` and ``endColumn`` only for a one-line span, the only case the
    runner accepts them in (@actions/core)."""
    span = diagnostic.span
    properties = [
        f"file={escape_property(diagnostic.path)}",
        f"line={span.line}",
        f"endLine={span.end_line}",
    ]
    if span.line == span.end_line:
        properties += [f"col={span.column}", f"endColumn={span.end_column}"]
    properties.append(f"title={escape_property(f'matterlint ({diagnostic.code})')}")
    message = f"{diagnostic.code} {diagnostic.message}"
    if diagnostic.suggestion is not None:
        message += f"\n  help: {diagnostic.suggestion}"
    return f"::{_COMMANDS[diagnostic.severity]} {','.join(properties)}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """A command's message: ``%`` first, so that an escape already in the text survives."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: ``:`` and ``,`` would otherwise end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
