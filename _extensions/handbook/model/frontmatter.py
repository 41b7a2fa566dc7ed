"""Read a page's YAML front matter with the line of every key and list item, so that errors can point
at the exact line (MyST only hands Sphinx the values, as strings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass
class FrontMatter:
    values: dict = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # key -> 1-based line in the file
    item_lines: dict[str, list[int]] = field(default_factory=dict)  # key -> line of each list item
    first_line: int = 1
    error: str | None = None


def read_front_matter(path: str | Path) -> FrontMatter:
    text = Path(path).read_text(encoding="utf-8")
    if not text.startswith("---"):
        return FrontMatter()
    end = text.find("\n---", 3)
    if end < 0:
        return FrontMatter(error="the front matter has no closing '---' line")
    block = text[text.index("\n") + 1 : end + 1]
    offset = 2  # the opening '---' is line 1; yaml marks are 0-based
    try:
        root = yaml.compose(block, Loader=yaml.SafeLoader)
        values = yaml.safe_load(block) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + offset if mark else 1
        return FrontMatter(first_line=line, error=f"the front matter is not valid YAML: {exc}")
    if not isinstance(root, yaml.MappingNode) or not isinstance(values, dict):
        return FrontMatter(error="the front matter must be a mapping of keys to values")
    result = FrontMatter(values=values)
    for key_node, value_node in root.value:
        key = str(key_node.value)
        result.lines[key] = key_node.start_mark.line + offset
        if isinstance(value_node, yaml.SequenceNode):
            result.item_lines[key] = [item.start_mark.line + offset for item in value_node.value]
    return result
