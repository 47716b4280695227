"""remark-lint-frontmatter-schema, the JavaScript linter the speed issue names as the one to
beat by 100 times: installed with npm into ``.remark/`` and run under node."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from measure import BenchmarkError, Contender

HERE = Path(__file__).resolve().parent
SCHEMA = HERE.parent / "schemas" / "news-post.json"
REMARK_DIR = HERE / ".remark"
REMARK_POSTS = 1000

REMARK_PACKAGE = {
    "private": True,
    "dependencies": {
        "remark-cli": "^12.0.1",
        "remark-frontmatter": "^5.0.0",
        "@julian_cataldo/remark-lint-frontmatter-schema": "^3.7.6",
    },
}
REMARK_RC = """\
import remarkFrontmatter from 'remark-frontmatter';
import frontmatterSchema from '@julian_cataldo/remark-lint-frontmatter-schema';

export default {
  plugins: [
    remarkFrontmatter,
    [frontmatterSchema, { schemas: { './news-post.json': ['**/*.md'] } }],
  ],
};
"""


def find_node() -> str:
    """node's path, looked up before anything is generated or installed for remark, so a
    machine without it fails at once."""
    node = shutil.which("node")
    if node is None:
        raise BenchmarkError("--remark needs node and npm on PATH")
    return node


def install_remark() -> None:
    """Install remark-cli and the plugin into ``.remark/`` (once) and write its configuration.

    The schema is copied without ``$schema``: the plugin's Ajv speaks draft-07 and rejects a
    2020-12 meta-schema reference, while every keyword of news-post means the same in both.
    """
    REMARK_DIR.mkdir(exist_ok=True)
    if not (REMARK_DIR / "node_modules").is_dir():
        (REMARK_DIR / "package.json").write_text(json.dumps(REMARK_PACKAGE, indent=2) + "\n")
        npm = ["npm", "install", "--no-audit", "--no-fund"]
        subprocess.run(npm, cwd=REMARK_DIR, check=True, stdout=sys.stderr)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    schema.pop("$schema", None)
    (REMARK_DIR / "news-post.json").write_text(json.dumps(schema, indent=2) + "\n")
    (REMARK_DIR / ".remarkrc.mjs").write_text(REMARK_RC)


def remark_contender(node: str, corpus: Path) -> Contender:
    """remark over ``corpus``, which must lie inside ``.remark/``: remark runs there, beside
    the configuration that maps ``**/*.md`` to the schema, and is given the corpus by name."""
    install_remark()
    cli = str(REMARK_DIR / "node_modules" / "remark-cli" / "cli.js")
    command = (node, cli, corpus.name, "--quiet", "--no-color")
    return Contender("remark", "remark-lint-frontmatter-schema", command, REMARK_DIR, REMARK_POSTS)
