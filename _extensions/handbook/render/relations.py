"""Everything rendered from the relations between guidelines: the related guidelines at the end of each
guideline (and the guidelines that refer to it), the card grid of all guidelines, and the relations
overview. The nodes are placeholders until ``doctree-resolved``, when every guideline's translated title
and summary are known."""

from __future__ import annotations

import textwrap

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from ..model.domain import HandbookDomain
from ..i18n import _
from . import design
from .nodes import (card_title, guideline_card, guideline_cards, narrow_on_paper, page_reference,
                    relations_graph, wide_on_paper)
from .placeholders import guideline_grid, relations_overview, relations_placeholder
from .tagged_pdf import row_header_on_paper


class GuidelineGridDirective(SphinxDirective):
    """``{guideline-grid}``: cards of all guidelines, in number order."""

    def run(self):
        HandbookDomain.of(self.env).note_list_page(self.env.docname)
        node = guideline_grid()
        self.set_source_info(node)
        return [node]


class RelationsOverviewDirective(SphinxDirective):
    """``{relations-overview}``: matrix and diagram of all relations."""

    def run(self):
        HandbookDomain.of(self.env).note_list_page(self.env.docname)
        node = relations_overview()
        self.set_source_info(node)
        return [node]


def numbered_title(info: dict) -> str:
    return f"{info['number']}. {info['title']}" if info["number"] else info["title"]


def _link(app: Sphinx, fromdoc: str, todoc: str, text: str, classes=()) -> nodes.reference:
    ref = make_refnode(app.builder, fromdoc, todoc, "", nodes.inline(text, text))
    ref["classes"].extend(classes)
    return ref


def render_entries(app: Sphinx, fromdoc: str, entries: list[tuple[str, dict]], classes: list[str]) -> nodes.Node:
    """A card (screen) or list entry (paper) for each guideline: numbered title with its link, summary."""
    cards = guideline_cards(classes=list(classes))
    for docname, info in entries:
        title = card_title("", "", _link(app, fromdoc, docname, numbered_title(info), [design.STRETCHED_LINK]),
                           page_reference(label=str(_("blz.")), docname=docname), classes=["guideline-card-title"])
        summary = nodes.paragraph(info["summary"], info["summary"], classes=list(design.CARD_TEXT))
        cards += guideline_card("", title, summary)
    return cards


def render_relations(app: Sphinx, docname: str, slug: str) -> list[nodes.Node]:
    env = app.env
    known = HandbookDomain.of(env).by_slug()
    own = known[slug][1] if slug in known else {}
    outgoing = [known[s] for s in own.get("relations", []) if s in known]
    incoming = [(d, info) for d, info in HandbookDomain.of(env).in_order()
                if slug in info["relations"] and info["slug"] not in own.get("relations", [])]
    result: list[nodes.Node] = []
    if outgoing:
        result.append(render_entries(app, docname, outgoing, ["related-outgoing"]))
    else:
        result.append(nodes.paragraph("", str(_("Deze richtlijn verwijst niet naar andere richtlijnen."))))
    if incoming:
        label = str(_("Wordt ook genoemd bij"))
        result.append(nodes.rubric(label, label, classes=["related-incoming-title"]))
        result.append(render_entries(app, docname, incoming, ["related-incoming"]))
    return result


def _paper_relation_list(app: Sphinx, docname: str, ordered: list[tuple[str, dict]]) -> nodes.Node:
    known = HandbookDomain.of(app.env).by_slug()
    items = nodes.bullet_list(classes=["relations-list"])
    for source_doc, source in ordered:
        para = nodes.paragraph()
        para += nodes.strong("", "", _link(app, docname, source_doc, numbered_title(source)))
        targets = [known[slug] for slug in source["relations"] if slug in known]
        if targets:
            para += nodes.Text(" → ")
            for index, (target_doc, target) in enumerate(targets):
                if index:
                    para += nodes.Text(", ")
                para += _link(app, docname, target_doc, str(target["number"]))
        items += nodes.list_item("", para)
    return items


