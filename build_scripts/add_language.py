"""Add an edition: `make add-language CODE=fy NAME=Frysk`.

1. Adds the edition to source/_data/editions.toml, as a draft (the publisher takes ``draft`` out when it is
   ready), with babel's language for the PDF when TeX Live has one.
2. Writes its empty catalogues, so that a translator can start:
   - one per page and the instrument registry's: ``sphinx-intl update`` from freshly extracted templates
     (build/gettext/*.pot), then in the project's form (``make update-po``'s: no wrapping, Weblate's header);
   - the theme's interface strings (``sphinx.po``): the templates' messages and those the source edition
     already translates in locale/<source>/LC_MESSAGES/sphinx.po; Sphinx and furo may have no catalogue of
     the language, and then these are all the interface has;
   - the extension's labels: _extensions/handbook/i18n/locale/<code>/LC_MESSAGES/handbook.po, extracted from
     the extension's code.
3. Prints what the translator does next.

Nothing is overwritten: an existing edition or catalogue stops the command before it writes anything.

Usage: python build_scripts/add_language.py CODE NAME
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import editions
import update_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_extensions"))
EXTENSION = ROOT / "_extensions" / "handbook"
EXTENSION_CATALOGUES = EXTENSION / "i18n" / "locale"


class Refused(Exception):
    pass


def babel_language(code: str) -> tuple[str, str]:
    """babel's name of the language and where it comes from: docutils' table (Sphinx knows it), TeX Live's
    babel locale (``babel-<code>.ini``), or English when TeX Live has neither."""
    from handbook.render.latex_language import babel_name  # noqa: PLC0415 (after sys.path is set)

    if known := babel_name(code, {}):
        return known, "known"
    for candidate in (code.replace("_", "-"), code.split("_")[0]):
        found = subprocess.run(["kpsewhich", f"babel-{candidate}.ini"], capture_output=True, text=True).stdout.strip()
        if found:
            match = re.search(r"^name\.babel\s*=\s*(\S+)", Path(found).read_text(encoding="utf-8", errors="replace"),
                              re.MULTILINE)
            if match:
                return match.group(1), "ini"
    return "english", "none"


def edition_table(code: str, name: str, source: dict, babel: tuple[str, str]) -> str:
    babel_name, origin = babel
    lines = [
        "",
        f"[{code}]",
        "# translate: the title, subtitle, the word before the version and the keywords are still the source's",
        f"project = {_toml(source['project'])}",
        f"subtitle = {_toml(source['subtitle'])}",
        f"language_name = {_toml(name)}",
        f"pdf_basename = {_toml(source['pdf_basename'])}",
        f"pdf_language_tag = {_toml(code.replace('_', '-'))}",
        f"release_name = {_toml(source.get('release_name', 'Version'))}",
        f"keywords = {_toml(source.get('keywords', ''))}",
        "draft = true",
    ]
    if origin == "ini":
        lines.append(f"latex_babel = {_toml(babel_name)}  # TeX Live's babel locale babel-{code}.ini")
    elif origin == "none":
        lines.append('latex_babel = "english"  # TeX Live has no babel locale for this language')
    return "\n".join(lines) + "\n"


def _toml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_catalogues(code: str, pot_dir: Path, locale_dir: Path) -> None:
    """sphinx-intl creates the catalogues from the templates; update-po then writes them in the project's
    form, as every later update does (so the first `make update-po` changes nothing)."""
    subprocess.run([sys.executable, "-m", "sphinx_intl", "update", "-p", str(pot_dir), "-d", str(locale_dir),
                    "-l", code, "-w", "0", "-j", "1"], check=True, stdout=subprocess.DEVNULL)
    for po in (locale_dir / code / "LC_MESSAGES").rglob("*.po"):
        if po.name != "sphinx.po":
            po.unlink()  # re-created below from the same templates, in the project's form
    with contextlib.redirect_stdout(io.StringIO()):  # one "updated <file>" line per page: noise here
        update_po.update([code], pot_dir=pot_dir, locale_dir=locale_dir)


def interface_catalogue(code: str, source_language: str, locale_dir: Path) -> Path:
    """sphinx.po: the templates' messages (from sphinx-intl) plus those the source edition translates."""
    import polib  # noqa: PLC0415

    target = locale_dir / code / "LC_MESSAGES" / "sphinx.po"
    catalogue = polib.pofile(str(target), wrapwidth=0) if target.exists() else polib.POFile(wrapwidth=0)
    catalogue.metadata.setdefault("Content-Type", "text/plain; charset=UTF-8")
    catalogue.metadata["Language"] = code
    catalogue.metadata_is_fuzzy = False  # sphinx-intl marks the header fuzzy; compilers would skip it
    present = {entry.msgid for entry in catalogue}
    source = locale_dir / source_language / "LC_MESSAGES" / "sphinx.po"
    if source.exists():
        for entry in polib.pofile(str(source)):
            if entry.msgid and entry.msgid not in present and not entry.obsolete:
                catalogue.append(polib.POEntry(msgid=entry.msgid, msgid_plural=entry.msgid_plural,
                                               msgstr="" if not entry.msgid_plural else "",
                                               msgstr_plural={0: "", 1: ""} if entry.msgid_plural else {},
                                               comment=entry.comment))
    catalogue.header = ("Interface strings of the theme and the handbook's templates (English msgids): "
                        f"{update_po.language_name(code)}.")
    target.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(target))
    return target


