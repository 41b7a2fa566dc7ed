"""Each page loads only the styles and scripts it uses. Furo and sphinx-design put these on every page:

- ``pygments.css`` (20 KB): colours for highlighted code, which only a page with a code block (or inline
  code with a language) has;
- ``design-tabs.js`` (7 KB): sphinx-design's tab sets, which no page of the handbook uses yet;
- ``graphviz.css``: the diagrams' layout, which only the relations page has.

Whether a page needs a file is read from its doctree, before it is written; a page without the nodes does
not load the file (the files stay in ``_static/``). sphinx-design's stylesheet is cut down to the classes
the pages use: ``design_css``.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.ext.graphviz import graphviz


def _has_code(doctree: nodes.document) -> bool:
    """Sphinx highlights every literal block, and inline code that names its language."""
    return any(isinstance(node, (nodes.literal_block, nodes.doctest_block))
               or (isinstance(node, nodes.literal) and "code" in node["classes"] and node.get("language"))
               for node in doctree.findall(nodes.Element))


def _has_graphviz(doctree: nodes.document) -> bool:
    return any(True for _ in doctree.findall(graphviz))


def _has_tab_set(doctree: nodes.document) -> bool:
    return any("sd-tab-set" in node["classes"] for node in doctree.findall(nodes.Element))


# file in _static/ -> whether a page's doctree needs it
NEEDED_BY: dict[str, Callable[[nodes.document], bool]] = {
    "pygments.css": _has_code,
    "design-tabs.js": _has_tab_set,
    "graphviz.css": _has_graphviz,
}


def _file_name(asset) -> str:
    return getattr(asset, "filename", str(asset)).split("?")[0].rsplit("/", 1)[-1]


def _drop_unused_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # Sphinx's own pages (search) have no doctree, and no code either
    unused = {name for name, needed in NEEDED_BY.items() if doctree is None or not needed(doctree)}
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if _file_name(asset) not in unused]


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _drop_unused_assets, priority=700)
