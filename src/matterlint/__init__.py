"""matterlint: a fast, trustworthy linter for the front matter of Markdown posts."""

__version__ = "0.1.0"
