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
    pass
