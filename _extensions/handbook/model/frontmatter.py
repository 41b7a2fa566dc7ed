"""A page's front matter as MyST parsed it, with the line of every key and list item.

MyST parses the YAML front matter once and leaves the values in a field list at the top of the document
(numbers and lists JSON-encoded, as it also writes them into ``env.metadata``): the values are taken from
there. MyST does not keep where each key stands, so the lines come from a scan of the front-matter block
of the source text Sphinx handed to the parser (``source-read``): a line scan, not a second YAML parse.
Only when MyST rejected the YAML is it composed again, to tell on which line it broke.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import yaml
from docutils import nodes
from sphinx.application import Sphinx

SOURCE_KEY = "handbook_front_matter"  # env.current_document: (block text, line of its first key)
TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:")
LIST_ITEM = re.compile(r"^\s+-\s")
JSON_KEYS = ("number", "relations")  # values MyST JSON-encodes that the handbook reads as data


@dataclass
class FrontMatter:
    values: dict = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # key -> 1-based line in the file
    item_lines: dict[str, list[int]] = field(default_factory=dict)  # key -> line of each list item
    first_line: int = 1
    error: str | None = None


def _remember_block(app: Sphinx, docname: str, source: list[str]) -> None:
    text = source[0]
    if not text.startswith("---"):
        return
    end = text.find("\n---", 3)
    block = text[text.index("\n") + 1: end + 1] if end >= 0 else None
    app.env.current_document[SOURCE_KEY] = (block, 2)  # the opening '---' is line 1


def _decode(key: str, text: str):
    if key in JSON_KEYS:
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text


def _field_list(document: nodes.document) -> nodes.field_list | None:
    for child in document.children:
        if isinstance(child, nodes.field_list):
            return child
        if isinstance(child, (nodes.section, nodes.paragraph)):
            return None
    return None


def _line_index(block: str, first: int, result: FrontMatter) -> None:
    key = None
    for offset, line in enumerate(block.splitlines()):
        if match := TOP_KEY.match(line):
            key = match["key"]
            result.lines[key] = first + offset
            rest = line[match.end():].strip()
            if rest.startswith("["):  # a flow list: every item on the key's line
                result.item_lines[key] = [first + offset] * (rest.count(",") + 1)
        elif key and LIST_ITEM.match(line):
            result.item_lines.setdefault(key, []).append(first + offset)


def _yaml_error(block: str, first: int) -> FrontMatter:
    try:
        yaml.compose(block, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + first if mark else first - 1
        return FrontMatter(first_line=line, error=f"the front matter is not valid YAML: {exc}")
    return FrontMatter(error="the front matter must be a mapping of keys to values")


def read_front_matter(env, document: nodes.document) -> FrontMatter:
    """The current document's front matter, from MyST's field list and the remembered source block."""
    block, first = env.current_document.get(SOURCE_KEY, (None, 2))
    if block is None:
        error = "the front matter has no closing '---' line" if env.current_document.get(SOURCE_KEY) else None
        return FrontMatter(error=error)
    fields = _field_list(document)
    if fields is None:
        return _yaml_error(block, first) if block.strip() else FrontMatter()
    result = FrontMatter()
    for item in fields.findall(nodes.field):
        key = item[0].astext()
        result.values[key] = _decode(key, item[1].astext())
    _line_index(block, first, result)
    return result


def setup(app: Sphinx) -> None:
    app.connect("source-read", _remember_block)
