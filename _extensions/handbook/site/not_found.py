"""The "page not found" page of an edition (``source/404.md``, translated like any page), with
sphinx-notfound-page.

A web host shows this page in place of an address that does not exist, at any depth
(``/en/richtlijnen/gone/index.html``), where relative addresses would point nowhere:

- sphinx-notfound-page gives the page's template absolute addresses from the host's root for everything
  it loads and for the template's own links (its ``pathto``, ``css_tag``, ``js_tag`` and ``toctree``: the
  sidebar too): ``/<site path>/<edition>/_static/...``; this module sets the one it leaves relative,
  ``content_root``, where Sphinx's scripts find the edition. Its ``notfound_urls_prefix`` is set per edition
  at ``config-inited`` from ``html_baseurl`` (``/`` without it: the site is then assumed to be served from
  the root of its host). So the page looks right and its search works anywhere.
- the links in the page's text, the language switch and the PDF link keep the relative addresses of
  ``/<edition>/404.html`` (every page's links are checked as files relative to their page), and a small
  script in the template resolves them against that address when the page is shown elsewhere. Without
  JavaScript, on another address, those links miss.

Hosts that serve one ``/404.html`` for the whole site get the bilingual page from
``build_scripts/site_root/404.html``; a host can give the folders ``/nl/`` and ``/en/`` their own
edition's page (Apache: ``ErrorDocument 404 /en/404.html`` for ``/en/``; Cloudflare Pages finds it itself).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from .addresses import edition_path


def _set_prefix(app: Sphinx, config: Config) -> None:
    config.notfound_urls_prefix = edition_path(config, config.language)


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["handbook_not_found"] = pagename == app.config.notfound_pagename
    if context["handbook_not_found"]:
        edition = edition_path(app.config, app.config.language)
        context["handbook_not_found_address"] = edition + app.builder.get_target_uri(pagename)
        # where Sphinx's scripts (search, highlighting) find the edition: sphinx-notfound-page leaves it
        # relative (<html data-content_root="./">)
        context["content_root"] = edition


def setup(app: Sphinx) -> None:
    app.setup_extension("notfound.extension")
    # after editions (800): the build language is known; sphinx-notfound-page checks the prefix at 500
    app.connect("config-inited", _set_prefix, priority=810)
    app.connect("html-page-context", _page_context)
