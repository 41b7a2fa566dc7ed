"""The extension's own message catalogue: Dutch msgids, translated in ``locale/<lang>/LC_MESSAGES/handbook.po``.

The ``.po`` files are compiled at set-up into the build's own doctree folder (one per edition), never into
the package folder: two editions that start at once on a fresh clone would otherwise race on one ``.mo``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.locale import get_translation

from .catalogue_syntax import MSGFMT_PATH, CatalogueSyntaxError, problems

CATALOG = "handbook"
SOURCE_DIR = Path(__file__).parent / "locale"

_ = get_translation(CATALOG)


def compile_catalogs(target_dir: Path) -> None:
    """``SOURCE_DIR/<lang>/LC_MESSAGES/handbook.po`` -> ``target_dir/<lang>/LC_MESSAGES/handbook.mo``,
    written atomically and only when the ``.po`` is newer."""
    for po in SOURCE_DIR.glob("*/LC_MESSAGES/*.po"):
        mo = target_dir / po.relative_to(SOURCE_DIR).with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        found = problems(po) if shutil.which("msgfmt", path=MSGFMT_PATH) else []
        if found:
            raise CatalogueSyntaxError("the handbook extension's catalogue is not valid:\n  " + "\n  ".join(found))
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parts[-3])
        handle, temporary = tempfile.mkstemp(dir=mo.parent, suffix=".mo.tmp")
        with os.fdopen(handle, "wb") as out:
            write_mo(out, catalog)
        os.replace(temporary, mo)


def setup(app: Sphinx) -> None:
    target = Path(app.doctreedir) / "handbook-locale"
    compile_catalogs(target)
    app.add_message_catalog(CATALOG, str(target))
