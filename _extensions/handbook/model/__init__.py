"""The handbook's data, owned by one Sphinx Domain (``domain``): guideline metadata read from the front
matter (``frontmatter``, ``guidelines``), the status vocabulary (``statuses``), and the authors' input
problems."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from . import domain, frontmatter, guidelines, registry  # noqa: PLC0415

    domain.setup(app)
    frontmatter.setup(app)
    guidelines.setup(app)
    registry.setup(app)
