"""Nodes that stand in for lists of guidelines until every guideline's translated title and summary is
known (``doctree-resolved``). A page holding one is a list page of the domain, rewritten whenever a
guideline changes."""

from __future__ import annotations

from docutils import nodes


class relations_placeholder(nodes.General, nodes.Element):
    """Replaced by the related guidelines of the guideline ``guideline`` (a slug; not in an attribute named
    ``slug``, which MyST turns into an HTML id)."""


class guideline_grid(nodes.General, nodes.Element):
    """Replaced by a card (or, on paper, a list entry) for every guideline."""


class relations_overview(nodes.General, nodes.Element):
    """Replaced by the matrix and the graph of all relations."""

