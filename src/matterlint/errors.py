"""Problems with how matterlint was asked to run, as opposed to problems in posts.

They are raised before any file is linted and end the run with exit code 2 and one clear
message; a problem in a post is always a diagnostic instead.
"""

from __future__ import annotations


class MatterlintError(Exception):
    """A usage, configuration or schema problem; its message is shown to the user as is."""


class ConfigError(MatterlintError):
    pass


class SchemaError(MatterlintError):
    """``reason`` is the problem in a few words, for a diagnostic that already names the
    schema; ``hint`` says where matterlint looked, when that helps."""

    def __init__(self, message: str, *, reason: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message
        self.hint = hint
