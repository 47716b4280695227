"""Every rule matterlint knows, listed explicitly so that the registry is what a reader sees.

Codes are ``FM`` and three digits; the hundreds name the family: 0 files and syntax, 1 keys,
2 whitespace, 3 YAML values, 4 dates, 5 lists, 6 URLs, 7 schema, 8 across files (a post compared
with other posts, its file name, a taxonomy file, the assets on disk), 9 the tool itself.
"""

from __future__ import annotations

from types import ModuleType

from matterlint.rules import (
    alias_limit,
    ambiguous_number,
    blank_lines_before_front_matter,
    complex_key,
    date_format,
    duplicate_across_files,
    duplicate_key,
    duplicate_list_item,
    empty_front_matter,
    empty_url,
    file_too_large,
    filename_date_mismatch,
    fix_not_applied,
    front_matter_not_mapping,
    insecure_url,
    internal_error,
    invalid_date,
    invalid_format,
    invisible_character,
    missing_asset,
    missing_front_matter,
    missing_required_key,
    nesting_limit,
    non_string_key,
    not_in_taxonomy,
    not_text,
    pattern_mismatch,
    relative_url,
    schema_not_found,
    schema_violation,
    syntax_error,
    trailing_whitespace,
    truncated_by_comment,
    unclosed_front_matter,
    unknown_key,
    unquoted_date,
    unreadable_file,
    unsupported_tag,
    unused_suppression,
    url_whitespace,
    value_not_allowed,
    wrong_type,
    yaml11_boolean,
)
from matterlint.rules.base import Check, CheckProject, Collect, Rule, RuleEntry

_MODULES: tuple[ModuleType, ...] = (
    unreadable_file,
    not_text,
    file_too_large,
    missing_front_matter,
    unclosed_front_matter,
    empty_front_matter,
    front_matter_not_mapping,
    blank_lines_before_front_matter,
    syntax_error,
    duplicate_key,
    non_string_key,
    complex_key,
    trailing_whitespace,
    invisible_character,
    truncated_by_comment,
    yaml11_boolean,
    ambiguous_number,
    unquoted_date,
    unsupported_tag,
    alias_limit,
    nesting_limit,
    invalid_date,
    date_format,
    duplicate_list_item,
    empty_url,
    relative_url,
    insecure_url,
    url_whitespace,
    missing_required_key,
    unknown_key,
    wrong_type,
    value_not_allowed,
    invalid_format,
    pattern_mismatch,
    schema_violation,
    schema_not_found,
    duplicate_across_files,
    filename_date_mismatch,
    not_in_taxonomy,
    missing_asset,
    internal_error,
    fix_not_applied,
    unused_suppression,
)


def _entry(module: ModuleType) -> RuleEntry:
    rule: Rule = module.RULE
    check: Check | None = getattr(module, "check", None)
    collect: Collect | None = getattr(module, "collect", None)
    check_project: CheckProject | None = getattr(module, "check_project", None)
    return RuleEntry(rule, module.__doc__ or "", check, collect, check_project)


REGISTRY: tuple[RuleEntry, ...] = tuple(sorted(map(_entry, _MODULES), key=lambda e: e.rule.code))
BY_CODE: dict[str, RuleEntry] = {entry.rule.code: entry for entry in REGISTRY}
BY_NAME: dict[str, RuleEntry] = {entry.rule.name: entry for entry in REGISTRY}
# What runs when nothing is selected: every rule but the opt-in ones.
DEFAULT_SELECTION = frozenset(entry.rule.code for entry in REGISTRY if not entry.rule.opt_in)


def lookup(code_or_name: str) -> RuleEntry | None:
    """A rule by its code (any case) or its name."""
    return BY_CODE.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())
