"""Names for assistive technology where the generated HTML has none (HTML only; paper is unchanged).

- The relations diagram is an ``<object>`` (an SVG with links) whose only description is fallback text
  that screen readers do not read: it gets ``role="img"`` and the ``alt`` text as its name. The table above
  it holds the same relations, with links.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.ext.graphviz import graphviz, html_visit_graphviz




def visit_graphviz_named(self, node: graphviz) -> None:
    start = len(self.body)
    try:
        html_visit_graphviz(self, node)  # writes the diagram and raises SkipNode
    finally:
        alt = node.get("alt")
        for index in range(start, len(self.body)) if alt else ():
            if self.body[index].startswith("<object "):
                self.body[index] = self.body[index].replace(
                    "<object ", f'<object role="img" aria-label="{self.attval(alt)}" ', 1)


def setup(app: Sphinx) -> None:
    app.add_node(graphviz, override=True, html=(visit_graphviz_named, None))
