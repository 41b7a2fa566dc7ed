"""The handbook's own nodes. Each renders itself: html, latex and text visitors are registered with
``add_node`` (as sphinx-design does), so no renderer asks which builder it serves.

- ``guideline_cards`` / ``guideline_card`` / ``card_title``: a grid of guideline cards on screen, a list with
  page numbers on paper;
- ``page_reference``: ", blz. 12" after a link on paper, nothing on screen;
- ``wide_on_paper`` / ``narrow_on_paper``: content shown on paper only when a table has at most / more than
  ``columns`` columns (the relations matrix, and the list that replaces it in a large handbook);
- ``relations_graph``: a graphviz diagram whose boxes link to the guidelines on screen only;
- ``status_badge``, ``link_button``, ``disabled_button``: an instrument's status and its button; on paper a
  link button prints its URL in full (paper has no hover).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.ext.graphviz import graphviz

from . import design

MAX_COLUMNS_ON_PAPER = 20  # a relations matrix wider than this can be neither read nor typeset on A4


def _skip(self, node):
    raise nodes.SkipNode


def _pass(self, node):
    pass


def _start(self, node, tag: str, design_classes: str, **attributes) -> str:
    """``self.starttag`` with sphinx-design's classes before the node's own (ids and ``language-*`` classes
    are written by docutils as usual)."""
    own = node["classes"]
    node["classes"] = [*design_classes.split(), *own]
    try:
        return self.starttag(node, tag, "", **attributes)
    finally:
        node["classes"] = own


def _newline(self, node):
    self.body.append("\n")


def _close_divs(count: int):
    def depart(self, node):
        self.body.append("</div>\n" * count)
    return depart


# --- guideline cards -------------------------------------------------------------------------------------

class guideline_cards(nodes.General, nodes.Element):
    """A grid of guideline cards (screen) or a list of guidelines (paper)."""


class guideline_card(nodes.General, nodes.Element):
    """One guideline: a ``card_title`` and the summary."""


class card_title(nodes.General, nodes.TextElement):
    """A card's title (a link), maybe with a ``page_reference``: a bold line on paper."""


def visit_guideline_cards_html(self, node):
    self.body.append(f'<div class="{design.classes(design.GRID_CONTAINER, node["classes"])}">\n'
                     f'<div class="{design.classes(design.GRID_ROW)}">\n')


def visit_guideline_card_html(self, node):
    self.body.append(f'<div class="{design.classes(design.GRID_ITEM)}">\n'
                     f'<div class="{design.classes(design.CARD, design.CARD_HOVER, "guideline-card")}">\n'
                     f'<div class="{design.classes(design.CARD_BODY)}">\n')


def visit_card_title_html(self, node):
    self.body.append(_start(self, node, "p", design.classes(design.CARD_TITLE)))


def depart_card_title_html(self, node):
    self.body.append("</p>\n")


def visit_guideline_cards_latex(self, node):
    self.body.append("\\begin{itemize}\n")


def depart_guideline_cards_latex(self, node):
    self.body.append("\\end{itemize}\n")


def visit_guideline_card_latex(self, node):
    self.body.append("\\item {} \n")


def visit_card_title_latex(self, node):
    """The title in bold, then its page reference in normal weight."""
    self.body.append("\\sphinxAtStartPar\n\\sphinxstylestrong{")
    for child in [child for child in node.children if not isinstance(child, page_reference)]:
        child.walkabout(self)
    self.body.append("}")
    for child in [child for child in node.children if isinstance(child, page_reference)]:
        child.walkabout(self)
    self.body.append("\n")
    raise nodes.SkipNode


def visit_card_title_text(self, node):
    self.new_state(0)


def depart_card_title_text(self, node):
    self.end_state()


# --- paper-only pieces -----------------------------------------------------------------------------------

class page_reference(nodes.Inline, nodes.TextElement):
    """``, blz. 12`` after a link to ``docname`` on paper."""


def visit_page_reference_latex(self, node):
    self.body.append(", %s~\\pageref{\\detokenize{%s::doc}}" % (self.encode(node["label"]), node["docname"]))
    raise nodes.SkipNode


