"""``sitemap.xml`` of an edition: every page of the edition, each with its ``hreflang`` alternates in all
published editions (and ``x-default``, the first edition), as search engines want them for translated
sites. A draft edition writes no sitemap and is no alternate in the others' (``editions.published``).

Each edition writes its own ``<edition>/sitemap.xml`` (a sitemap may only list addresses in its own folder
and below; the alternates may point anywhere). The sitemap protocol wants absolute addresses: with
``html_baseurl`` set they are; without it the addresses are paths from the host's root (``/nl/...``), fine
for a reader and a link checker, but not accepted by search engines: set ``html_baseurl`` to the address
of the published site root before submitting a sitemap.

Why not sphinx-sitemap: version 2.9.0 was built on tests/roots/test-site-extras (``sitemap_locales =
["nl", "en"]``, ``sitemap_url_scheme = "{lang}{link}"``, ``sitemap_excludes`` for 404/search/genindex) and
its sitemap.xml read back (December 2026):

- it writes the ``nl`` and ``en`` alternates but no ``x-default``, and has no setting for one;
- without ``html_baseurl`` it writes no sitemap at all and warns (``sitemap.configuration``), which fails a
  ``-W`` build; the handbook builds without an address by default;
- it lists only the pages written in the current build (it collects them at ``html-page-context``): after
  an incremental build that rewrote ``over.html`` its sitemap held that one page and had lost the others;
- it starts a ``multiprocessing.Manager`` server process in every build.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from sphinx.application import Sphinx
from sphinx.util import logging

from .addresses import page_address, site_base
from .editions import published

logger = logging.getLogger(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def sitemap_pages(app: Sphinx) -> list[str]:
    """The documents a sitemap lists: all but the "page not found" page."""
    return sorted(docname for docname in app.env.found_docs if docname != app.config.notfound_pagename)


def build_sitemap(app: Sphinx) -> ET.ElementTree:
    config = app.config
    languages = published(config)
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for docname in sitemap_pages(app):
        target = app.builder.get_target_uri(docname)
        url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = page_address(config, config.language, target)
        for hreflang, language in [(lang, lang) for lang in languages] + [("x-default", languages[0])]:
            ET.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=hreflang,
                          href=page_address(config, language, target))
    ET.indent(urlset)
    return ET.ElementTree(urlset)


def _write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    if app.config.language not in published(app.config):
        (app.outdir / "sitemap.xml").unlink(missing_ok=True)  # a draft is not announced to search engines
        return
    if site_base(app.config) is None:
        logger.info("sitemap.xml: html_baseurl is not set, so the sitemap holds paths from the host's root "
                    "(/%s/...); set html_baseurl to the published address for search engines.",
                    app.config.language)
    build_sitemap(app).write(app.outdir / "sitemap.xml", encoding="utf-8", xml_declaration=True)


def setup(app: Sphinx) -> None:
    app.connect("build-finished", _write_sitemap)
