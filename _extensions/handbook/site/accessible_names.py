"""Names for assistive technology where the generated HTML has none (HTML only; paper is unchanged).

- The relations diagram is an ``<object>`` (an SVG with links) whose only description is fallback text
  that screen readers do not read: it gets ``role="img"`` and the ``alt`` text as its name. The table above
  it holds the same relations, with links.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.ext.graphviz import GraphvizError, graphviz, html_visit_graphviz, render_dot
from sphinx.util import logging


logger = logging.getLogger(__name__)


def visit_graphviz_named(self, node: graphviz) -> None:
    """Sphinx's SVG ``<object>`` for a diagram (``sphinx.ext.graphviz.render_dot_html``), written here with
    ``role="img"`` and the ``alt`` text as ``aria-label``; a PNG diagram is an ``<img alt>``: Sphinx's."""
    alt = node.get("alt")
    if self.builder.config.graphviz_output_format != "svg" or not alt:
        html_visit_graphviz(self, node)  # raises SkipNode
    try:
        fname, _ = render_dot(self, node["code"], node["options"], "svg", filename=node.get("filename"))
    except GraphvizError as exc:
        logger.warning("dot code %r: %s", node["code"], exc, location=node)
        raise nodes.SkipNode from exc
    if fname is None:  # no file written: Sphinx shows the code
        self.body.append(self.encode(node["code"]))
        raise nodes.SkipNode
    classes = " ".join(["graphviz", *node.get("classes", [])])
    name = self.attval(alt)
    if "align" in node:
        self.body.append(f'<div align="{node["align"]}" class="align-{node["align"]}">')
    self.body.append('<div class="graphviz">')
    self.body.append(f'<object role="img" aria-label="{name}" data="{fname.as_posix()}" type="image/svg+xml" '
                     f'class="{classes}">\n')
    self.body.append(f'<p class="warning">{alt}</p>')
    self.body.append("</object></div>\n")
    if "align" in node:
        self.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_node(graphviz, override=True, html=(visit_graphviz_named, None))
