"""Write a deterministic corpus of seed-like Jigsaw news posts with known injected defects.

Usage: ``python benchmarks/generate.py OUT_DIR --posts N [--seed S]``.

Why a generator and not the shared corpora: speed targets are stated for 10,000 and 100,000
posts, and a speed figure means nothing unless the linter provably found every problem. Each
post is shaped like ``shared/examples/seed-post.md`` (same keys, same order, a filler body so
the file is 5 to 30 KB), and each defect is injected independently at a fixed rate, together with
every diagnostic matterlint reports for it: ``OUT_DIR/ground-truth.jsonl`` holds one line per
post, ``{"path": ..., "defects": [{"code": "FM501", "line": 8}, ...]}``, with paths relative
to ``OUT_DIR`` and 1-based lines. ``OUT_DIR/matterlint.toml`` maps every post to the built-in
``news-post`` schema and turns off ``.gitignore`` handling. The same ``--posts`` and ``--seed``
always give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

POSTS_PER_FOLDER = 1000
MIN_BYTES = 5_000
MAX_BYTES = 30_000
NBSP = "\u00a0"
# Corpora live in git-ignored folders (benchmarks/.corpus-*), and matterlint skips ignored files
# even inside a directory named on its command line, so the corpus opts out of .gitignore.
CONFIG = 'respect-gitignore = false\n\n[schemas]\n"**/*.md" = "news-post"\n'

# Probability that a post gets each defect, drawn independently. `http-image` and `empty-image`
# share the `image` value, `hashtag-title` and `nbsp-title` the title, so each pair is drawn as
# one choice. The rates follow the seed's site (HAZARDS.md: a duplicated category in about one
# post in eight, NBSP-ended titles common, empty images and hashtags rare) and leave about 40%
# of the posts clean.
RATES: dict[str, float] = {
    "duplicate-category": 0.125,
    "jigsaw-date": 0.15,
    "trailing-space": 0.20,
    "empty-image": 0.02,
    "http-image": 0.05,
    "hashtag-title": 0.03,
    "nbsp-title": 0.12,
    "typo-key": 0.03,
    "quoted-boolean": 0.05,
    "missing-section": 0.03,
    "blank-line-before": 0.02,
}

# The opening and closing delimiters are addressed by these pseudo-keys; FM014 is always line 1.
OPEN = "<open>"
CLOSE = "<close>"
FIRST_LINE = "<first-line>"

# Plain words only: no `:`, `#`, quotes or YAML keywords, so titles stay plain YAML scalars.
_HEADLINE_TEXT = (
    "minister police court council school hospital family market storm election vaccine "
    "football league star city village river island border report budget charity museum "
    "mother father children teacher doctor driver pilot farmer student lawyer judge queen "
    "prince president leader rival winner crowd fans workers residents passengers shoppers "
    "reveals says warns admits claims denies launches wins loses faces calls backs blocks "
    "after before during amid over under against without across behind beyond despite "
    "new old first last record major rare huge tiny secret historic shock bold quiet early "
    "London Paris Sydney Karabakh Brussels Manchester Dublin Madrid Texas Ontario Berlin"
)
WORDS = tuple(_HEADLINE_TEXT.split())
CATEGORIES = ("latest", "news", "sport", "tvshowbiz", "femail", "money", "health", "travel")
HASHTAGS = ("#MeToo", "#BlackLivesMatter", "#StayHome", "#COVID19", "#Brexit", "#Euro2020")
_FILLER_TEXT = (
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut "
    "labore et dolore magna aliqua"
)
FILLER_WORDS = tuple(_FILLER_TEXT.split())


@dataclass(slots=True)
class Draft:
    """One post's front matter while defects are injected.

    ``entries`` are ``(key, line text)`` pairs in file order, without line ends, so that removing
    or renaming a key keeps the other lines' positions computable. ``expected`` lists
    ``(code, anchor)`` pairs, the anchor being a key or a pseudo-key, resolved to line numbers
    only once the final layout is known.
    """

    entries: list[tuple[str, str]]
    open_line: str = "---"
    close_line: str = "---"
    blank_before: bool = False
    expected: list[tuple[str, str]] = field(default_factory=list)

    def replace(self, key: str, text: str, new_key: str | None = None) -> None:
        """Set the line of ``key`` to ``text`` (and rename the key, if ``new_key`` is given)."""
        index = [k for k, _ in self.entries].index(key)
        self.entries[index] = (new_key or key, text)

    def remove(self, key: str) -> None:
        """Drop the line of ``key``."""
        self.entries = [(k, t) for k, t in self.entries if k != key]

    def lines(self) -> list[str]:
        """The front matter as file lines, delimiters and any leading blank line included."""
        body = [text for _, text in self.entries]
        return [*([""] if self.blank_before else []), self.open_line, *body, self.close_line]

    def line_of(self, anchor: str) -> int:
        """The 1-based line that ``anchor`` lands on in :meth:`lines`."""
        if anchor == FIRST_LINE:
            return 1
        offset = 2 if self.blank_before else 1
        if anchor == OPEN:
            return offset
        if anchor == CLOSE:
            return offset + len(self.entries) + 1
        return offset + 1 + [k for k, _ in self.entries].index(anchor)

    def defects(self) -> list[dict[str, str | int]]:
        """The expected diagnostics, sorted by line then code."""
        found = sorted((self.line_of(anchor), code) for code, anchor in self.expected)
        return [{"code": code, "line": line} for line, code in found]


def sentence(rng: random.Random, low: int, high: int) -> str:
    """Capitalised words with an occasional comma: plain YAML-safe text (no `: `, no ` #`)."""
    words = rng.choices(WORDS, k=rng.randint(low, high))
    words[0] = words[0].capitalize()
    if rng.random() < 0.3:
        words[2] += ","
    return " ".join(words)


def clean_draft(rng: random.Random) -> Draft:
    """A post with no defect: ISO date, https image, unique categories, no trailing spaces."""
    year, month, day = rng.randint(2019, 2021), rng.randint(1, 12), rng.randint(1, 28)
    hour, minute, second = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    stamp = rng.randint(1_500_000_000_000, 1_700_000_000_000)
    image = (
        f"https://i.dailymail.co.uk/1s/{year}/{month:02}/{day:02}/{hour:02}/"
        f"{rng.randint(10_000_000, 99_999_999)}-0-image-a-{rng.randint(1, 99)}_{stamp}.jpg"
    )
    categories = ", ".join(rng.sample(CATEGORIES, rng.randint(1, 3)))
    return Draft(
        [
            ("extends", "extends: _layouts.post"),
            ("section", "section: content"),
            ("image", f"image: {image}"),
            ("title", f"title: {sentence(rng, 6, 16)}"),
            ("description", f"description: {sentence(rng, 12, 30)}."),
            ("date", f"date: {year}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}"),
            ("categories", f"categories: [{categories}]"),
            ("featured", f"featured: {rng.choice(('true', 'false'))}"),
        ]
    )


def value_of(draft: Draft, key: str) -> str:
    """The text after ``key: `` on the key's line."""
    text = dict(draft.entries)[key]
    return text.partition(": ")[2]