class wide_on_paper(nodes.General, nodes.Element):
    """Shown everywhere, except on paper when it has more than ``MAX_COLUMNS_ON_PAPER`` columns."""


class narrow_on_paper(nodes.General, nodes.Element):
    """Shown only on paper, and only instead of a ``wide_on_paper`` that is too wide there."""


def visit_wide_on_paper_latex(self, node):
    if node["columns"] > MAX_COLUMNS_ON_PAPER:
        raise nodes.SkipNode


def visit_narrow_on_paper_latex(self, node):
    if node["columns"] <= MAX_COLUMNS_ON_PAPER:
        raise nodes.SkipNode


# --- the relations diagram -------------------------------------------------------------------------------

class relations_graph(graphviz):
    """A graphviz diagram whose nodes link to documents: ``links`` maps a placeholder in the dot code to a
    docname; on screen it becomes the address relative to the page, on paper nothing."""


def _with_links(node: relations_graph, address) -> relations_graph:
    code = node["code"]
    for placeholder, docname in node["links"].items():
        code = code.replace(placeholder, address(docname))
    copy = node.deepcopy()
    copy["code"] = code
    return copy


def visit_relations_graph_html(self, node):
    docname = node["options"]["docname"]
    self.visit_graphviz(_with_links(node, lambda target: self.builder.get_relative_uri(docname, target)))


def visit_relations_graph_latex(self, node):
    self.visit_graphviz(_with_links(node, lambda target: ""))


def visit_relations_graph_text(self, node):
    self.visit_graphviz(node)


# --- status badges and buttons ---------------------------------------------------------------------------

class status_badge(nodes.Inline, nodes.TextElement):
    """An instrument's status; ``status`` is the CSS suffix (also the LaTeX colour name)."""


def visit_status_badge_html(self, node):
    self.body.append(_start(self, node, "span", design.classes(
        design.BADGE, "action-status", f"action-status--{node['status']}")))


def depart_status_badge_html(self, node):
    self.body.append("</span>")


def visit_status_badge_latex(self, node):
    self.body.append("\\handbookbadge{status%s}{" % node["status"])


def depart_status_badge_latex(self, node):
    self.body.append("}")


def visit_status_badge_text(self, node):
    self.add_text("[")


def depart_status_badge_text(self, node):
    self.add_text("]")


class link_button(nodes.Inline, nodes.TextElement):
    """A button that opens ``refuri``; on paper its label and the URL printed in full."""


def visit_link_button_html(self, node):
    self.body.append(_start(self, node, "a", design.classes(design.BUTTON), href=node["refuri"]))


def depart_link_button_html(self, node):
    self.body.append("</a>")


def visit_link_button_latex(self, node):
    self.body.append("\\handbooklinkbutton{")


def depart_link_button_latex(self, node):
    self.body.append("}{%s}" % self.encode_uri(node["refuri"]))


def depart_link_button_text(self, node):
    self.add_text(f" <{node['refuri']}>")


class disabled_button(nodes.Inline, nodes.TextElement):
    """A button for an instrument that is not available yet: never a link."""


def visit_disabled_button_html(self, node):
    self.body.append(_start(self, node, "button", design.classes(design.BUTTON_DISABLED), type="button",
                            disabled="disabled"))


def depart_disabled_button_html(self, node):
    self.body.append("</button>")


def visit_disabled_button_latex(self, node):
    self.body.append("\\handbookdisabledbutton{")


def depart_disabled_button_latex(self, node):
    self.body.append("}")


# --- instrument cards and the overview --------------------------------------------------------------------

class instrument_cards(nodes.General, nodes.Element):
    """A grid of instrument cards (two columns of framed boxes on paper)."""


class instrument_card(nodes.General, nodes.Element):
    """One instrument: a ``card_body`` and a ``card_footer``; ``status`` is the status' CSS suffix."""


class card_body(nodes.General, nodes.Element):
    pass


class card_footer(nodes.General, nodes.Element):
    pass


def visit_instrument_cards_html(self, node):
    self.body.append(f'<div class="{design.classes(design.GRID_CONTAINER, "action-cards")}">\n'
                     f'<div class="{design.classes(design.GRID_ROW)}">\n')


