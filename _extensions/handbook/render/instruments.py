"""The instrument registry on the page and on paper.

- ``{instrument-cards}`` on a guideline page: the guideline's instruments as cards, available ones first,
  then by name; ``:first: id, id`` puts named instruments first (in that order), ``:limit: N`` shows only
  the first N (the rest are one click away in the overview).
- ``{instrument-overview}``: every instrument, grouped by guideline, with filters (guideline, phase, kind,
  status) on screen and, on paper, a table per guideline with name, status, kind and the printed URL.

The directives leave placeholders that are filled once every document is read (``doctree-resolved``); the
registry's texts are translated through their own catalogue (``locale/<lang>/LC_MESSAGES/instrumentenregister.po``),
and a text without a translation is shown in Dutch and marked as such.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..i18n import _, registry_texts
from ..model.domain import HandbookDomain, suggestion
from ..model.guidelines import is_guideline, slug_of
from ..model.phases import PHASES
from ..model.registry import phases_of
from ..model.statuses import STATUSES
from . import design
from .tagged_pdf import row_header_on_paper
from .nodes import (card_body, card_footer, card_title, disabled_button, filter_form, instrument_card,
                    instrument_cards, instrument_item, link_button, on_paper, on_screen, status_badge)

KINDS = ("hulpmiddel", "handleiding", "register", "standaard", "beleid", "formulier")


class instrument_cards_placeholder(nodes.General, nodes.Element):
    """Replaced by the cards of ``guideline``'s instruments (``first`` first, at most ``limit``)."""


class instrument_overview_placeholder(nodes.General, nodes.Element):
    """Replaced by every instrument, grouped by guideline."""


def _ids(argument: str) -> list[str]:
    return [item.strip() for item in (argument or "").replace("\n", ",").split(",") if item.strip()]


class InstrumentCardsDirective(SphinxDirective):
    option_spec = {
        "first": _ids,
        "limit": directives.positive_int,
        "guideline": directives.unchanged_required,
    }

    def run(self):
        domain = HandbookDomain.of(self.env)
        docname = self.env.docname
        slug = self.options.get("guideline") or (slug_of(docname) if is_guideline(self.config, docname) else None)
        if slug is None:
            domain.report(docname, self.lineno, "'instrument-cards' outside a guideline page needs "
                                                "':guideline: <slug>'.")
            return []
        first = self.options.get("first", [])
        known = sorted(domain.instruments)
        for entry_id in first:
            entry = domain.instruments.get(entry_id)
            if entry is None:
                domain.report(docname, self.lineno, f"':first:' names instrument '{entry_id}', which is not in the "
                                                    f"registry.{suggestion(entry_id, known)}")
            elif slug not in entry["guidelines"]:
                domain.report(docname, self.lineno, f"':first:' names instrument '{entry_id}', which does not serve "
                                                    f"guideline '{slug}': add '{slug}' to its guidelines in the "
                                                    "registry, or leave it out here.")
        domain.note_instrument_page(docname, [slug], first)
        node = instrument_cards_placeholder(guideline=slug, first=first, limit=self.options.get("limit"))
        self.set_source_info(node)
        return [node]


class InstrumentOverviewDirective(SphinxDirective):
    def run(self):
        HandbookDomain.of(self.env).note_instrument_page(self.env.docname, None, [])
        node = instrument_overview_placeholder()
        self.set_source_info(node)
        return [node]


class Texts:
    """The registry's texts in the build's language: each text, and whether it is still Dutch."""

    def __init__(self, app: Sphinx):
        self.source_language = app.config.handbook_source_language
        self.translating = app.config.language != self.source_language
        self.translations = registry_texts(app) if self.translating else {}
        self.shown = 0
        self.untranslated = 0

    def node(self, text: str, cls=nodes.inline, count: bool = True, **attributes) -> nodes.Element:
        """A node with the text (translated); a Dutch leftover is marked ``language-nl``. ``count``: whether
        it counts in the page's translation progress (not a repeat of a text shown already)."""
        translated = self.translations.get(text)
        node = cls(translated or text, translated or text, **attributes)
        if self.translating:
            self.shown += count
            if not translated:
                self.untranslated += count
                node["classes"].append(f"language-{self.source_language}")
        return node

    def count_into(self, doctree: nodes.document) -> None:
        """The registry's texts count like the page's own: an untranslated one shows the page's notice."""
        progress = doctree.get("translation_progress")
        if self.translating and progress is not None and self.shown:
            doctree["translation_progress"] = {"total": progress["total"] + self.shown,
                                               "translated": progress["translated"] + self.shown - self.untranslated}
        self.shown = self.untranslated = 0

    def text(self, text: str) -> str:
        return self.translations.get(text) or text

    def name(self, entry: dict, cls=nodes.inline, count: bool = True, **attributes) -> nodes.Element:
        if entry.get("translate_name"):
            return self.node(entry["name"], cls, count, **attributes)
        return cls(entry["name"], entry["name"], **attributes)


def card(entry: dict, texts: Texts) -> instrument_card:
    status = STATUSES[entry["status"]]
    label = str(status.label)
    badge = nodes.paragraph("", "", status_badge(label, label, status=status.css), classes=["action-card-status"])
    title = card_title("", "", texts.name(entry))
    description = texts.node(entry["description"], nodes.paragraph, classes=list(design.CARD_TEXT))
    verb = texts.node(entry["verb"])
    # a screen reader that tabs from button to button hears "View (MVI-criteria)", not "View" four times;
    # the visible text comes first, so speech input by the visible label works
    name = on_screen("", nodes.inline("", "", nodes.Text(" ("), texts.name(entry, count=False), nodes.Text(")"),
                                      classes=["visually-hidden"]))
    if entry.get("url"):
        button = link_button("", "", verb, name, refuri=entry["url"], classes=["action-card-button"])
    else:
        button = disabled_button("", "", verb, name, classes=["action-card-button"])
    return instrument_card("", card_body("", badge, title, description),
                           card_footer("", nodes.paragraph("", "", button)), status=status.css)


