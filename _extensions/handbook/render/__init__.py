"""Rendering of the handbook's structured content: action cards, related guidelines, the guideline grid and
the relations overview, and the LaTeX book (chapters, title page, card boxes, badges)."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from . import action_cards, latex, relations, tagged_pdf  # noqa: PLC0415

    action_cards.setup(app)
    relations.setup(app)
    latex.setup(app)
    tagged_pdf.setup(app)  # after latex: its package loads after handbook.sty
