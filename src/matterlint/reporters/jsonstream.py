"""Writing a JSON array item by item, byte for byte as ``json.dump(items, indent=2)`` would,
so that a report of 100,000 posts never holds 100,000 items."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from matterlint.nodes import JSONValue


def write_array(stream: TextIO, items: Iterable[JSONValue], indent: str = "") -> None:
    """``items`` as an indented JSON array; ``indent`` is the array's own indentation."""
    inner = indent + "  "
    first = True
    for item in items:
        stream.write("[\n" if first else ",\n")
        text = json.dumps(item, indent=2, ensure_ascii=False)
        stream.write(inner + text.replace("\n", "\n" + inner))
        first = False
    stream.write("[]" if first else "\n" + indent + "]")
