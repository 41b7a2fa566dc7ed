"""The instrument registry's own catalogue, ``locale/<lang>/LC_MESSAGES/instrumentenregister.po``: its texts
(description, verb, kind, and the name where it is no proper name), each once.

- The message extraction (``sphinx-build -b gettext``, run by ``make update-po``) writes them to
  ``instrumentenregister.pot`` beside the pages' templates, with the registry's file and line as location.
- A translated build reads the catalogue's translated, not fuzzy, entries (``registry_texts``); a catalogue
  that is not valid PO stops the build with its file and line.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po
from sphinx.application import Sphinx
from sphinx.builders.gettext import MessageCatalogBuilder, MsgOrigin
from sphinx.errors import SphinxError

from ..model.domain import HandbookDomain
from ..model.registry import messages

CATALOG = "instrumentenregister"


class CatalogueError(SphinxError):
    category = "Translation catalogue error"


def catalogue_path(app: Sphinx) -> Path | None:
    for locale_dir in app.config.locale_dirs:
        path = Path(app.srcdir, locale_dir, app.config.language, "LC_MESSAGES", f"{CATALOG}.po").resolve()
        if path.exists():
            return path
    return None


def registry_texts(app: Sphinx) -> dict[str, str]:
    """Dutch text -> translation, for the translated, not fuzzy entries (read once per build)."""
    cached = getattr(app, "handbook_registry_texts", None)
    if cached is not None:
        return cached
    path = catalogue_path(app)
    texts: dict[str, str] = {}
    if path is not None:
        try:
            with path.open("rb") as source:
                catalog = read_po(source, locale=app.config.language, abort_invalid=True)
        except PoFileError as exc:
            raise CatalogueError(f"{path}:{getattr(exc, 'lineno', '?')}: {exc}; fix the catalogue and build again.") from exc
        texts = {message.id: message.string for message in catalog
                 if message.id and message.string and not message.fuzzy and isinstance(message.id, str)}
    app.handbook_registry_texts = texts
    return texts


def digest(app: Sphinx) -> str:
    """What the registry's translations are now: a change rewrites the pages that show instruments."""
    if app.config.language == app.config.handbook_source_language:
        return ""
    return hashlib.sha256(repr(sorted(registry_texts(app).items())).encode()).hexdigest()


def _extract(app: Sphinx, builder) -> None:
    if not isinstance(app.builder, MessageCatalogBuilder):
        return
    domain = HandbookDomain.of(app.env)
    source = str(Path(app.srcdir, app.config.handbook_registry))
    for text, line in messages(domain.instruments):
        app.builder.catalogs[CATALOG].add(text, MsgOrigin(source, line))


def setup(app: Sphinx) -> None:
    app.connect("write-started", _extract)
