"""Everything rendered from the relations between guidelines: the related guidelines at the end of each
guideline (and the guidelines that refer to it), the card grid of all guidelines, and the relations
overview. The nodes are placeholders until ``doctree-resolved``, when every guideline's translated title
and summary are known."""

from __future__ import annotations

import textwrap

from docutils import nodes
from sphinx import addnodes
from sphinx.ext.graphviz import graphviz
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode
from sphinx_design.shared import create_component

from ..model.domain import HandbookDomain
from ..i18n import _
from .placeholders import guideline_grid, relations_overview, relations_placeholder


class GuidelineGridDirective(SphinxDirective):
    """``{guideline-grid}``: cards of all guidelines, in number order."""

    def run(self):
        node = guideline_grid()
        self.set_source_info(node)
        return [node]


class RelationsOverviewDirective(SphinxDirective):
    """``{relations-overview}``: matrix and diagram of all relations."""

    def run(self):
        node = relations_overview()
        self.set_source_info(node)
        return [node]


def numbered_title(info: dict) -> str:
    return f"{info['number']}. {info['title']}" if info["number"] else info["title"]


def _link(app: Sphinx, fromdoc: str, todoc: str, text: str, classes=()) -> nodes.reference:
    ref = make_refnode(app.builder, fromdoc, todoc, "", nodes.inline(text, text))
    ref["classes"].extend(classes)
    return ref


def _html_cards(app: Sphinx, fromdoc: str, entries: list[tuple[str, dict]], classes: list[str]) -> nodes.Node:
    row = create_component("grid-row", ["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-g-3"])
    for docname, info in entries:
        title = nodes.paragraph(classes=["sd-card-title", "sd-font-weight-bold", "guideline-card-title"])
        title += _link(app, fromdoc, docname, numbered_title(info), ["sd-stretched-link"])
        body = create_component("card-body", ["sd-card-body"], children=[
            title, nodes.paragraph(info["summary"], info["summary"], classes=["sd-card-text"])])
        card = create_component("card", ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm",
                                         "sd-card-hover", "guideline-card"], children=[body])
        row += create_component("grid-item", ["sd-col", "sd-d-flex-row"], children=[card])
    return create_component("grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", *classes],
                            children=[row])


def _paper_list(app: Sphinx, fromdoc: str, entries: list[tuple[str, dict]], classes: list[str]) -> nodes.Node:
    """On paper (and in plain text): number and title with a page reference, summary below."""
    items = nodes.bullet_list(classes=["guideline-list", *classes])
    for docname, info in entries:
        head = nodes.paragraph()
        head += nodes.strong("", "", _link(app, fromdoc, docname, numbered_title(info)))
        if app.builder.format == "latex":
            head += nodes.raw("", ", %s~\\pageref{\\detokenize{%s::doc}}" % (_("blz."), docname), format="latex")
        items += nodes.list_item("", head, nodes.paragraph(info["summary"], info["summary"]))
    return items


def render_entries(app: Sphinx, fromdoc: str, entries: list[tuple[str, dict]], classes: list[str]) -> nodes.Node:
    render = _html_cards if app.builder.format == "html" else _paper_list
    return render(app, fromdoc, entries, classes)


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


MATRIX_MAX_ON_PAPER = 20


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
    row, ↔ both. On paper a matrix wider than MATRIX_MAX_ON_PAPER columns cannot be read (nor typeset):
    there each guideline lists what it refers to instead."""
    ordered = HandbookDomain.of(app.env).in_order()
    if app.builder.format == "latex" and len(ordered) > MATRIX_MAX_ON_PAPER:
        return [_paper_relation_list(app, docname, ordered), relations_graph(app, docname, ordered)]
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
        header_row += nodes.entry("", nodes.paragraph("", "", _link(app, docname, target_doc, str(target["number"]))))
    head += header_row
    group += head
    body = nodes.tbody()
    for source_doc, source in ordered:
        row = nodes.row()
        row += nodes.entry("", nodes.paragraph("", "", _link(app, docname, source_doc, numbered_title(source))))
        for _target_doc, target in ordered:
            out = target["slug"] in source["relations"]
            back = source["slug"] in target["relations"]
            mark = "↔" if out and back else "→" if out else "←" if back else ""
            row += nodes.entry("", nodes.paragraph(mark, mark))
        body += row
    group += body
    legend = str(_("→ de richtlijn in de rij verwijst naar de richtlijn in de kolom; "
                   "← de richtlijn in de kolom verwijst naar die in de rij; ↔ beide."))
    colspec = addnodes.tabular_col_spec(spec=r"|\Y{0.3}|*{%d}{c|}" % len(ordered))
    return [colspec, table, nodes.paragraph(legend, legend, classes=["relations-legend"]),
            relations_graph(app, docname, ordered)]


def relations_graph(app: Sphinx, docname: str, ordered: list[tuple[str, dict]]) -> graphviz:
    """The relation graph as a graphviz diagram: SVG with links in HTML, vector PDF on paper. A mutual
    relation is one edge with two arrowheads."""
    lines = ["digraph relations {",
             '  graph [layout=circo, bgcolor="transparent", mindist=0.4];',
             '  node [shape=box, style="rounded,filled", fillcolor="#eef2ff", color="#2962ff", '
             'fontname="FreeSans", fontsize=10, margin="0.12,0.06"];',
             '  edge [color="#57606a", arrowsize=0.6];']
    for target_doc, info in ordered:
        label = textwrap.fill(numbered_title(info), 22).replace("\n", "\\n")
        url = app.builder.get_relative_uri(docname, target_doc) if app.builder.format == "html" else ""
        lines.append(f'  "{info["slug"]}" [label="{label}", URL="{url}", target="_top", tooltip="{numbered_title(info)}"];')
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
    node = graphviz()
    node["code"] = "\n".join(lines)
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
