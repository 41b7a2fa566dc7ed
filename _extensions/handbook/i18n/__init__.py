"""Translation: the extension's own catalogue, and how a translated edition treats its translations."""

from __future__ import annotations

from sphinx.application import Sphinx

from .catalogue import _

__all__ = ["_", "registry_texts", "setup"]


def registry_texts(app):
    from .registry_catalogue import registry_texts as texts  # noqa: PLC0415 (imports the model)

    return texts(app)


def setup(app: Sphinx) -> None:
    from . import catalogue, catalogue_syntax, registry_catalogue, translation_notice  # noqa: PLC0415

    catalogue.setup(app)
    catalogue_syntax.setup(app)
    registry_catalogue.setup(app)
    translation_notice.setup(app)
