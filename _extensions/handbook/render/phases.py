"""Lifecycle phases on a guideline page, on the phase pages, and on paper.

A guideline page holds, under "Per fase", one block per phase (in the order of ``model.phases``)::

    ::::{fase} verkenning
    :::{doel}
    One plain sentence: what the team wants to reach in this phase.
    :::
    :::{uitkomsten}
    - 3 to 7 plain items: what the team has by the end of the phase.
    :::
    :::{extra-stappen}
    - optional plain items
    :::
    ::::

Each block becomes a section titled with the phase's name (in the edition's language), with the goal,
the outcomes as a checklist (checkboxes on screen, kept in the reader's browser by
``_static/checklists.js``; empty boxes on paper) and the registry's instruments for that guideline and phase.
Every sentence is a message of the page's catalogue, translated like any other. The domain keeps what each
guideline has per phase (``process_doc``), and ``{fase-overzicht} <phase>`` shows every guideline's goal,
outcomes and instruments for one phase.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..i18n import _
from ..model.domain import HandbookDomain, suggestion
from ..model.guidelines import is_guideline
from ..model.phases import PHASES
from ..model.statuses import STATUSES
from .nodes import checklist, status_badge

MIN_OUTCOMES, MAX_OUTCOMES = 3, 7
PARTS = {"doel": "goal", "uitkomsten": "outcomes", "extra-stappen": "extra"}


class phase_part(nodes.General, nodes.Element):
    """The goal, the outcomes or the extra steps of a phase while the page is read."""


class phase_instruments(nodes.General, nodes.Element):
    """Replaced by the registry's instruments of ``guideline`` in ``phase``."""


class phase_overview(nodes.General, nodes.Element):
    """Replaced by every guideline's goal, outcomes and instruments of ``phase``."""


def _line(node: nodes.Node, default: int) -> int:
    return node.line if node.line is not None else default


def _plain(node: nodes.Element) -> bool:
    """Only text: no emphasis, links, literals, roles or HTML."""
    return all(isinstance(child, nodes.Text) for child in node.children)


class PhasePartDirective(SphinxDirective):
    has_content = True

    def run(self):
        part = phase_part(kind=PARTS[self.name], line=self.lineno)
        self.set_source_info(part)
        self.state.nested_parse(self.content, self.content_offset, part)
        return [part]


