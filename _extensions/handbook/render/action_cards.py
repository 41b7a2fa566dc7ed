"""The "Direct aan de slag" action cards: sphinx-design cards in a responsive grid, each with a status
badge from the one vocabulary (``statuses``), a title, one line of text and a button: a link to the
resource, or, when the resource is not available yet, a disabled button that is not a link.

    ::::{action-cards}
    :::{action-card} MVI-criteria
    :status: beschikbaar
    :link: https://www.pianoo.nl/...
    :button: Bekijken

    Criteria voor duurzaam inkopen.
    :::
    ::::
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx_design.cards import CardDirective
from sphinx_design.shared import create_component, is_component

from ..model.domain import HandbookDomain
from ..model.statuses import STATUSES, vocabulary
from .nodes import disabled_button, link_button, status_badge

MIN_CARDS, MAX_CARDS = 3, 6


class ActionCardsDirective(SphinxDirective):
    has_content = True

    def run(self):
        row = create_component("grid-row", ["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-g-3"])
        self.set_source_info(row)
        self.state.nested_parse(self.content, self.content_offset, row)
        cards = [child for child in row.children if is_component(child, "grid-item")]
        if len(cards) != len(row.children):
            HandbookDomain.of(self.env).report(self.env.docname, self.lineno,
                            "an 'action-cards' block may only hold 'action-card' directives.")
        if not MIN_CARDS <= len(cards) <= MAX_CARDS:
            HandbookDomain.of(self.env).report(self.env.docname, self.lineno,
                            f"this 'action-cards' block has {len(cards)} card(s); "
                            f"give it {MIN_CARDS} to {MAX_CARDS}.")
        container = create_component("grid-container", ["sd-container-fluid", "sd-sphinx-override",
                                                        "sd-mb-4", "action-cards"], children=[row])
        self.set_source_info(container)
        return [container]


class ActionCardDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {
        "status": directives.unchanged_required,
        "link": directives.uri,
        "button": directives.unchanged_required,
    }

    def run(self):
        docname = self.env.docname
        key = " ".join(self.options.get("status", "").split())
        status = STATUSES.get(key)
        if status is None:
            HandbookDomain.of(self.env).report(docname, self.lineno,
                            f"action card '{self.arguments[0]}' has status {key!r}; use one of {vocabulary()}.")
            return []
        link = self.options.get("link")
        if status.needs_link and not link:
            HandbookDomain.of(self.env).report(docname, self.lineno,
                            f"action card '{self.arguments[0]}' is '{key}' but has no ':link:'; add the URL "
                            "of the resource, or use status 'in ontwikkeling' or 'gepland'.")
        label_text = self.options.get("button", "").strip()
        if not label_text:
            HandbookDomain.of(self.env).report(docname, self.lineno,
                            f"action card '{self.arguments[0]}' has no ':button:' text; add e.g. ':button: Bekijken'.")
            label_text = "?"

        card = CardDirective.create_card(self, self.arguments, {
            "class-card": ["action-card", f"action-card--{status.css}"],
            "shadow": "sm", "margin": ["sd-mb-0"]})
        body = next(child for child in card.children if is_component(child, "card-body"))
        label = str(status.label)
        badge = nodes.paragraph("", "", status_badge(label, label, status=status.css), translatable=False,
                                classes=["action-card-status"])
        body.insert(0, badge)

        text = nodes.inline(label_text, label_text, translatable=True)
        text.source, text.line = self.get_source_info()
        if link:
            button = link_button("", "", nodes.inline("", "", text), refuri=link, classes=["action-card-button"])
        else:
            button = disabled_button("", "", nodes.inline("", "", text), classes=["action-card-button"])
        footer = create_component("card-footer", ["sd-card-footer", "action-card-footer"],
                                  children=[nodes.paragraph("", "", button, translatable=False)])
        self.set_source_info(footer)
        card += footer
        item = create_component("grid-item", ["sd-col", "sd-d-flex-row"], children=[card])
        self.set_source_info(item)
        return [item]


def setup(app: Sphinx) -> None:
    app.add_directive("action-cards", ActionCardsDirective)
    app.add_directive("action-card", ActionCardDirective)