def inject_values(draft: Draft, rng: random.Random) -> None:
    """Inject the defects that change one value; each records what matterlint reports."""
    if rng.random() < RATES["duplicate-category"]:
        items = value_of(draft, "categories")[1:-1].split(", ")
        items.append(rng.choice(items))
        draft.replace("categories", f"categories: [{', '.join(items)}]")
        draft.expected.append(("FM501", "categories"))
    if rng.random() < RATES["jigsaw-date"]:
        date = value_of(draft, "date").replace("T", "-").replace(":", "-")
        draft.replace("date", f"date: {date}")
        draft.expected.append(("FM402", "date"))
    image = rng.random()
    if image < RATES["empty-image"]:
        draft.replace("image", "image:")
        draft.expected.append(("FM601", "image"))
    elif image < RATES["empty-image"] + RATES["http-image"]:
        draft.replace("image", f"image: http{value_of(draft, 'image')[5:]}")
        # The schema's `pattern: ^https://` fails too, for the scheme only: FM603 reports it once.
        draft.expected += [("FM603", "image")]
    title = rng.random()
    if title < RATES["hashtag-title"]:
        draft.replace("title", f"title: {value_of(draft, 'title')} {rng.choice(HASHTAGS)}")
        draft.expected.append(("FM301", "title"))
    elif title < RATES["hashtag-title"] + RATES["nbsp-title"]:
        draft.replace("title", f"title: {value_of(draft, 'title')}{NBSP}")
        draft.expected.append(("FM202", "title"))
    if rng.random() < RATES["quoted-boolean"]:
        draft.replace("featured", f'featured: "{value_of(draft, "featured")}"')
        draft.expected.append(("FM703", "featured"))


