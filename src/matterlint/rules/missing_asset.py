"""FM804 missing-asset: an image or asset path names a file that does not exist.

*What it checks*
Local paths under the URL keys (`[urls] keys`: `image`, `cover`, `thumbnail`, ...): a path
starting with `/` is looked up in each folder of `[assets] roots` (by default the project root,
where the configuration file is); any other path beside the post first (Hugo page bundles),
then in those folders. URLs with a scheme (`https:`), protocol-relative ones (`//cdn...`) and
template expressions (`{{ ... }}`) are not checked; a query or fragment is ignored and
percent-escapes are decoded. Off by default: select it (`extend-select = ["FM804"]`, or `FM8`
for every check across posts).

*Why it matters*
A renamed or deleted image leaves posts with a broken lead image and social card, and nothing
fails until a reader sees it. The check runs on every run, also when a post's result comes from
the cache, since the files it looks for change independently of the post.

*Example*
With `roots = ["static"]` and no `static/images/missing.png`:
```
---
image: /images/missing.png
---
```
gives `post.md:2:8: FM804 `image` names a file that does not exist: `/images/missing.png``
with help `Looked for static/images/missing.png`.

*Fix safety*
No fix: the right file is not known.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import unquote

from matterlint.diagnostics import Diagnostic, Severity, excerpt
from matterlint.nodes import format_path
from matterlint.rules._urls import url_values
from matterlint.rules.base import Claim, Origin, Rule

if TYPE_CHECKING:
    from matterlint.document import Document
    from matterlint.options import RuleOptions

RULE = Rule(
    "FM804",
    "missing-asset",
    "An image or asset path names a file that does not exist",
    Severity.ERROR,
    origin=Origin.PROJECT,
    options="assets",
    opt_in=True,
)

_REMOTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|//")
_TEMPLATE = ("{{", "{%", "${")


def collect(doc: Document, options: RuleOptions) -> Iterator[Claim]:
    roots = options.assets.roots or (os.getcwd(),)
    for path, node in url_values(doc, options):
        if not isinstance(node.value, str):
            continue
        value = node.value.strip()
        if not value or _REMOTE.match(value) or any(t in value for t in _TEMPLATE):
            continue
        local = unquote(value.split("#", 1)[0].split("?", 1)[0])
        if not local:
            continue
        if local.startswith("/"):
            candidates = [os.path.join(root, local.lstrip("/")) for root in roots]
        else:
            beside = os.path.dirname(os.path.abspath(doc.path))
            candidates = [os.path.join(folder, local) for folder in (beside, *roots)]
        message = f"`{format_path(path)}` names a file that does not exist: `{excerpt(value)}`"
        diagnostic = RULE.diagnostic(doc, node.span, message, key_path=path)
        yield Claim(diagnostic, tuple(dict.fromkeys(os.path.normpath(c) for c in candidates)))


def check_project(claims: Sequence[Claim], options: RuleOptions) -> Iterator[Diagnostic]:
    found: dict[str, bool] = {}
    for claim in claims:
        exists = False
        for candidate in claim.subject:
            if candidate not in found:
                found[candidate] = os.path.isfile(candidate)
            exists = exists or found[candidate]
        if not exists:
            looked = " or ".join(_shown(c) for c in claim.subject)
            yield replace(claim.diagnostic, hint=f"Looked for {looked}")


def _shown(path: str) -> str:
    """A candidate as the user would type it: relative to the current directory if inside."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative
