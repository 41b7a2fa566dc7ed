"""Faster translated builds. Sphinx's Locale transform parses every msgstr (~1,400 in the English edition)
with MyST, and myst-parser 5.2.0 builds, for each of those small parses, a fresh docutils settings object
(``options.get("document", make_document())`` evaluates its default eagerly) and a fresh markdown-it
parser. Reusing both halves the English build (measured by build_scripts/bench.py: 10.5 s -> 6.1 s) and
gives byte-identical output.

This reaches into myst-parser's internals, so it applies only to the pinned version it was written and
measured against; any other version runs unpatched.
"""

from __future__ import annotations

import copy
import functools

from docutils.frontend import get_default_settings
from docutils.utils import new_document
from sphinx.application import Sphinx

PINNED = {"myst-parser": "5.2.0"}


def setup(app: Sphinx) -> None:
    from myst_parser.mdit_to_docutils import base  # noqa: PLC0415 (only for the measured version)
    from myst_parser.parsers import sphinx_  # noqa: PLC0415

    default_settings = functools.lru_cache(maxsize=None)(get_default_settings)

    def make_document(source_path="notset", parser_cls=base.RSTParser):
        return new_document(source_path, settings=copy.copy(default_settings(parser_cls)))

    create_md_parser = sphinx_.create_md_parser
    last: list = [None, None, None]  # config, renderer class, parser: msgstrs share the project's config

    def cached_md_parser(config, renderer):
        if last[0] is not config or last[1] is not renderer:
            last[:] = [config, renderer, create_md_parser(config, renderer)]
        return last[2]

    if getattr(sphinx_.create_md_parser, "handbook_speedup", False):
        return  # already patched in this process
    cached_md_parser.handbook_speedup = True
    base.make_document = make_document
    sphinx_.create_md_parser = cached_md_parser
