"""Sphinx extension of the handbook "Richtlijnen voor digitale systemen". ARCHITECTURE.md at the project
root shows how the data flows; each subpackage has one concern:

- ``model``: the handbook's data (guidelines, relations, statuses) and the authors' input problems;
- ``render``: nodes, directives and their HTML, LaTeX and text rendering;
- ``i18n``: the extension's catalogue, translations guarded and untranslated text marked;
- ``site``: editions, language switcher, page metadata, sitemap, 404 page, rewrite scope;
- ``speedups``: every patch of a private API of Sphinx, MyST or furo (``HANDBOOK_SPEEDUPS=0``: none).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"


def setup(app: Sphinx) -> dict:
    # imported here: the build scripts import single modules (site.site_root, site.contact) without Sphinx
    from . import i18n, model, render, site, speedups  # noqa: PLC0415

    speedups.setup(app)
    app.setup_extension("sphinx_design")
    app.setup_extension("sphinx.ext.graphviz")
    i18n.setup(app)
    model.setup(app)
    render.setup(app)
    site.setup(app)
    return {
        "version": __version__,
        "env_version": 6,  # 6: the domain keeps the phase pages apart
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
