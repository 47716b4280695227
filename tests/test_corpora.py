"""Every real post of ``../shared/corpora`` is linted without a traceback or an internal
error, and what is reported is known: each count below was checked against the files.

Default settings, no schema: the built-in rules only, and two of the opt-in checks across
posts (FM801 repeated titles, FM802 file names dated another day), each corpus one run.
"""

from __future__ import annotations

from collections import Counter

import pytest

from matterlint import document
from matterlint.config import Settings
from matterlint.discovery import discover
from matterlint.document import Format
from matterlint.engine import Linter
from matterlint.loaders import yaml as yaml_loader
from matterlint.loaders import yaml_simple
from matterlint.project import compare
from matterlint.rules import DEFAULT_SELECTION
from support import CORPORA, needs_corpora

EXPECTED: dict[str, tuple[int, dict[str, int]]] = {
    # Four .mdx files have a trailing space after `title: ...`; four pairs of pages share a
    # title (two error-reference pages each, and the RSS recipe with a tutorial step).
    "astro-starlight-docs-en": (420, {"FM201": 4, "FM801": 8}),
    # Two dates with an unpadded month: `2023-2-07T00:00:00.000Z`; the 8-week and the
    # 12-week release cadence posts are both "New Electron Release Cadence".
    "docusaurus-electron-blog": (130, {"FM402": 2, "FM801": 2}),
    # Short offsets (`2016-06-13 10:00:00 -4`), 69 empty `image:` keys, and root-relative
    # image paths (`/assets/blog/...`), which this site uses on purpose; three yearly award
    # posts with one title; 45 file names dated a day or more before or after `date`.
    "eleventy-18f-posts": (
        509,
        {"FM201": 53, "FM402": 26, "FM601": 69, "FM602": 282, "FM801": 3, "FM802": 45},
    ),
    # Blank lines before `---`, `expirydate:` given twice, duplicated `topics`, unpadded hours,
    # zero-width spaces and trailing non-breaking spaces, one empty `featured_image`; one
    # post published twice (2013-02 and 2013-06); 93 file names dated another day than
    # `date` (posts rescheduled after they were named).
    "hugo-digitalgov-news": (
        961,
        {
            "FM014": 4,
            "FM101": 13,
            "FM201": 76,
            "FM202": 4,
            "FM402": 139,
            "FM501": 31,
            "FM601": 1,
            "FM801": 2,
            "FM802": 93,
        },
    ),
    # One front matter holding only a comment; 108 pages whose title another page has
    # (`Introduction` in four sections, a concept and its method: `Menus`, `Sections`).
    "hugo-docs": (991, {"FM012": 1, "FM801": 108}),
    # TOML; root-relative `image` paths; one article filed in two sections.
    "hugo-toml-baldanders": (618, {"FM602": 488, "FM801": 2}),
    # `version: 3.0`, and a date with trailing garbage (`2023-01-29 18:30:22 2023 -0800`);
    # nine release posts dated a day after their file name, one (2018-03-14) a month after.
    "jekyll-jekyll-posts": (102, {"FM303": 1, "FM401": 1, "FM802": 9}),
    # A translated `title:` under the original, and unpadded hours; 108 news items whose
    # English title was kept in another language's folder (a per-file-ignore or `[duplicates]`
    # without `title` is how this site would configure it).
    "jekyll-ruby-lang-news": (2163, {"FM101": 4, "FM402": 21, "FM801": 108}),
    # The seed's site: trailing spaces on every line, its date dialect, `[latest, latest]`,
    # trailing non-breaking spaces, `#hashtags` that cut values short, empty `image:`.
    # And 65 copies `name 2.md` beside their original, with its title (FM801).
    "jigsaw-dailymail": (
        4747,
        {
            "FM201": 33229,
            "FM202": 552,
            "FM301": 11,
            "FM402": 4747,
            "FM501": 594,
            "FM601": 19,
            "FM801": 130,
        },
    ),
    "jigsaw-dailymail-spun": (
        253,
        {"FM201": 1765, "FM402": 253, "FM501": 129, "FM601": 1, "FM801": 2},
    ),
    # TOML, clean but for 21 posts sharing a title with another (two security advisories,
    # "Changes in the Core Team", the series of "crates.io: development update").
    "zola-rust-blog": (460, {"FM801": 21}),
}


@needs_corpora
@pytest.mark.slow
def test_every_corpus_post_is_linted_and_the_findings_are_known() -> None:
    """Each corpus is one run, with two of the opt-in checks across posts: repeated titles,
    slugs and permalinks (FM801), and file names dated another day than `date` (FM802)."""
    settings = Settings(root=CORPORA, enabled=DEFAULT_SELECTION | {"FM801", "FM802"})
    linter = Linter(settings)
    found: dict[str, tuple[int, dict[str, int]]] = {}
    for corpus in sorted(path for path in CORPORA.iterdir() if path.is_dir()):
        results = [linter.lint(t) for t in discover([str(corpus)], settings, force_exclude=False)]
        compared = list(compare(results, linter.project_codes, settings.options))
        codes = Counter(d.code for r in compared for d in r.diagnostics)
        found[corpus.name] = (len(compared), dict(codes))
    assert {name: found[name] for name in EXPECTED} == EXPECTED


@needs_corpora
@pytest.mark.slow
def test_both_yaml_parsers_read_every_corpus_post_alike() -> None:
    """libyaml and the pure parser give the same tree, data and problems on every real post,
    so results never depend on how PyYAML was installed."""
    settings = Settings(root=CORPORA)
    compared = 0
    for target in discover([str(CORPORA)], settings, force_exclude=False):
        doc = document.parse(target.display, target.path.read_bytes(), settings.limits)
        block = doc.block
        if block is None or block.closing is None or block.format is not Format.YAML:
            continue
        start, end = block.content.start, block.content.end
        results = [
            yaml_loader.load_with(parser, doc.text, start, end, doc.lines, settings.limits)
            for parser in yaml_loader.LOADERS
        ]
        assert all(r == results[0] for r in results), target.display
        compared += 1
    assert compared > 9_000


@needs_corpora
@pytest.mark.slow
def test_the_fast_yaml_path_reads_every_corpus_post_it_takes_as_the_full_loader() -> None:
    settings = Settings(root=CORPORA)
    taken = 0
    for target in discover([str(CORPORA)], settings, force_exclude=False):
        doc = document.parse(target.display, target.path.read_bytes(), settings.limits)
        block = doc.block
        if block is None or block.closing is None or block.format is not Format.YAML:
            continue
        start, end = block.content.start, block.content.end
        fast = yaml_simple.load(doc.text, start, end, doc.lines)
        if fast is None:
            continue
        full = yaml_loader.load_with(
            yaml_loader.LOADERS[0], doc.text, start, end, doc.lines, settings.limits
        )
        assert fast == full, target.display
        taken += 1
    assert taken > 7_500  # the seed's sites and most Jekyll and Hugo posts