def visit_instrument_card_html(self, node):
    card = design.classes(design.CARD, "sd-mb-0", "action-card", "action-card--" + node["status"])
    self.body.append(f'<div class="{design.classes(design.GRID_ITEM)}">\n<div class="{card}">\n')


def visit_card_body_html(self, node):
    self.body.append(f'<div class="{design.classes(design.CARD_BODY)}">\n')


def visit_card_footer_html(self, node):
    self.body.append(f'<div class="{design.classes(design.CARD_FOOTER, "action-card-footer")}">\n')


def visit_instrument_cards_latex(self, node):
    self.body.append("\n\\begin{sphinxclassaction-cards}\n")


def depart_instrument_cards_latex(self, node):
    self.body.append("\\end{sphinxclassaction-cards}\n")


def visit_instrument_card_latex(self, node):
    self.body.append("\\begin{sphinxclassaction-card}\n")


def depart_instrument_card_latex(self, node):
    self.body.append("\\end{sphinxclassaction-card}\n")


def visit_card_footer_latex(self, node):
    self.body.append("\\begin{sphinxclasssd-card-footer}\n")


def depart_card_footer_latex(self, node):
    self.body.append("\\end{sphinxclasssd-card-footer}\n")


class instrument_item(nodes.General, nodes.Element):
    """An instrument in the overview's list, with what the filters need (guidelines, phases, kind, status)."""


def visit_instrument_item_html(self, node):
    self.body.append(self.starttag(node, "li", "", CLASS="instrument", **{
        "data-instrument": node["instrument"], "data-guidelines": " ".join(node["guidelines"]),
        "data-phases": " ".join(node["phases"]), "data-kind": node["kind"], "data-status": node["status"]}))


def depart_instrument_item_html(self, node):
    self.body.append("</li>\n")


def visit_instrument_item_text(self, node):
    self.new_state(2)


def depart_instrument_item_text(self, node):
    self.end_state(first="* ")


class filter_form(nodes.General, nodes.Element):
    """The overview's filters: hidden until the script shows them, so that without JavaScript the page is
    the full list. ``options``: field -> [(value, label)]; the labels are in the edition's language."""


def visit_filter_form_html(self, node):
    from ..i18n import _  # noqa: PLC0415 (the catalogue is loaded once the builder runs)

    labels = {"richtlijn": _("Richtlijn"), "fase": _("Fase"), "soort": _("Soort"), "status": _("Status")}
    html = [f'<form class="instrument-filters" hidden="hidden" aria-label="{self.attval(str(_("Filter de instrumenten")))}" '
            f'data-count-one="{self.attval(str(_("1 instrument")))}" '
            f'data-count-many="{self.attval(str(_("{count} instrumenten")))}">\n']
    for field, options in node["options"].items():
        html.append(f'<label class="instrument-filter"><span>{self.encode(str(labels[field]))}</span>'
                    f'<select name="{field}">\n<option value="">{self.encode(str(_("Alle")))}</option>\n')
        html.extend(f'<option value="{self.attval(value)}">{self.encode(label)}</option>\n' for value, label in options)
        html.append("</select></label>\n")
    html.append(f'<button type="reset" class="instrument-filters-reset">{self.encode(str(_("Filters wissen")))}</button>\n')
    html.append(f'<p class="instrument-count" role="status" aria-live="polite">'
                f'{self.encode(str(_("{count} instrumenten")).format(count=node["total"]))}</p>\n</form>\n')
    self.body.extend(html)
    raise nodes.SkipNode


class checklist(nodes.General, nodes.Element):
    """A list of outcomes to tick: a plain list in the HTML (``_static/checklists.js`` adds the checkboxes,
    kept in the reader's browser), an empty box before each item on paper. ``checklist`` names the list
    within its page; ``label`` is its accessible name."""


def visit_checklist_html(self, node):
    from ..i18n import _  # noqa: PLC0415

    self.body.append(self.starttag(node, "ul", "", CLASS="checklist", **{
        "aria-label": node["label"], "data-checklist": node["checklist"],
        "data-clear": str(_("Vinkjes wissen")),
        "data-done": str(_("{checked} van {total} afgevinkt"))}))


