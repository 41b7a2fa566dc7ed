"""What the published website needs beyond the pages themselves:

- ``sitemap``: ``<edition>/sitemap.xml`` with ``hreflang`` alternates;
- ``page_meta``: description, OpenGraph properties and canonical address of each page, in its language;
- ``not_found``: the localized "page not found" page, with addresses that work at any depth;
- ``accessible_names``: names for the action cards' buttons and the relations diagram;
- ``page_assets``: each page loads only the styles and scripts it uses.

External links open in the same tab (no ``target="_blank"``): readers decide themselves where a link opens
(WCAG technique G200), so no link needs a "opens in a new tab" warning or ``rel="noopener noreferrer"``.
tests/test_browser.py fails when a link does open a new tab without both.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import accessible_names, not_found, page_assets, page_meta, sitemap


def setup(app: Sphinx) -> None:
    for module in (not_found, sitemap, page_meta, accessible_names, page_assets):
        module.setup(app)