def render_cards(app: Sphinx, docname: str, node: instrument_cards_placeholder, texts: Texts) -> nodes.Node:
    domain = HandbookDomain.of(app.env)
    entries = domain.instruments_of(node["guideline"])
    first = [domain.instruments[i] for i in node["first"] if i in domain.instruments]
    ordered = first + [entry for entry in entries if entry not in first]
    if node["limit"]:
        ordered = ordered[:node["limit"]]
    return instrument_cards("", *[card(entry, texts) for entry in ordered])


def _phase_names(entry: dict) -> str:
    return ", ".join(str(PHASES[key].name) for key in phases_of(entry) if key in PHASES)


def render_overview(app: Sphinx, docname: str, texts: Texts) -> list[nodes.Node]:
    domain = HandbookDomain.of(app.env)
    screen, paper = on_screen(), on_paper()
    options = {
        "richtlijn": [(info["slug"], f"{info['number']}. {info['title']}") for _d, info in domain.in_order()],
        "fase": [(key, str(phase.name)) for key, phase in PHASES.items()],
        "soort": [(kind, texts.text(kind)) for kind in KINDS],
        "status": [(key, str(status.label)) for key, status in STATUSES.items()],
    }
    screen += filter_form(options=options, total=len(domain.instruments))
    for guideline_doc, info in domain.in_order():
        entries = domain.instruments_of(info["slug"])
        if not entries:
            continue
        heading = f"{info['number']}. {info['title']}"
        group = nodes.section(ids=[f"instrumenten-{info['slug']}"], classes=["instrument-group"])
        group += nodes.title(heading, heading)
        items = nodes.bullet_list(classes=["instrument-list"])
        rows = []
        for entry in entries:
            items += _overview_item(entry, texts, info["slug"])
            rows.append(_paper_row(entry, texts))
        group += items
        screen += group
        paper += nodes.rubric(heading, heading, classes=["instrument-group-title"])
        paper += _paper_table(rows, texts)
    return [screen, paper]


def _overview_item(entry: dict, texts: Texts, slug: str) -> instrument_item:
    status = STATUSES[entry["status"]]
    label = str(status.label)
    head = nodes.paragraph(classes=["instrument-head"])
    name = texts.name(entry, nodes.strong)
    if entry.get("url"):
        head += nodes.reference("", "", name, refuri=entry["url"])
    else:
        head += name
    head += nodes.Text(" ")
    head += status_badge(label, label, status=status.css)
    facts = nodes.paragraph(classes=["instrument-facts"])
    facts += texts.node(entry["kind"])
    facts += nodes.Text(" · " + _phase_names(entry))
    return instrument_item("", head, texts.node(entry["description"], nodes.paragraph), facts,
                           instrument=entry["id"], guidelines=entry["guidelines"], phases=list(phases_of(entry)),
                           kind=entry["kind"], status=entry["status"])


def _paper_row(entry: dict, texts: Texts) -> nodes.row:
    row = nodes.row()
    name = texts.name(entry, nodes.paragraph)
    name.insert(0, row_header_on_paper())
    for cell in (name,
                 nodes.paragraph("", str(STATUSES[entry["status"]].label)),
                 texts.node(entry["kind"], nodes.paragraph),
                 nodes.paragraph("", "", nodes.raw("", r"{\handbookurlbreaks ", format="latex"),
                                 nodes.reference(entry["url"], entry["url"], refuri=entry["url"]),
                                 nodes.raw("", "}", format="latex"))
                 if entry.get("url") else nodes.paragraph("", "—")):
        row += nodes.entry("", cell)
    return row


def _paper_table(rows: list[nodes.row], texts: Texts) -> list[nodes.Node]:
    from sphinx import addnodes  # noqa: PLC0415

    table = nodes.table(classes=["instrument-table"])
    group = nodes.tgroup(cols=4)
    table += group
    for width in (30, 14, 14, 42):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    header = nodes.row()
    for label in (_("Instrument"), _("Status"), _("Soort"), _("Link")):
        header += nodes.entry("", nodes.paragraph("", str(label)))
    head += header
    group += head
    body = nodes.tbody()
    body.extend(rows)
    group += body
    return [addnodes.tabular_col_spec(spec=r"\X{30}{100}\X{14}{100}\X{14}{100}\X{42}{100}"), table]


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(lambda n: isinstance(n, (instrument_cards_placeholder,
                                                                 instrument_overview_placeholder))))
    if not placeholders:
        return
    texts = Texts(app)
    for node in placeholders:
        if isinstance(node, instrument_cards_placeholder):
            node.replace_self(render_cards(app, docname, node, texts))
        else:
            node.replace_self(render_overview(app, docname, texts))
    texts.count_into(doctree)


def _overview_script(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The filters' script, on the page that has the filters only."""
    if doctree is not None and doctree.next_node(filter_form) is not None:
        app.add_js_file("instrument-filters.js", defer="defer")


def setup(app: Sphinx) -> None:
    app.add_node(instrument_cards_placeholder)
    app.add_node(instrument_overview_placeholder)
    app.add_directive("instrument-cards", InstrumentCardsDirective)
    app.add_directive("instrument-overview", InstrumentOverviewDirective)
    app.connect("doctree-resolved", _resolve)
    app.connect("html-page-context", _overview_script)
