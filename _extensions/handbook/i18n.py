"""The extension's own message catalogue (Dutch msgids, translated in ``locale/<lang>/handbook.po``)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.util.i18n import CatalogInfo

CATALOG = "handbook"
LOCALE_DIR = Path(__file__).parent / "locale"

_ = get_translation(CATALOG)


def _compile_catalogs() -> None:
    for po in LOCALE_DIR.glob("*/LC_MESSAGES/*.po"):
        info = CatalogInfo(str(po.parent), po.stem, "utf-8")
        if info.is_outdated():
            info.write_mo(po.parts[-3])


def setup(app: Sphinx) -> None:
    _compile_catalogs()
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