def render_overview(app: Sphinx, docname: str) -> list[nodes.Node]:
    """A matrix of guidelines by guidelines: → this row refers to the column, ← the column refers to this
    row, ↔ both. On paper a matrix of more than ``nodes.MAX_COLUMNS_ON_PAPER`` columns can be neither read
    nor typeset: there each guideline lists what it refers to instead."""
    ordered = HandbookDomain.of(app.env).in_order()
    table = nodes.table(classes=["relations-matrix"])
    group = nodes.tgroup(cols=len(ordered) + 1)
    table += group
    group += nodes.colspec(colwidth=30)  # widths for the text builder; HTML and LaTeX set their own
    for _unused in ordered:
        group += nodes.colspec(colwidth=3)
    head = nodes.thead()
    header_row = nodes.row()
    header_row += nodes.entry("", nodes.paragraph("", str(_("Richtlijn"))))
    for target_doc, target in ordered:
        header_row += nodes.entry("", nodes.paragraph("", "", _aligned_on_paper("centering"),
                                                      _link(app, docname, target_doc, str(target["number"]))))
    head += header_row
    group += head
    body = nodes.tbody()
    for source_doc, source in ordered:
        row = nodes.row()
        row += nodes.entry("", nodes.paragraph("", "", _aligned_on_paper("raggedright"), row_header_on_paper(),
                                               _link(app, docname, source_doc, numbered_title(source))))
        for _target_doc, target in ordered:
            out = target["slug"] in source["relations"]
            back = source["slug"] in target["relations"]
            mark = "↔" if out and back else "→" if out else "←" if back else ""
            row += nodes.entry("", nodes.paragraph(mark, "", _aligned_on_paper("centering"), nodes.Text(mark)))
        body += row
    group += body
    legend = str(_("→ de richtlijn in de rij verwijst naar de richtlijn in de kolom; "
                   "← de richtlijn in de kolom verwijst naar die in de rij; ↔ beide."))
    # fixed widths, no natural-width columns: in the tagged PDF varwidth cannot measure a cell (tagpdf's
    # marks in it), so a ``c`` column would take 1/14 of the line and the table would overflow the page
    colspec = addnodes.tabular_col_spec(spec=r"|\Y{0.26}|*{%d}{\Y{%.4f}|}" % (len(ordered), 0.74 / len(ordered)))
    matrix = wide_on_paper("", colspec, table, nodes.paragraph(legend, legend, classes=["relations-legend"]),
                           columns=len(ordered))
    listing = narrow_on_paper("", _paper_relation_list(app, docname, ordered), columns=len(ordered))
    return [matrix, listing, graph(app, docname, ordered)]


def _aligned_on_paper(alignment: str) -> nodes.raw:
    """A p column's cell is justified, and varwidth resets the column's own alignment: the cell's paragraph
    aligns itself (``\\centering`` or ``\\raggedright`` applies to the paragraph it ends)."""
    return nodes.raw("", "\\%s " % alignment, format="latex")


def graph(app: Sphinx, docname: str, ordered: list[tuple[str, dict]]) -> relations_graph:
    """The relation graph as a graphviz diagram: SVG with links in HTML, vector PDF on paper. A mutual
    relation is one edge with two arrowheads."""
    lines = ["digraph relations {",
             '  graph [layout=circo, bgcolor="transparent", mindist=0.4];',
             '  node [shape=box, style="rounded,filled", fillcolor="#eef2ff", color="#2962ff", '
             'fontname="FreeSans", fontsize=10, margin="0.12,0.06"];',
             '  edge [color="#57606a", arrowsize=0.6];']
    links: dict[str, str] = {}
    for target_doc, info in ordered:
        label = textwrap.fill(numbered_title(info), 22).replace("\n", "\\n")
        links[f"@@{info['slug']}@@"] = target_doc  # an address on screen, none on paper (nodes.relations_graph)
        lines.append(f'  "{info["slug"]}" [label="{label}", URL="@@{info["slug"]}@@", target="_top", '
                     f'tooltip="{numbered_title(info)}"];')
    slugs = {info["slug"] for _unused, info in ordered}
    for _unused, info in ordered:
        for target in info["relations"]:
            if target not in slugs:
                continue
            back = info["slug"] in dict((i["slug"], i) for _d, i in ordered)[target]["relations"]
            if back and target < info["slug"]:
                continue  # drawn once, from the other end
            lines.append(f'  "{info["slug"]}" -> "{target}"' + (" [dir=both];" if back else ";"))
    lines.append("}")
    node = relations_graph()
    node["code"] = "\n".join(lines)
    node["links"] = links
    node["options"] = {"docname": docname}
    node["alt"] = str(_("Diagram van de relaties tussen de richtlijnen; de tabel hierboven bevat dezelfde "
                        "informatie."))
    node["align"] = "center"
    node["classes"] = ["relations-graph"]
    return node


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(relations_placeholder)):
        node.replace_self(render_relations(app, docname, node["guideline"]))
    for node in list(doctree.findall(guideline_grid)):
        node.replace_self(render_entries(app, docname, HandbookDomain.of(app.env).in_order(), ["guideline-grid"]))
    for node in list(doctree.findall(relations_overview)):
        node.replace_self(render_overview(app, docname))


def setup(app: Sphinx) -> None:
    app.add_node(relations_placeholder)
    app.add_node(guideline_grid)
    app.add_node(relations_overview)
    app.add_directive("guideline-grid", GuidelineGridDirective)
    app.add_directive("relations-overview", RelationsOverviewDirective)
    app.connect("doctree-resolved", _resolve)
