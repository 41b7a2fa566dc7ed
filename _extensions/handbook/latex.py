"""LaTeX rendering of the handbook's components: status badges (``\\DUrole`` macros for the CSS classes
the HTML uses), disabled buttons and card boxes. The macros live in ``handbook.sty``."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STYLE = Path(__file__).parent / "latex" / "handbook.sty"


def _add_style(app: Sphinx) -> None:
    if app.builder.format == "latex":
        app.add_latex_package("handbook")


def _copy_style(app: Sphinx, exception) -> None:
    if exception is None and app.builder.format == "latex":
        target = Path(app.outdir) / STYLE.name
        if not target.exists() or target.read_bytes() != STYLE.read_bytes():
            target.write_bytes(STYLE.read_bytes())


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _add_style)
    app.connect("build-finished", _copy_style)
