from __future__ import annotations

from pathlib import Path

import pytest

from matterlint.config import Overrides, find_config, load_settings, resolve_selectors
from matterlint.dates import Dialect
from matterlint.diagnostics import Severity
from matterlint.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_find_config_walks_up_and_skips_pyproject_without_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.matterlint]\nignore = ['FM201']\n")
    write(tmp_path / "site" / "pyproject.toml", "[project]\nname = 'x'\n")
    deep = tmp_path / "site" / "content" / "posts"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "pyproject.toml"
    write(tmp_path / "site" / ".matterlint.toml", "")
    assert find_config(deep) == tmp_path / "site" / ".matterlint.toml"


def test_every_setting(tmp_path: Path) -> None:
    config = write(
        tmp_path / "matterlint.toml",
        """
select = ["FM2", "duplicate-list-item", "FM401"]
extend-select = ["FM101"]
ignore = ["FM202"]
extensions = [".md"]
extend-exclude = ["drafts/"]
respect-gitignore = false
allow-remote-schemas = true
max-depth = 10

[per-file-ignores]
"legacy/**" = ["trailing-whitespace"]

[severity]
FM201 = "error"

[schemas]
"content/posts/**" = "news-post"

[dates]
accept = ["jigsaw"]
canonical = "space-datetime"
keys = ["date"]

[urls]
keys = ["hero"]
""",
    )
    settings = load_settings(config, tmp_path)
    assert settings.enabled == {"FM201", "FM501", "FM401", "FM101"}
    assert settings.per_file_ignores == (("legacy/**", frozenset({"FM201"})),)
    assert settings.severities == {"FM201": Severity.ERROR}
    assert settings.schemas == (("content/posts/**", "news-post"),)
    assert settings.extensions == (".md",)
    assert settings.exclude[-1] == "drafts/" and ".git/" in settings.exclude
    assert settings.respect_gitignore is False
    assert settings.allow_remote_schemas is True
    assert settings.limits.max_depth == 10
    assert settings.options.dates.accept == (Dialect.JIGSAW,)
    assert settings.options.dates.canonical is Dialect.SPACE_DATETIME
    assert settings.options.urls.keys == ("hero",)
    assert settings.root == tmp_path


def test_command_line_overrides(tmp_path: Path) -> None:
    config = write(tmp_path / "matterlint.toml", 'select = ["FM5"]\n')
    settings = load_settings(config, tmp_path, Overrides(select=("FM2",), ignore=("FM202",)))
    assert settings.enabled == {"FM201"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("selcet = []", "unknown setting `selcet` (did you mean `select`?)"),
        ('select = "FM201"', "`select` must be a list of rule codes or names"),
        ('select = ["FM999"]', "`select`: unknown rule `FM999`"),
        (
            'ignore = ["trailing-whitespaces"]',
            "unknown rule `trailing-whitespaces` (did you mean `trailing-whitespace`?)",
        ),
        ("[severity]\nFM201 = 'fatal'", '`severity.FM201` must be "error" or "warning"'),
        (
            "[dates]\naccept = ['iso']",
            "[dates]: `accept` must be one of iso-date, iso-datetime, jigsaw, space-datetime",
        ),
        ("[dates]\nformat = 'x'", "[dates]: unknown setting `format`"),
        ("extensions = ['md']", 'entries start with a dot, like ".md"'),
        ("max-depth = 0", "`max-depth` must be a positive integer"),
        ("select = [", "invalid TOML"),
        ("[duplicates]\nkeys = 'title'", "[duplicates]: `keys` must be a list of strings"),
        ("[assets]\nroot = 'static'", "[assets]: unknown setting `root` (did you mean `roots`?)"),
        ("taxonomy = 'tags.yml'", "`taxonomy` must be a table of key = file"),
        ("[taxonomy]\ntags = 1", "`taxonomy.tags` must be the path of a YAML, JSON or TOML file"),
        ("[taxonomy]\ntags = 'none.yml'", "`taxonomy.tags`: cannot read"),
        ("[taxonomy]\ntags = 'bad.json'", "`taxonomy.tags`: cannot parse"),
        (
            "[taxonomy]\ntags = 'nested.yml'",
            "must hold a list of values, or a mapping whose keys are the values",
        ),
    ],
)
def test_mistakes_name_the_key(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path / "bad.json", "[1,")
    write(tmp_path / "nested.yml", "- [a, b]\n")
    config = write(tmp_path / "matterlint.toml", text + "\n")
    with pytest.raises(ConfigError) as error:
        load_settings(config, tmp_path)
    assert message in str(error.value)
    assert str(config) in str(error.value)


def test_selectors() -> None:
    assert resolve_selectors(["FM50"], "x") == {"FM501"}
    assert resolve_selectors(["fm501"], "x") == {"FM501"}
    assert "FM901" in resolve_selectors(["ALL"], "x")


def test_opt_in_rules_run_only_when_selected(tmp_path: Path) -> None:
    across = {"FM801", "FM802", "FM803", "FM804"}
    assert not across & load_settings(None, tmp_path).enabled
    config = write(tmp_path / "matterlint.toml", 'ignore = ["FM201"]\n')
    assert not across & load_settings(config, tmp_path).enabled
    everything = load_settings(config, tmp_path, Overrides(select=("ALL",))).enabled
    assert across <= everything and "FM201" not in everything
    extended = load_settings(config, tmp_path, Overrides(extend_select=("FM8",))).enabled
    assert across <= extended


def test_taxonomy_and_asset_settings(tmp_path: Path) -> None:
    write(tmp_path / "data" / "tags.yml", "- ruby\n- 3.0\n- 7\n")
    write(tmp_path / "data" / "authors.json", '{"ada": {}, "grace": {}}')
    write(tmp_path / "data" / "sections.toml", "news = 1\nblog = 2\n")
    config = write(
        tmp_path / "site" / "matterlint.toml",
        """
[duplicates]
keys = ["slug"]
[taxonomy]
tags = "../data/tags.yml"
Authors = "../data/authors.json"
section = "../data/sections.toml"
[assets]
roots = ["static", "../shared"]
""",
    )
    options = load_settings(config, tmp_path).options
    assert options.duplicates.keys == ("slug",)
    assert [(t.key, t.source, t.values) for t in options.taxonomy.lists] == [
        ("tags", "../data/tags.yml", frozenset({"ruby", "3.0", "7"})),
        ("Authors", "../data/authors.json", frozenset({"ada", "grace"})),
        ("section", "../data/sections.toml", frozenset({"news", "blog"})),
    ]
    assert options.assets.roots == (str(tmp_path / "site" / "static"), str(tmp_path / "shared"))
    assert load_settings(None, tmp_path).options.assets.roots == (str(tmp_path),)
