from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from matterlint.cli import cli
from matterlint.config import load_settings
from matterlint.dates import Dialect

JIGSAW = "---\ntitle: {title}\ndate: 2020-10-0{day}-14-38-05\ncategories: [news]\n---\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    posts = tmp_path / "source" / "_posts"
    posts.mkdir(parents=True)
    for day in range(1, 5):
        (posts / f"post-{day}.md").write_text(JIGSAW.format(title=f"Post {day}", day=day))
    (tmp_path / "README.md").write_text("# A site\n")
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


CONFIG = """\
# matterlint configuration, written by `matterlint init` from 4 posts under source.
# Every setting is checked when matterlint starts; see the README, Configuration.

# extend-select = ["FM8"]           # checks across posts (duplicate titles, ...): opt-in
# ignore = ["relative-url"]         # e.g. when root-relative image paths are on purpose
# extend-exclude = ["drafts/"]
# unsafe-fixes = false

# The schema each post is checked against (the first matching glob wins). It was
# inferred from the posts: a draft to edit. `matterlint check --show-schema` shows it.
[schemas]
"source/_posts/**" = "schemas/posts.schema.json"

# How the posts write dates: jigsaw in 4. Another spelling is reported
# (FM402), and `matterlint check --fix` rewrites it in the canonical dialect.
[dates]
accept = ["jigsaw"]
canonical = "jigsaw"
# keys = ["date", "lastmod", "publishdate", "expirydate", "pubdate", "updated", "modified", \
"last_modified_at", "created"]

# [severity]
# trailing-whitespace = "error"
"""


def test_init_writes_a_schema_and_a_configuration_that_check_uses(project: Path) -> None:
    assert run("init", "source") == (
        0,
        "",
        "Wrote schemas/posts.schema.json: 3 keys (3 required) learned from 4 posts\n"
        "Wrote matterlint.toml: source/_posts/** → schemas/posts.schema.json; run "
        "`matterlint check` to see the posts that do not fit\n",
    )
    assert (project / "matterlint.toml").read_text() == CONFIG
    schema = json.loads((project / "schemas/posts.schema.json").read_text())
    assert schema["required"] == ["title", "date", "categories"]
    settings = load_settings(project / "matterlint.toml", project)
    assert settings.schemas == (("source/_posts/**", "schemas/posts.schema.json"),)
    assert settings.options.dates.accept == (Dialect.JIGSAW,)
    assert run("check", "--show-schema", "source/_posts/post-1.md") == (
        0,
        f"source/_posts/post-1.md: schemas/posts.schema.json "
        f"({project / 'schemas/posts.schema.json'}), pattern `source/_posts/**` in "
        f"{project / 'matterlint.toml'}\n",
        "",
    )
    (project / "source/_posts/post-5.md").write_text(
        "---\ntitle: Five\ndate: 2020-10-05\ncategories: [news]\nlayout: post\n---\n"
    )
    assert run("check", "--output-format", "concise", "source") == (
        1,
        "source/_posts/post-5.md:3:7: FM402 date `2020-10-05` is not in an accepted format "
        "(jigsaw)\n"
        "source/_posts/post-5.md:5:1: FM702 unknown key `layout`\n",
        "",
    )


def test_init_never_overwrites_without_force(project: Path) -> None:
    (project / "matterlint.toml").write_text("# mine\n")
    assert run("init", "source") == (
        2,
        "",
        "Error: matterlint.toml exists; use --force to replace it\n",
    )
    assert (project / "matterlint.toml").read_text() == "# mine\n"
    assert not (project / "schemas").exists()
    (project / "matterlint.toml").unlink()
    (project / "posts.json").write_text("{}")
    assert run("init", "--schema-file", "posts.json", "source")[0] == 2
    assert run("init", "--schema-file", "posts.json", "--force", "source")[0] == 0
    assert (project / "matterlint.toml").read_text() == CONFIG.replace(
        "schemas/posts.schema.json", "posts.json"
    )
    assert json.loads((project / "posts.json").read_text())["required"] == [
        "title",
        "date",
        "categories",
    ]


def test_init_refuses_when_a_closer_config_would_win(project: Path) -> None:
    (project / ".matterlint.toml").write_text("")
    assert run("init", "--force", "source") == (
        2,
        "",
        "Error: .matterlint.toml exists and would take precedence over matterlint.toml\n",
    )


def test_a_pyproject_table_is_replaced_only_with_force(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.matterlint]\nignore = []\n")
    assert run("init", "source") == (
        2,
        "",
        "Error: pyproject.toml has a [tool.matterlint] table; use --force to replace it\n",
    )
    assert run("init", "--force", "source")[0] == 0
    assert (project / "matterlint.toml").read_text() == CONFIG


def test_posts_at_the_root_map_by_extension(project: Path) -> None:
    (project / "about.markdown").write_text("---\ntitle: About\n---\n")
    code, _, err = run("init")
    assert code == 0
    assert "Wrote matterlint.toml: *.markdown, *.md → schemas/posts.schema.json;" in err
    settings = load_settings(project / "matterlint.toml", project)
    assert settings.schemas == (
        ("*.markdown", "schemas/posts.schema.json"),
        ("*.md", "schemas/posts.schema.json"),
    )


def test_posts_outside_the_current_directory_are_refused(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "site").mkdir()
    monkeypatch.chdir(project / "site")
    assert run("init", "../source") == (
        2,
        "",
        "Error: the posts must lie under the current directory, where matterlint.toml is written\n",
    )
    assert not (project / "site" / "matterlint.toml").exists()


def test_no_dates_leaves_the_defaults_commented(project: Path) -> None:
    (project / "notes").mkdir()
    (project / "notes" / "a.md").write_text("---\ntitle: A\n---\n")
    run("init", "notes")
    text = (project / "matterlint.toml").read_text()
    assert text.endswith(
        '"notes/**" = "schemas/posts.schema.json"\n'
        "\n"
        "# No date field was found in the posts; the defaults:\n"
        "# [dates]\n"
        '# keys = ["date", "lastmod", "publishdate", "expirydate", "pubdate", "updated", '
        '"modified", "last_modified_at", "created"]\n'
        '# accept = ["iso-date", "iso-datetime", "space-datetime"]\n'
        '# canonical = "iso-datetime"\n'
        "\n"
        "# [severity]\n"
        '# trailing-whitespace = "error"\n'
    )


def test_a_date_field_of_another_name_is_added_to_the_keys(project: Path) -> None:
    (project / "news").mkdir()
    for day in (1, 2):
        (project / "news" / f"{day}.md").write_text(
            f"---\npublished: 2021-01-0{day} 10:00:00\nupdated_on: 2021-02-0{day}\n---\n"
        )
    run("init", "news")
    settings = load_settings(project / "matterlint.toml", project)
    dates = settings.options.dates
    assert dates.accept == (Dialect.SPACE_DATETIME, Dialect.ISO_DATE)
    assert dates.canonical is Dialect.SPACE_DATETIME
    assert dates.keys[-2:] == ("published", "updated_on")