def inject_layout(draft: Draft, rng: random.Random) -> None:
    """Inject the defects that add, drop or rename lines; each records what is reported."""
    if rng.random() < RATES["typo-key"]:
        draft.replace(
            "categories", f"categroies: {value_of(draft, 'categories')}", new_key="categroies"
        )
        draft.expected.append(("FM702", "categroies"))
        # A duplicate is still reported inside the misspelled key's list.
        draft.expected = [
            (code, "categroies" if anchor == "categories" else anchor)
            for code, anchor in draft.expected
        ]
    if rng.random() < RATES["missing-section"]:
        draft.remove("section")
        draft.expected.append(("FM701", CLOSE))
    if rng.random() < RATES["trailing-space"]:
        anchor = rng.choice([OPEN, *(k for k, _ in draft.entries), CLOSE])
        add_trailing_space(draft, anchor)
        draft.expected.append(("FM201", anchor))
    if rng.random() < RATES["blank-line-before"]:
        draft.blank_before = True
        draft.expected.append(("FM014", FIRST_LINE))


def add_trailing_space(draft: Draft, anchor: str) -> None:
    """Append one space to the line ``anchor`` names."""
    if anchor == OPEN:
        draft.open_line += " "
    elif anchor == CLOSE:
        draft.close_line += " "
    else:
        draft.replace(anchor, dict(draft.entries)[anchor] + " ")


def make_filler(rng: random.Random) -> str:
    """ASCII paragraphs of lorem words, long enough to slice any body from."""
    paragraphs: list[str] = []
    size = 0
    while size < 2 * MAX_BYTES:
        paragraph = " ".join(rng.choices(FILLER_WORDS, k=rng.randint(10, 90))) + "."
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def render(draft: Draft, filler: str, rng: random.Random) -> bytes:
    """The post's bytes: front matter, then a filler body sized so the file is 5 to 30 KB."""
    head = ("\n".join(draft.lines()) + "\n").encode()
    body_size = rng.randint(MIN_BYTES, MAX_BYTES) - len(head)
    start = rng.randint(0, len(filler) - body_size)
    return head + filler[start : start + body_size - 1].encode() + b"\n"


def relative_path(index: int) -> str:
    """Where post ``index`` goes: at most ``POSTS_PER_FOLDER`` posts per folder."""
    return f"posts/{index // POSTS_PER_FOLDER:03}/post-{index:06}.md"


def generate(out_dir: Path, posts: int, seed: int) -> int:
    """Write the corpus; return how many posts are clean."""
    rng = random.Random(seed)
    filler = make_filler(rng)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "matterlint.toml").write_text(CONFIG, encoding="utf-8")
    clean = 0
    with (out_dir / "ground-truth.jsonl").open("w", encoding="utf-8") as truth:
        for index in range(posts):
            draft = clean_draft(rng)
            inject_values(draft, rng)
            inject_layout(draft, rng)
            path = relative_path(index)
            target = out_dir / path
            if index % POSTS_PER_FOLDER == 0:
                target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(render(draft, filler, rng))
            defects = draft.defects()
            clean += not defects
            truth.write(json.dumps({"path": path, "defects": defects}) + "\n")
    return clean


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, write the corpus and say how many posts are clean."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--posts", type=int, required=True, metavar="N")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    args = parser.parse_args(argv)
    clean = generate(args.out_dir, args.posts, args.seed)
    print(f"{args.posts} posts in {args.out_dir} ({clean} clean)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
