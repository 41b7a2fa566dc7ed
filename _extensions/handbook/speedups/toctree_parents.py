"""Sphinx rewrites every page whose toctree includes a page it read again (``env.files_to_rebuild``). When
that page's title and table of contents did not change, those parents show nothing new: the rewrite is
skipped, so an edited msgstr, Dutch paragraph or registry entry rewrites the pages that show it and no other (and Sphinx's
search page, which it writes on every build). The parents are put back after the build, so the
environment pickled for the next build is as Sphinx left it.

Relies on ``site.rewrite_scope`` remembering what every page showed when the build started.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.builders import Builder

from ..site.rewrite_scope import tables_of_contents, titles

PINNED = {"sphinx": "9.0.4"}


def _skip_unchanged_toctree_parents(app: Sphinx, builder: Builder) -> None:
    """Runs just before Sphinx adds the toctree parents of the pages to write (Builder.write)."""
    before = getattr(app, "handbook_before", None)
    env = app.env
    if before is None or titles(env) != before["titles"]:
        return
    tocs = tables_of_contents(env)
    # a page rewritten without being read again (it shows an edited registry entry) has the same toc too
    unchanged = {docname for docname in env.files_to_rebuild
                 if docname not in app.handbook_reading
                 or (docname in before["tocs"] and tocs.get(docname) == before["tocs"][docname])}
    app.handbook_parents_skipped = {docname: env.files_to_rebuild.pop(docname)
                                    for docname in unchanged if docname in env.files_to_rebuild}


def _restore_toctree_parents(app: Sphinx, exception: Exception | None) -> None:
    app.env.files_to_rebuild.update(getattr(app, "handbook_parents_skipped", {}))
    app.handbook_parents_skipped = {}


def setup(app: Sphinx) -> None:
    app.connect("write-started", _skip_unchanged_toctree_parents)
    app.connect("build-finished", _restore_toctree_parents)
