"""Compiled HTML templates kept between builds. Sphinx compiles furo's Jinja templates anew in every
process (about 0.2 s, a tenth of an incremental English rebuild); Jinja's own bytecode cache keeps them
next to the doctrees, keyed by each template's name and source checksum, so an edited template is
compiled again and a cold build behaves as before.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx


PINNED = {"sphinx": "9.0.4"}


def _use_bytecode_cache(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is None:  # builders without Jinja templates (LaTeX, gettext, text)
        return
    folder = Path(app.doctreedir) / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _use_bytecode_cache)
