"""Rendering of the handbook's structured content: action cards, related guidelines, the guideline grid and
the relations overview, and the LaTeX book (chapters, title page, card boxes, badges)."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from . import instruments, latex, nodes, phases, relations, tagged_pdf  # noqa: PLC0415

    nodes.setup(app)
    relations.setup(app)
    instruments.setup(app)
    phases.setup(app)
    latex.setup(app)
    tagged_pdf.setup(app)  # after latex: its package loads after handbook.sty
