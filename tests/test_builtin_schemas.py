"""The built-in schemas: valid, documented, and honest on the real sites they describe.

Each built-in schema lints the corpus of its generator with the default rules. Every problem it
reports there is a defect of the file, explained below; everything else those files hold is
what the generator documents, so a gap in a schema would show up here as a new count.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from jsonschema.protocols import Validator

from matterlint.config import Settings
from matterlint.discovery import discover
from matterlint.engine import Linter
from matterlint.nodes import JSONValue
from matterlint.rules import BY_CODE, DEFAULT_SELECTION
from matterlint.schemas import SchemaStore, builtin_names, builtin_path
from matterlint.validation import Check, Unsure
from support import CORPORA, ROOT, needs_corpora, report
from test_corpora import EXPECTED as WITHOUT_SCHEMA

BUILTINS = (
    "docusaurus-blog-post",
    "eleventy-post",
    "hugo-page",
    "jekyll-post",
    "news-post",
    "starlight-page",
    "zola-page",
)
SCHEMA_CODES = frozenset(code for code in BY_CODE if code.startswith("FM7"))


def test_the_builtin_schemas_are_these_seven() -> None:
    assert builtin_names() == BUILTINS


@pytest.mark.parametrize("name", BUILTINS)
def test_each_builtin_schema_is_valid_and_says_what_every_field_is_for(name: str) -> None:
    """matterlint skips the metaschema check for its own schemas: this test is that check."""
    schema = json.loads(builtin_path(name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["title"] and schema["description"]
    assert list(_undocumented(schema, "")) == []


def test_the_readme_lists_every_builtin_schema() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [name for name in BUILTINS if f"| `{name}` |" not in readme] == []


def _undocumented(schema: JSONValue, where: str) -> Iterator[str]:
    """The properties, at any depth, that have no ``description``."""
    if isinstance(schema, list):
        for index, item in enumerate(schema):
            yield from _undocumented(item, f"{where}[{index}]")
        return
    if not isinstance(schema, dict):
        return
    for keyword in ("properties", "patternProperties"):
        named = schema.get(keyword, {})
        assert isinstance(named, dict)
        for key, sub in named.items():
            if not isinstance(sub, dict) or not sub.get("description"):
                yield f"{where}/{key}"
            yield from _undocumented(sub, f"{where}/{key}")
    for keyword in ("items", "additionalProperties", "anyOf", "oneOf", "allOf"):
        if keyword in schema:
            yield from _undocumented(schema[keyword], f"{where}/{keyword}")


# Per corpus: its schema; the schema's findings with only the schema rules (FM7xx) selected;
# and those kept with the default rules, where a rule that reports the same value better
# supersedes the schema's keyword. Every other code keeps its count from test_corpora.py.
CASES: dict[str, tuple[str, dict[str, int], dict[str, int]]] = {
    # The seed's site. Alone, the schema sees every date in Jigsaw's `2020-10-01-14-38-05`
    # dialect (`pattern`), `categories: [latest, latest]` (`uniqueItems`) and empty `image:`
    # (`type`); with the default rules FM402, FM501 and FM601 report each of them instead.
    "jigsaw-dailymail": (
        "news-post",
        {"FM703": 19, "FM706": 4747, "FM707": 594},
        {},
    ),
    "jigsaw-dailymail-spun": ("news-post", {"FM703": 1, "FM706": 253, "FM707": 129}, {}),
    # `tags:` left empty in the Japanese and Korean translations of one post: null, not the
    # list or space-separated string Jekyll documents, so the post has no tags.
    "jekyll-ruby-lang-news": ("jekyll-post", {"FM703": 2}, {"FM703": 2}),
    # Clean: `version: 3.0` is a key of this site's own (FM303 already warns about it).
    "jekyll-jekyll-posts": ("jekyll-post", {}, {}),
    # Ten `summary:` keys left empty, null instead of the documented string, so Hugo falls
    # back to an automatic summary; and `slug: 124062`, an integer where Hugo wants a string.
    "hugo-digitalgov-news": ("hugo-page", {"FM703": 11}, {"FM703": 11}),
    # Clean, `linktitle`, `expiryDate` and the `params` of the Hugo docs included.
    "hugo-docs": ("hugo-page", {}, {}),
    # Clean, in TOML, with `isCJKLanguage` and `draft` typed.
    "hugo-toml-baldanders": ("hugo-page", {}, {}),
    # Clean: every `date` is a YAML date Eleventy reads, offsets like `-4` included.
    "eleventy-18f-posts": ("eleventy-post", {}, {}),
    # Clean: `sidebar`, `tableOfContents`, `head`, `hero` and `editUrl` are as Starlight
    # defines them; `i18nReady`, `githubURL`... are the Astro docs' own extension.
    "astro-starlight-docs-en": ("starlight-page", {}, {}),
    # Clean: `authors` as a key, an object, and lists of both.
    "docusaurus-electron-blog": ("docusaurus-blog-post", {}, {}),
    # `inside-rust/_index.md` is a section, not a page: its `sort_by` and `generate_feeds` are
    # section keys a page does not have. (`releases/_index.md` uses only keys pages have too.)
    "zola-rust-blog": ("zola-page", {"FM702": 2}, {"FM702": 2}),
}


@needs_corpora
@pytest.mark.slow
@pytest.mark.parametrize("corpus", sorted(CASES))
def test_each_builtin_schema_on_its_corpus(corpus: str) -> None:
    schema, alone, kept = CASES[corpus]
    files, without_schema = WITHOUT_SCHEMA[corpus]
    # That test also selects two opt-in checks across posts; these runs do not.
    baseline = {code: n for code, n in without_schema.items() if code in DEFAULT_SELECTION}
    default = Linter(Settings(root=CORPORA), schema)
    only_schema = Linter(Settings(root=CORPORA, enabled=SCHEMA_CODES), schema)
    compiled = SchemaStore().named(schema, CORPORA)
    found: Counter[str] = Counter()
    found_alone: Counter[str] = Counter()
    linted = mappings = compared = 0
    for target in discover([str(CORPORA / corpus)], default.settings, force_exclude=False):
        _, doc = default.read(target)
        found.update(d.code for d in default.check(doc, target.path).diagnostics)
        found_alone.update(d.code for d in only_schema.check(doc, target.path).diagnostics)
        linted += 1
        if isinstance(doc.data, dict):
            mappings += 1
            compared += _same_failures_both_ways(compiled.fast, compiled.validator, doc.data)
    assert linted == files
    assert dict(found) == dict(Counter(baseline) + Counter(kept))
    assert dict(found_alone) == alone
    assert compared == mappings  # the compiled fast path decided every post, as jsonschema does


def _same_failures_both_ways(
    fast: Check | None, validator: Validator, data: dict[str, JSONValue]
) -> int:
    """1 if the compiled validator decided ``data`` and agrees with python-jsonschema on every
    failure; 0 if it was unsure (and the run would have asked jsonschema)."""
    assert fast is not None
    try:
        failures = fast(data, ())
    except Unsure:
        return 0
    errors = validator.iter_errors(data)
    expected = sorted((str(e.validator), tuple(e.absolute_path)) for e in errors)
    assert sorted((f.validator, f.path) for f in failures) == expected
    return 1


def _lines(text: str, schema: str) -> list[str]:
    return report(text, schema=schema, path="post.md")


def test_jekyll_post_catches_mistyped_variables() -> None:
    text = '---\ntitle: Hello\npublished: "false"\ntags: 3\n---\n'
    assert _lines(text, "jekyll-post") == [
        "3:12 FM703 `published` should be a boolean, not a string",
        "4:7 FM703 `tags` should be a string or a list, not an integer",
    ]


def test_hugo_page_reads_keys_in_any_case_in_yaml_and_toml() -> None:
    yaml_post = '---\ntitle: Hello\ndraft: "yes"\nWeight: 1.5\nexpirydate: 2020-01-01\n---\n'
    assert _lines(yaml_post, "hugo-page") == [
        "3:8 FM703 `draft` should be a boolean, not a string",
        "4:9 FM703 `Weight` should be an integer, not a number",
    ]
    toml_post = (
        '+++\ntitle = "Hello"\nDraft = "yes"\n[build]\nlist = "sometimes"\n'
        "[sitemap]\npriority = 2\n+++\n"
    )
    assert _lines(toml_post, "hugo-page") == [
        "3:9 FM703 `Draft` should be a boolean, not a string",
        "5:8 FM704 `build.list` must be one of `always`, `local`, `never`, not `sometimes`",
        "7:12 FM707 `sitemap.priority` is 2; it must be at most 1",
    ]


def test_hugo_page_allows_a_sites_own_keys() -> None:
    assert _lines("---\ntitle: Hello\ntopics: [a]\nkicker: News\n---\n", "hugo-page") == []


def test_eleventy_post_catches_what_eleventy_rejects() -> None:
    text = "---\npermalink: true\ndate: yesterday\ntags: [a, 1]\n---\n"
    assert _lines(text, "eleventy-post") == [
        "2:12 FM704 `permalink` must be `false`, not `true`",
        "3:7 FM401 `date` is not a valid date: `yesterday` (unrecognised format)",
        "4:11 FM703 `tags[1]` should be a string, not an integer",
    ]
    # The schema takes Eleventy's date keywords; FM401, which knows only dates, does not.
    keywords = "---\ndate: git Last Modified\npermalink: false\n---\n"
    only_schema = Settings(root=Path.cwd(), enabled=SCHEMA_CODES)
    assert report(keywords, schema="eleventy-post", settings=only_schema) == []


def test_starlight_page_requires_a_title_and_checks_its_options() -> None:
    text = (
        "---\ndescription: No title\ntemplate: wide\ntableOfContents:\n  maxHeadingLevel: 7\n---\n"
    )
    assert _lines(text, "starlight-page") == [
        "3:11 FM704 `template` must be one of `doc`, `splash`, not `wide`",
        "5:20 FM707 `tableOfContents.maxHeadingLevel` is 7; it must be at most 6",
        "6:1 FM701 missing required key `title`",
    ]


def test_docusaurus_blog_post_checks_authors_tags_and_headings() -> None:
    text = (
        "---\nauthors:\n  - title: Maintainer\ntoc_max_heading_level: 7\ntags: [{label: a}]\n---\n"
    )
    assert _lines(text, "docusaurus-blog-post") == [
        "3:5 FM701 missing required key `key` in `authors[0]`",
        "4:24 FM707 `toc_max_heading_level` is 7; it must be at most 6",
        "5:8 FM701 missing required key `permalink` in `tags[0]`",
    ]
    assert _lines("---\nauthors: [slorber, {name: Joel}]\n---\n", "docusaurus-blog-post") == []


def test_zola_page_keeps_custom_data_under_extra() -> None:
    text = (
        '+++\ntitle = "Hello"\ntags = ["rust"]\nweight = -1\ndate = "2024/01/02"\n'
        '[taxonomies]\ntags = [" "]\n[extra]\nmine = 1\n+++\n'
    )
    assert _lines(text, "zola-page") == [
        "3:1 FM702 unknown key `tags`",
        "4:10 FM707 `weight` is -1; it must be at least 0",
        "5:8 FM401 `date` is not a valid date: `2024/01/02` (unrecognised format)",
        "7:9 FM706 `taxonomies.tags[0]` does not match the pattern `\\S`: ` `",
    ]


@pytest.mark.parametrize(
    "date",
    ["2024-01-02", "2024-01-02T10:00:00Z", "2024-01-02 10:00:00+02:00", "2024-01-02T10:00:00"],
)
def test_zola_page_takes_toml_dates_as_written(date: str) -> None:
    assert (
        _lines(f'+++\ntitle = "Hello"\ndate = {date}\nupdated = "{date}"\n+++\n', "zola-page") == []
    )
