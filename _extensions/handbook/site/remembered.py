"""What the build derives, remembered between builds: the cut stylesheets (``design_css``, ``theme_css``), the
minified stylesheets and scripts (``minify``) and the translation percentages (``editions``).

Cutting furo's and sphinx-design's stylesheets takes about 0.6 s per edition (tinycss2 parses 110 KB of
CSS; the words of some 300 files are scanned), which an incremental build would pay even when none of it
changed. Each result is kept in the doctree folder with a key made of everything it is made from (the texts
it reads, the classes in use, the names, sizes and times of change of the files it scans, the versions of
the libraries); a build whose key is the same takes the kept result.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sphinx.application import Sphinx

T = TypeVar("T")


def file_stamps(paths) -> list[tuple[str, int, int]]:
    """Name, size and time of change of each file: the part of a key that stands for files scanned."""
    stamps = []
    for path in sorted(set(map(str, paths))):
        try:
            stat = os.stat(path)
        except OSError:
            continue
        stamps.append((path, stat.st_size, stat.st_mtime_ns))
    return stamps


def remembered(app: Sphinx, name: str, inputs: object, make: Callable[[], T]) -> T:
    """``make()``, or what it gave the last time ``inputs`` (anything JSON can write) were the same.
    ``make()`` must give something JSON can write and read back unchanged (dicts of strings, lists)."""
    key = hashlib.sha256(json.dumps(inputs, sort_keys=True, default=sorted).encode()).hexdigest()
    path = Path(app.doctreedir) / "handbook-remembered" / f"{name}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored["key"] == key:
            return stored["value"]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # nothing kept yet, or unreadable: make it
    value = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")  # the HTML and LaTeX builds may run at once
    partial.write_text(json.dumps({"key": key, "value": value}), encoding="utf-8")
    partial.replace(path)
    return value
