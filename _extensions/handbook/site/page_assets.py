"""Each page loads only the styles and scripts it uses. Furo and sphinx-design put these on every page:

- ``pygments.css`` (20 KB): colours for highlighted code, which only a page with a code block has;
- ``design-tabs.js`` (7 KB): sphinx-design's tab sets, which no page of the handbook uses yet.

A page that has a code block or a tab set keeps the file; the others don't load it (the files stay in
``_static/``). That keeps a guideline page well under the 200 KB the readers on slow phones were promised.
"""

from __future__ import annotations

from sphinx.application import Sphinx

# file in _static/ -> what the page's HTML contains when it needs the file
USED_WHEN = {
    "pygments.css": 'class="highlight',
    "design-tabs.js": 'class="sd-tab-set',
}


def _unused(asset, body: str) -> bool:
    name = getattr(asset, "filename", str(asset)).split("?")[0].rsplit("/", 1)[-1]
    return name in USED_WHEN and USED_WHEN[name] not in body


def _drop_unused_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body", "")  # Sphinx's own pages (search) have none, and no code either
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not _unused(asset, body)]


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _drop_unused_assets, priority=700)