class PhaseDirective(SphinxDirective):
    required_arguments = 1
    has_content = True

    def run(self):
        docname = self.env.docname
        domain = HandbookDomain.of(self.env)
        key = self.arguments[0].strip()
        if key not in PHASES:
            domain.report(docname, self.lineno, f"unknown phase '{key}'.{suggestion(key, list(PHASES))} "
                                                f"Use one of: {', '.join(PHASES)}.")
            return []
        seen = self.env.current_document.setdefault("handbook_phases", [])
        if key in seen:
            domain.report(docname, self.lineno, f"phase '{key}' is on this page twice: merge the two blocks.")
            return []
        if seen and list(PHASES).index(key) < list(PHASES).index(seen[-1]):
            domain.report(docname, self.lineno, f"phase '{key}' comes after '{seen[-1]}': put the phases in the "
                                                f"order {', '.join(PHASES)}.")
        seen.append(key)
        holder = nodes.container()
        # MyST 5.2 numbers what a directive nested in this one holds one line late; measured (tests/test_phases.py
        # and the catalogues' locations), corrected here
        self.state.nested_parse(self.content, self.content_offset - 1, holder)
        parts = {}
        for child in holder.children:
            if isinstance(child, phase_part) and child["kind"] not in parts:
                parts[child["kind"]] = child
            elif isinstance(child, phase_part):
                domain.report(docname, child["line"], f"phase '{key}' has two '{self._name(child['kind'])}' blocks: "
                                                      "merge them.")
            elif not isinstance(child, nodes.system_message):
                domain.report(docname, _line(child, self.lineno),
                              f"phase '{key}' may only hold 'doel', 'uitkomsten' and 'extra-stappen' blocks: "
                              "move this text into one of them, or out of the phase.")
        goal = self._goal(key, parts.get("goal"))
        outcomes = self._items(key, parts.get("outcomes"), "outcomes", required=True)
        extra = self._items(key, parts.get("extra"), "extra", required=False)
        name = str(PHASES[key].name)
        section = nodes.section(ids=[f"fase-{key}"], names=[f"fase-{key}"], classes=["phase", f"phase--{key}"],
                                phase=key)
        section += nodes.title(name, name, translatable=False)  # the extension's catalogue translates it
        if goal is not None:
            goal["classes"].append("phase-goal")
            section += goal
        if outcomes is not None:
            section += checklist("", *outcomes.children, classes=["phase-outcomes"],
                                 label=str(_("Gewenste uitkomsten")), checklist=f"fase-{key}")
        section += phase_instruments(guideline=None, phase=key)
        if extra is not None and len(extra):
            label = str(_("Aanvullend, waar het past"))
            section += nodes.rubric(label, label, classes=["phase-extra-title"], translatable=False)
            extra["classes"].append("phase-extra")
            section += extra
        return [section]

    @staticmethod
    def _name(kind: str) -> str:
        return {value: key for key, value in PARTS.items()}[kind]

    def _goal(self, key: str, part: phase_part | None):
        domain = HandbookDomain.of(self.env)
        docname = self.env.docname
        if part is None:
            domain.report(docname, self.lineno, f"phase '{key}' has no goal: add a ':::{{doel}}' block with one "
                                                "sentence.")
            return None
        paragraphs = [child for child in part.children if isinstance(child, nodes.paragraph)]
        if len(paragraphs) != 1 or len(part.children) != 1:
            domain.report(docname, part["line"], f"the goal of phase '{key}' must be one paragraph of plain text.")
            return None
        if not _plain(paragraphs[0]):
            domain.report(docname, _line(paragraphs[0], part["line"]),
                          f"the goal of phase '{key}' must be plain text: remove the markup (bold, links, code, "
                          "roles or HTML).")
        return paragraphs[0]

    def _items(self, key: str, part: phase_part | None, kind: str, required: bool):
        domain = HandbookDomain.of(self.env)
        docname = self.env.docname
        block = self._name(kind)
        if part is None:
            if required:
                domain.report(docname, self.lineno, f"phase '{key}' has no outcomes: add a ':::{{uitkomsten}}' "
                                                    f"block with {MIN_OUTCOMES} to {MAX_OUTCOMES} list items.")
            return None
        lists = [child for child in part.children if isinstance(child, nodes.bullet_list)]
        if len(lists) != 1 or len(part.children) != 1:
            domain.report(docname, part["line"], f"the '{block}' block of phase '{key}' must be one bullet list "
                                                 "('- ' before each item).")
            return None
        items = lists[0]
        if kind == "outcomes" and not MIN_OUTCOMES <= len(items) <= MAX_OUTCOMES:
            domain.report(docname, part["line"], f"phase '{key}' has {len(items)} outcome(s); give it "
                                                 f"{MIN_OUTCOMES} to {MAX_OUTCOMES}.")
        for item in items.children:
            content = item.children
            if len(content) != 1 or not isinstance(content[0], nodes.paragraph) or not _plain(content[0]):
                domain.report(docname, _line(content[0], part["line"]) if content else part["line"],
                              f"each item of the '{block}' block of phase '{key}' must be one line of plain text: "
                              "remove the markup (bold, links, code, roles, HTML or a nested list).")
        return items


class PhaseOverviewDirective(SphinxDirective):
    """A whole phase page: titled with the phase's name (translated by the extension, in one place), the
    content of the directive as its introduction, then every guideline's goal, outcomes and instruments."""

    required_arguments = 1
    has_content = True

    def run(self):
        key = self.arguments[0].strip()
        domain = HandbookDomain.of(self.env)
        if key not in PHASES:
            domain.report(self.env.docname, self.lineno, f"unknown phase '{key}'.{suggestion(key, list(PHASES))} "
                                                         f"Use one of: {', '.join(PHASES)}.")
            return []
        domain.note_instrument_page(self.env.docname, None, [])
        domain.note_list_page(self.env.docname)  # guidelines' numbered titles
        domain.note_phase_page(self.env.docname)  # and their goals, outcomes and instruments
        name = str(PHASES[key].name)
        section = nodes.section(ids=[f"fase-{key}"], names=[f"fase-{key}"], classes=["phase-page"])
        section += nodes.title(name, name, translatable=False)
        self.state.nested_parse(self.content, self.content_offset, section)
        node = phase_overview(phase=key)
        self.set_source_info(node)
        section += node
        return [section]


