"""Translation: the extension's own catalogue, and how a translated edition treats its translations."""

from __future__ import annotations

from sphinx.application import Sphinx

from .catalogue import _

__all__ = ["_", "setup"]


def setup(app: Sphinx) -> None:
    from . import catalogue, catalogue_syntax, translation_notice  # noqa: PLC0415

    catalogue.setup(app)
    catalogue_syntax.setup(app)
    translation_notice.setup(app)
