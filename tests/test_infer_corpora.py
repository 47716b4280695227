"""A schema inferred from each corpus of ``../shared/corpora`` is a valid draft 2020-12 schema,
and checking the same corpus against it reports only its outliers: each count below was
checked against the files.

Default settings otherwise (dates in the default dialects), so a date outlier the schema's
pattern or format catches is reported by FM402/FM401, which supersede FM705/FM706 on dates;
likewise FM501 supersedes ``uniqueItems`` and FM601 an empty URL's ``type``. Only the schema's
own diagnostics (FM7xx) are counted here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from matterlint.config import Settings
from matterlint.discovery import discover
from matterlint.document import Document
from matterlint.engine import Linter
from matterlint.infer import DEFAULT_THRESHOLD, Learner
from matterlint.nodes import NodeKind
from matterlint.scaffold import schema_text
from support import CORPORA, needs_corpora

# corpus: (posts, keys, required keys, FM7xx problems by code, files with any)
EXPECTED: dict[str, tuple[int, int, int, dict[str, int], int]] = {
    # `tableOfContents: false` among 21 mappings; `type: media` in 3 guides (7 other types);
    # `editUrl`, `next`, `banner`, `hero`, `featuredListing`: each in one page only.
    "astro-starlight-docs-en": (420, 15, 2, {"FM702": 5, "FM703": 1, "FM704": 3}, 5),
    # Tags `features` (5) and `techtalk` (2) outside the 8 common ones; one post without
    # `slug`, one without `tags`; `toc_max_heading_level` and `description` once each.
    "docusaurus-electron-blog": (130, 5, 5, {"FM701": 2, "FM702": 2, "FM704": 7}, 10),
    # A paragraph of `excerpt` run out of its value into a key of its own (`<p>In the
    # movies, ...`), `images` next to the usual `image`, `image_caption`, `locale`.
    "eleventy-18f-posts": (509, 15, 4, {"FM702": 4}, 4),
    # `slug: 124062` (an integer), empty `summary` (10), `deck` (6) and `source` (5); 12 posts
    # without `topics`, 5 without `summary`, one without `slug`, one without `date`;
    # `cms_date` once; a `source_url` broken by a line break; `weight: 0` where 169 posts
    # have 1. (The empty `featured_image` is FM601's.)
    "hugo-digitalgov-news": (
        961,
        19,
        5,
        {"FM701": 19, "FM702": 1, "FM703": 22, "FM704": 1, "FM705": 1},
        37,
    ),
    # 47 `_common` partials without `title` (one holds only a comment: skipped when
    # inferring, checked as empty), 9 `params` without `functions_and_methods`, 13 empty
    # `returnType`s, and `outputs`, `build`, `alias` (for `aliases`), `details`, `linktitle`
    # (for `linkTitle`), `params.minVersion`, `params.hide_in_this_section`, each once.
    "hugo-docs": (990, 15, 1, {"FM701": 56, "FM702": 7, "FM703": 13}, 73),
    # `athjax` and `ermaidjs` for `mathjax` and `mermaidjs` in one post's `scripts` (so both
    # are missing there too), and three `author` tables without `flattr`.
    "hugo-toml-baldanders": (618, 13, 3, {"FM701": 5, "FM702": 2}, 4),
    # Three posts without `date`; authors seen in one or two posts (`benbalter` twice,
    # `alfredxing`, `mertkahyaoglu`) and `DirtyF` for `dirtyf`; one `category: community`
    # among releases; `layout`, `redirect_from`, `filters_linked_to` once each.
    "jekyll-jekyll-posts": (102, 7, 3, {"FM701": 3, "FM702": 3, "FM704": 6}, 11),
    # Two empty `tags:` and one `segurança` where 294 posts say `security`; `breaks` once.
    "jekyll-ruby-lang-news": (2163, 7, 4, {"FM702": 1, "FM704": 3}, 4),
    # Every key in every post; its outliers (594 repeated categories, 19 empty images) are
    # reported by FM501 and FM601, which supersede the schema's `uniqueItems` and `type`.
    "jigsaw-dailymail": (4747, 8, 8, {}, 0),
    "jigsaw-dailymail-spun": (253, 8, 8, {}, 0),
    # The two section indexes and `releases/latest.md` have no `authors` or `path` (the
    # last no `title` either); the `inside-rust` index's `sort_by`, `generate_feeds` and
    # three `extra` keys, once each.
    "zola-rust-blog": (460, 7, 3, {"FM701": 7, "FM702": 5}, 3),
}


@needs_corpora
@pytest.mark.slow
@pytest.mark.parametrize("corpus", sorted(EXPECTED))
def test_a_schema_inferred_from_a_corpus_reports_only_its_outliers(
    corpus: str, tmp_path: Path
) -> None:
    settings = Settings(root=CORPORA)
    docs: list[tuple[Path, Document]] = []
    learner = Learner()
    reader = Linter(settings)
    for target in discover([str(CORPORA / corpus)], settings, force_exclude=False):
        _, doc = reader.read(target)
        docs.append((target.path, doc))
        if doc.root is not None and doc.root.kind is NodeKind.MAPPING:
            assert isinstance(doc.data, dict)
            learner.add(doc.data)
    inference = learner.infer([corpus], "test", DEFAULT_THRESHOLD)
    Draft202012Validator.check_schema(inference.schema)
    schema = tmp_path / "posts.schema.json"
    schema.write_text(schema_text(inference), encoding="utf-8")
    linter = Linter(settings, str(schema))
    found: Counter[str] = Counter()
    files = 0
    for path, doc in docs:
        codes = [d.code for d in linter.check(doc, path).diagnostics if d.code[:3] == "FM7"]
        found.update(codes)
        files += bool(codes)
    counted = (inference.posts, inference.keys, inference.required, dict(found), files)
    assert counted == EXPECTED[corpus]
