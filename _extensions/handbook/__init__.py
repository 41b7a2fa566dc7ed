"""Sphinx extension of the handbook "Richtlijnen voor digitale systemen".

One module per concern, all behind this ``setup()``:

- ``editions``: per-language settings, language switcher, hreflang and PDF link;
- ``frontmatter`` / ``guidelines``: guideline metadata read, checked and collected per document;
- ``action_cards`` and ``statuses``: the "Direct aan de slag" cards and their status vocabulary;
- ``relations``: related guidelines, reverse relations, card grids and the relations overview;
- ``rewrite_scope``: an incremental build rewrites the pages that show what changed, and no others;
- ``latex``: the LaTeX rendering of cards and badges;
- ``problems``: metadata errors, reported with file and line, that stop the build;
- ``translation_notice``: translations guarded against injected markup, notice on untranslated pages;
- ``site_extras``: sitemap, 404 page, page metadata, accessible names;
- ``myst_speed``, ``translation_speed``, ``template_cache``, ``navigation``: translated messages parsed
  faster and once, templates compiled once, the sidebar navigation built once per build.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import (action_cards, editions, guidelines, i18n, latex, myst_speed, navigation, problems, relations,
               rewrite_scope, site_extras, template_cache, translation_notice, translation_speed)

__version__ = "1.0.0"


def setup(app: Sphinx) -> dict:
    myst_speed.setup(app)
    translation_speed.setup(app)
    app.setup_extension("sphinx_design")
    app.setup_extension("sphinx.ext.graphviz")
    i18n.setup(app)
    problems.setup(app)
    editions.setup(app)
    guidelines.setup(app)
    action_cards.setup(app)
    relations.setup(app)
    rewrite_scope.setup(app)
    latex.setup(app)
    translation_notice.setup(app)
    site_extras.setup(app)
    template_cache.setup(app)
    navigation.setup(app)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