def extension_catalogue(code: str, catalogues: Path = EXTENSION_CATALOGUES) -> Path:
    """handbook.po with the extension's messages (Dutch msgids), untranslated: those of the other editions'
    handbook.po, and any that babel extracts from the code and they lack (babel does not see a message
    inside an f-string or one passed to ``_`` through a constant, so the catalogues are the reference)."""
    from babel.messages.catalog import Catalog  # noqa: PLC0415
    from babel.messages.extract import extract_from_dir  # noqa: PLC0415
    from babel.messages.pofile import read_po  # noqa: PLC0415

    catalog = Catalog(locale=code.split("_")[0], project="handbook extension", fuzzy=False)
    catalog.header_comment = (f"# {update_po.language_name(code)} labels of the handbook extension "
                              "(msgids are Dutch, the handbook's source language).")
    for po in sorted(catalogues.glob("*/LC_MESSAGES/handbook.po")):
        with po.open("rb") as source:
            for message in read_po(source):
                if message.id and message.id not in catalog:
                    catalog.add(message.id)
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(EXTENSION), method_map=[("**.py", "python")], keywords={"_": None}):
        if isinstance(message, str) and message and message not in catalog:
            catalog.add(message)
    target = catalogues / code / "LC_MESSAGES" / "handbook.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    from babel.messages.pofile import write_po  # noqa: PLC0415

    with target.open("wb") as out:
        write_po(out, catalog, width=0, omit_header=False, no_location=True)
    return target


def add(code: str, name: str, editions_file: Path = editions.EDITIONS_FILE, locale_dir: Path = ROOT / "locale",
        pot_dir: Path = update_po.POT_DIR,
        extension_catalogues: Path = EXTENSION_CATALOGUES) -> tuple[list[Path], tuple[str, str]]:
    present = editions.load(editions_file)
    if not editions.CODE.match(code):
        raise Refused(f"'{code}' is not a language code: use two or three lower-case letters, as in fy or de "
                      "(optionally a region: pt_BR).")
    if not name.strip():
        raise Refused("NAME is empty: give the language's name in that language, e.g. NAME=Frysk.")
    if code in present:
        raise Refused(f"there is an edition '{code}' already ({editions_file}).")
    for existing in (locale_dir / code, extension_catalogues / code):
        if existing.exists():
            raise Refused(f"{existing} exists already: move it away or remove it (nothing was changed).")
    source_language = next(iter(present))
    update_po.extract(pot_dir)
    babel = babel_language(code)
    with editions_file.open("a", encoding="utf-8") as out:
        out.write(edition_table(code, name.strip(), present[source_language], babel))
    page_catalogues(code, pot_dir, locale_dir)
    interface_catalogue(code, source_language, locale_dir)
    extension = extension_catalogue(code, extension_catalogues)
    return sorted((locale_dir / code).rglob("*.po")) + [extension], babel


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("code", help="the language code, e.g. fy")
    parser.add_argument("name", help="the language's name in that language, e.g. Frysk")
    args = parser.parse_args(argv)
    try:
        files, babel = add(args.code, args.name)
    except (Refused, editions.EditionsError) as exc:
        print(f"add-language: {exc}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as exc:
        print(f"add-language: {' '.join(map(str, exc.cmd))} failed; see above. source/_data/editions.toml may "
              "hold the new edition already: remove its table before trying again.", file=sys.stderr)
        return 1
    code = args.code
    pages = [path for path in files if path.name not in ("sphinx.po", "handbook.po")]
    print(f"""
Added the edition '{code}' ({args.name}) as a draft.
  source/_data/editions.toml                          its settings (title, subtitle, PDF name, draft = true)
  locale/{code}/LC_MESSAGES/                            {len(pages)} page catalogues and the registry's, empty
  locale/{code}/LC_MESSAGES/sphinx.po                   the interface (menus, buttons, search)
  _extensions/handbook/i18n/locale/{code}/LC_MESSAGES/handbook.po   the extension's labels
PDF language: babel '{babel[0]}'{"" if babel[1] != "none" else " (TeX Live has no locale for it)"}.

What the translator does next (TRANSLATING.md):
  1. translate project, subtitle, release_name and keywords in source/_data/editions.toml;
  2. translate the catalogues above (Poedit, Weblate or a text editor); `make stats` shows what is left,
     `make check-po` checks the markup;
  3. `make` builds build/site/{code}/ and the PDF in build/site/downloads/; until the edition is translated,
     every page shows the notice with its percentage;
  4. the publisher removes `draft = true` when the edition may be announced to search engines.""")
    return 0


if __name__ == "__main__":
    sys.exit(main())
