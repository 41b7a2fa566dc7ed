"""The published website: its editions and what it needs beyond the pages themselves:

- ``addresses``: where the pages live (site root, edition folders, ``html_baseurl``): the one place;
- ``editions``: per-language settings, language switcher, hreflang and PDF links;
- ``rewrite_scope``: an incremental build rewrites the pages that show what changed;

- ``sitemap``: ``<edition>/sitemap.xml`` with ``hreflang`` alternates;
- ``page_meta``: description, OpenGraph properties and canonical address of each page, in its language;
- ``not_found``: the localized "page not found" page, with addresses that work at any depth
  (sphinx-notfound-page);
- ``accessible_names``: names for the action cards' buttons and the relations diagram;
- ``page_assets``: each page loads only the styles and scripts it uses;
- ``design_css``: sphinx-design's stylesheet cut down to the classes the handbook uses;
- ``theme_css``: furo's stylesheet cut down to the rules that can match an element of the handbook;
- ``minify``: the project's stylesheet and the scripts pages load, minified; no unused source maps.

sphinx-sitemap and sphinxext-opengraph were built and compared with ``sitemap`` and ``page_meta``; what
they lack is in those modules' docstrings.
- ``contact``: publisher and contact points from configuration, the feedback links of every page and
  ``security.txt``.

External links open in the same tab (no ``target="_blank"``): readers decide themselves where a link opens
(WCAG technique G200), so no link needs a "opens in a new tab" warning or ``rel="noopener noreferrer"``.
tests/test_browser.py fails when a link does open a new tab without both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # build.py imports site_root and contact without Sphinx
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from . import (accessible_names, contact, design_css, editions, minify, not_found,  # noqa: PLC0415
                   page_assets, page_meta, rewrite_scope, sitemap, theme_css)

    for module in (editions, rewrite_scope, not_found, sitemap, page_meta, accessible_names, page_assets,
                   design_css, theme_css, minify, contact):
        module.setup(app)
