"""Names for assistive technology where the generated HTML has none (HTML only; paper is unchanged).

- An action card's button says only "Bekijken" or "Berekenen"; tabbing from button to button, a screen
  reader user would hear the same word four times. Each button (a link, or the disabled button of a
  resource that is not available yet) gets the card's title as visually hidden text after its own:
  "Bekijken (MVI-criteria)". The visible text comes first, so speech input by the visible label works.
- The relations diagram is an ``<object>`` (an SVG with links) whose only description is fallback text
  that screen readers do not read: it gets ``role="img"`` and the ``alt`` text as its name. The table above
  it holds the same relations, with links.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.ext.graphviz import GraphvizError, graphviz, html_visit_graphviz, render_dot
from sphinx.util import logging

from ..render.action_cards import disabled_button

logger = logging.getLogger(__name__)

HIDDEN = "visually-hidden"  # handbook.css


def _has_class(node: nodes.Node, name: str) -> bool:
    return isinstance(node, nodes.Element) and name in node.get("classes", [])


def _card_title(card: nodes.Element) -> nodes.Element | None:
    return next(card.findall(lambda n: _has_class(n, "sd-card-title")), None)


def _card_control(card: nodes.Element) -> nodes.Element | None:
    return next(card.findall(lambda n: isinstance(n, disabled_button) or _has_class(n, "action-card-button")), None)


def name_action_card_controls(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    for card in list(doctree.findall(lambda n: _has_class(n, "action-card"))):
        title, control = _card_title(card), _card_control(card)
        if title is None or control is None or any(_has_class(n, HIDDEN) for n in control.findall(nodes.Element)):
            continue
        # a copy of the title's children keeps a lang="nl" mark of an untranslated title
        control += nodes.inline("", "", nodes.Text(" ("), *[child.deepcopy() for child in title.children],
                                nodes.Text(")"), classes=[HIDDEN])


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
    # after translation_notice (500), which marks untranslated titles
    app.connect("doctree-resolved", name_action_card_controls, priority=600)
    app.add_node(graphviz, override=True, html=(visit_graphviz_named, None))