# --- rendered once every page is read --------------------------------------------------------------------

def _instrument_list(app: Sphinx, slug: str, phase: str, texts) -> nodes.Node | None:
    entries = HandbookDomain.of(app.env).instruments_of(slug, phase)
    if not entries:
        return None
    items = nodes.bullet_list(classes=["phase-instruments"])
    for entry in entries:
        status = STATUSES[entry["status"]]
        label = str(status.label)
        name = texts.name(entry)
        head = nodes.paragraph()
        head += nodes.reference("", "", name, refuri=entry["url"]) if entry.get("url") else name
        head += nodes.Text(" ")
        head += status_badge(label, label, status=status.css)
        head += nodes.Text(" — ")
        head += texts.node(entry["description"])
        items += nodes.list_item("", head)
    return items


def _marked(entry: dict, source_language: str, cls=nodes.paragraph) -> nodes.Element:
    node = cls(entry["text"], entry["text"])
    if entry["dutch"]:
        node["classes"].append(f"language-{source_language}")
    return node


def render_overview(app: Sphinx, docname: str, phase: str, texts) -> list[nodes.Node]:
    from sphinx.util.nodes import make_refnode  # noqa: PLC0415

    domain = HandbookDomain.of(app.env)
    source_language = app.config.handbook_source_language
    result = []
    for guideline_doc, info in domain.in_order():
        data = domain.data["phases"].get(guideline_doc, {}).get(phase)
        if not data:
            continue
        heading = f"{info['number']}. {info['title']}"
        section = nodes.section(ids=[f"richtlijn-{info['slug']}"], classes=["phase-guideline"])
        title = nodes.title()
        title += make_refnode(app.builder, docname, guideline_doc, f"fase-{phase}", nodes.Text(heading))
        section += title
        if data["goal"]:
            goal = _marked(data["goal"], source_language)
            goal["classes"].append("phase-goal")
            section += goal
        section += checklist("", *[nodes.list_item("", _marked(item, source_language)) for item in data["outcomes"]],
                             classes=["phase-outcomes"], label=str(_("Gewenste uitkomsten")),
                             checklist=f"{info['slug']}-{phase}")
        instruments = _instrument_list(app, info["slug"], phase, texts)
        if instruments is not None:
            label = str(_("Instrumenten voor deze fase"))
            section += nodes.rubric(label, label, classes=["phase-instruments-title"])
            section += instruments
        result.append(section)
    return result


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    from .instruments import Texts  # noqa: PLC0415

    placeholders = list(doctree.findall(lambda n: isinstance(n, (phase_instruments, phase_overview))))
    if not placeholders:
        return
    texts = Texts(app)
    slug = docname.split("/")[-2] if is_guideline(app.config, docname) else None
    for node in placeholders:
        if isinstance(node, phase_overview):
            node.replace_self(render_overview(app, docname, node["phase"], texts))
            continue
        instruments = _instrument_list(app, slug, node["phase"], texts) if slug else None
        if instruments is None:
            node.parent.remove(node)
        else:
            label = str(_("Instrumenten voor deze fase"))
            node.replace_self([nodes.rubric(label, label, classes=["phase-instruments-title"]), instruments])
    texts.count_into(doctree)


def _checklist_script(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is not None and doctree.next_node(checklist) is not None:
        app.add_js_file("checklists.js", defer="defer")


def setup(app: Sphinx) -> None:
    app.add_node(phase_part)
    app.add_node(phase_instruments)
    app.add_node(phase_overview)
    app.add_directive("fase", PhaseDirective)
    for name in PARTS:
        app.add_directive(name, PhasePartDirective)
    app.add_directive("fase-overzicht", PhaseOverviewDirective)
    app.connect("doctree-resolved", _resolve)
    app.connect("html-page-context", _checklist_script)