def depart_checklist_html(self, node):
    self.body.append("</ul>\n")


def visit_checklist_latex(self, node):
    self.body.append("\n\\begin{itemize}\n")
    for item in node.children:
        self.body.append("\\item[\\(\\square\\)] ")
        for child in item.children:
            child.walkabout(self)
    self.body.append("\\end{itemize}\n")
    raise nodes.SkipNode


def visit_checklist_text(self, node):
    for item in node.children:
        self.new_state(4)
        for child in item.children:
            child.walkabout(self)
        self.end_state(first="[ ] ")
    raise nodes.SkipNode


class on_screen(nodes.General, nodes.Element):
    """Shown on screen (and in plain text), not on paper."""


class on_paper(nodes.General, nodes.Element):
    """Shown on paper only."""


def setup(app: Sphinx) -> None:
    app.add_node(instrument_cards, html=(visit_instrument_cards_html, _close_divs(2)),
                 latex=(visit_instrument_cards_latex, depart_instrument_cards_latex), text=(_pass, _pass))
    app.add_node(instrument_card, html=(visit_instrument_card_html, _close_divs(2)),
                 latex=(visit_instrument_card_latex, depart_instrument_card_latex), text=(_pass, _pass))
    app.add_node(card_body, html=(visit_card_body_html, _close_divs(1)), latex=(_pass, _pass), text=(_pass, _pass))
    app.add_node(card_footer, html=(visit_card_footer_html, _close_divs(1)),
                 latex=(visit_card_footer_latex, depart_card_footer_latex), text=(_pass, _pass))
    app.add_node(instrument_item, html=(visit_instrument_item_html, depart_instrument_item_html),
                 latex=(_skip, None), text=(visit_instrument_item_text, depart_instrument_item_text))
    app.add_node(filter_form, html=(visit_filter_form_html, None), latex=(_skip, None), text=(_skip, None))
    app.add_node(checklist, html=(visit_checklist_html, depart_checklist_html), latex=(visit_checklist_latex, None),
                 text=(visit_checklist_text, None))
    app.add_node(on_screen, html=(_pass, _pass), latex=(_skip, None), text=(_pass, _pass))
    app.add_node(on_paper, html=(_skip, None), latex=(_pass, _pass), text=(_skip, None))
    app.add_node(guideline_cards, html=(visit_guideline_cards_html, _close_divs(2)),
                 latex=(visit_guideline_cards_latex, depart_guideline_cards_latex), text=(_pass, _pass))
    app.add_node(guideline_card, html=(visit_guideline_card_html, _close_divs(3)),
                 latex=(visit_guideline_card_latex, _newline), text=(_pass, _pass))
    app.add_node(card_title, html=(visit_card_title_html, depart_card_title_html),
                 latex=(visit_card_title_latex, None),
                 text=(visit_card_title_text, depart_card_title_text))
    app.add_node(page_reference, html=(_skip, None), latex=(visit_page_reference_latex, None), text=(_skip, None))
    app.add_node(wide_on_paper, html=(_pass, _pass), latex=(visit_wide_on_paper_latex, _pass), text=(_pass, _pass))
    app.add_node(narrow_on_paper, html=(_skip, None), latex=(visit_narrow_on_paper_latex, _pass), text=(_skip, None))
    app.add_node(relations_graph, html=(visit_relations_graph_html, None),
                 latex=(visit_relations_graph_latex, None), text=(visit_relations_graph_text, None))
    app.add_node(status_badge, html=(visit_status_badge_html, depart_status_badge_html),
                 latex=(visit_status_badge_latex, depart_status_badge_latex),
                 text=(visit_status_badge_text, depart_status_badge_text))
    app.add_node(link_button, html=(visit_link_button_html, depart_link_button_html),
                 latex=(visit_link_button_latex, depart_link_button_latex), text=(_pass, depart_link_button_text))
    app.add_node(disabled_button, html=(visit_disabled_button_html, depart_disabled_button_html),
                 latex=(visit_disabled_button_latex, depart_disabled_button_latex), text=(_pass, _pass))
