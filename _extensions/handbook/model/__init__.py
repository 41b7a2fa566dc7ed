"""The handbook's data: guideline metadata read from the front matter, checked, and kept per document;
the status vocabulary; the authors' input problems."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from . import guidelines, problems  # noqa: PLC0415

    problems.setup(app)
    guidelines.setup(app)
