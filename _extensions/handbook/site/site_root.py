"""The two pages at the root of the published folder, next to the editions, for every edition in
``handbook_editions``:

- ``index.html``: sends the reader to the published edition of their browser's languages (the source
  language otherwise) and lists every edition, each named in its own language;
- ``404.html``: for hosts that show one page for every missing address; a section per edition, in the
  edition's language.

Written by build_scripts/build.py, outside Sphinx (they belong to no edition). The texts of the 404 page are
the extension's messages (``handbook.po``); a text an edition's catalogue lacks is shown in the source
language and marked with its ``lang``.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from babel.messages.pofile import read_po
from markupsafe import Markup

CATALOGUES = Path(__file__).resolve().parent.parent / "i18n" / "locale"
TEMPLATES = Path(__file__).parent / "templates"


def _(message: str) -> str:
    """Marks a message for extraction into handbook.po; translated per edition by ``_translator``."""
    return message


NOT_FOUND = _("Pagina niet gevonden")
EXPLANATION = _("Op dit adres staat geen pagina. Misschien is de pagina verplaatst, of zit er een tikfout in het adres.")
HOME = _("Naar de startpagina van {project}")
SEARCH = _("Zoeken in het handboek")
DRAFT = _("concept")


def _translator(language: str, source_language: str, catalogues: Path):
    """message -> (text, attribute): the edition's translation, or the source text with ' lang="nl"'."""
    translations: dict[str, str] = {}
    po = catalogues / language / "LC_MESSAGES" / "handbook.po"
    if language != source_language and po.is_file():
        with po.open("rb") as source:
            translations = {m.id: m.string for m in read_po(source) if m.id and m.string and not m.fuzzy}

    def translate(message: str, **values) -> dict:
        if language == source_language or message in translations:
            text, attribute = translations.get(message, message), ""
        else:
            text, attribute = message, Markup(' lang="%s"') % source_language
        return {"text": text.format(**values), "attribute": attribute}
    return translate


def root_pages(editions: dict[str, dict], catalogues: Path = CATALOGUES) -> dict[str, str]:
    """file name -> HTML, for the root of the published folder."""
    source_language = next(iter(editions))
    entries = []
    for code, edition in editions.items():
        translate = _translator(code, source_language, catalogues)
        entries.append({
            **edition, "code": code, "published": not edition.get("draft"), "draft": bool(edition.get("draft")),
            "draft_label": DRAFT, "draft_label_lang": source_language,
            "not_found": translate(NOT_FOUND), "explanation": translate(EXPLANATION),
            "home": translate(HOME, project=edition["project"]), "search": translate(SEARCH),
        })
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                     undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    context = {"editions": entries, "source": entries[0]}
    return {name: environment.get_template(f"root-{name}").render(context) for name in ("index.html", "404.html")}
