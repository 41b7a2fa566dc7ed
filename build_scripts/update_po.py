"""Extract the messages of the Dutch source and update the catalogues of every translated edition.

- a new Dutch message arrives as an empty entry;
- a changed one keeps its old translation, marked fuzzy, with the previous Dutch text (``#| msgid``);
- a removed one is kept at the end of the file as obsolete (``#~``): no translation is ever lost, and a
  sentence that comes back gets its translation back.
Lines are not wrapped (also not the ``#| msgid`` lines), so a diff shows only real changes, and a second run
changes nothing. The header of an existing catalogue keeps its values (Weblate owns some of its fields), its
fields are in Weblate's order and the file ends as Weblate ends it, so a Weblate commit and this script do not
undo each other.

Usage: python build_scripts/update_po.py [--pot-only] [--language en] (default: every edition but the source,
from source/_data/editions.toml)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import editions

ROOT = Path(__file__).resolve().parent.parent
POT_DIR = ROOT / "build" / "gettext"
HEADER = """\
# {language} translation of the page "{page}" of the handbook Richtlijnen voor digitale systemen.
# Edit only the msgstr lines; keep the markup of the msgid (see TRANSLATING.md)."""
DOCTREES = ROOT / "build" / "cache" / "gettext" / "doctrees"


def extract(pot_dir: Path = POT_DIR, doctrees: Path = DOCTREES) -> None:
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-W", "--keep-going",
         "-d", str(doctrees), str(ROOT / "source"), str(pot_dir)],
        check=True,
    )


def previous_msgids(po_file: Path) -> dict[str, str]:
    """msgid -> the previous msgid (``#| msgid``) of each fuzzy entry. babel does not read those lines
    (it takes them for translator comments), so polib does."""
    import polib  # noqa: PLC0415 (only needed here)

    try:
        return {entry.msgid: entry.previous_msgid for entry in polib.pofile(str(po_file))
                if entry.fuzzy and entry.previous_msgid and not entry.obsolete}
    except (OSError, ValueError):
        return {}


def merge(catalog, template, previous: dict[str, str]) -> None:
    """Update ``catalog`` (babel) from ``template`` in place."""
    # An obsolete message that is back in the source gets its translation back (as msgmerge does).
    for msgid, message in list(catalog.obsolete.items()):
        catalog[msgid] = message
    catalog.obsolete.clear()
    # babel fuzzy-matches a new message against every translated message, also those still in the source,
    # so a new paragraph would arrive pre-filled with an unrelated translation. Only messages that left
    # the source may lend theirs: hide the translations of the others during the update.
    in_source = {message.id for message in template if message.id}
    hidden = {message.id: message.string for message in catalog
              if message.id and message.id in in_source and message.string}
    for msgid in hidden:
        catalog[msgid].string = ""
    created = catalog.creation_date
    catalog.update(template, update_header_comment=False)
    catalog.creation_date = created  # no churn: the date changes with every extraction
    for msgid, string in hidden.items():
        catalog[msgid].string = string
    for message in catalog:
        # babel read the '#| msgid' lines as translator comments: drop those. It also forgets the previous
        # msgid of an entry that was fuzzy already: restore it. The previous msgid is always the Dutch text
        # the translation was made for, also when the source changed twice before the translator came by.
        message.user_comments = [comment for comment in message.user_comments if not comment.startswith("|")]
        if not message.id or not message.fuzzy:
            continue
        if message.previous_id:
            message.previous_id = [previous.get(message.previous_id[0], message.previous_id[0])]
        elif message.id in previous:
            message.previous_id = [previous[message.id]]


def render(catalog) -> str:
    """The catalogue as PO text without line wrapping. babel wraps '#| msgid' comments at 76 columns even
    then, into lines that are not valid PO (msgfmt rejects them): write those lines here, unwrapped."""
    from io import BytesIO  # noqa: PLC0415

    from babel.messages.pofile import normalize, write_po  # noqa: PLC0415

    buffer = BytesIO()
    write_po(buffer, catalog, width=0, include_previous=False, sort_output=False,
             omit_header=False, ignore_obsolete=False)
    text = buffer.getvalue().decode(catalog.charset or "utf-8")
    for message in catalog:
        if message.id and message.fuzzy and message.previous_id:
            entry = f"\nmsgid {normalize(message.id, width=0)}\nmsgstr"
            previous = f"#| msgid {normalize(message.previous_id[0], prefix='#| ', width=0)}"
            text = text.replace(entry, f"\n{previous}{entry}", 1)
    # one newline at the end, no empty line after the last entry: as Weblate (translate-toolkit) writes it
    return text.rstrip("\n") + "\n"


# The header fields in the order Weblate (translate-toolkit) writes them, so that neither tool moves a line
# the other wrote; a field not listed keeps its place after these.
HEADER_ORDER = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
                "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
                "Content-Transfer-Encoding", "Plural-Forms", "X-Generator")


def ordered_header(header: str) -> str:
    """The header entry with its field lines ('"Name: value\\n"') in HEADER_ORDER."""
    lines = header.split("\n")
    fields = [i for i, line in enumerate(lines) if line.startswith('"') and ": " in line]
    rank = {name: n for n, name in enumerate(HEADER_ORDER)}
    ordered = sorted((lines[i] for i in fields), key=lambda line: rank.get(line[1:].split(":")[0], len(rank)))
    for i, line in zip(fields, ordered):
        lines[i] = line
    return "\n".join(lines)


def keep_header(text: str, existing: str | None) -> str:
    """``text`` with the header entry of the ``existing`` file (if any), its fields in Weblate's order. The
    header is written when a catalogue is created; after that its values belong to the translators' tools
    (Weblate writes PO-Revision-Date, Last-Translator, Language-Team and X-Generator), so an update never
    rewrites them."""
    header, _, body = text.partition("\n\n")
    old_header = (existing or "").partition("\n\n")[0]
    if '\nmsgid ""\n' in f"\n{old_header}":
        header = old_header
    return f"{ordered_header(header)}\n\n{body}"


def language_name(language: str) -> str:
    """The language's English name for the header comment ("English", "Western Frisian")."""
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415

    try:
        return Locale.parse(language).get_display_name("en") or language
    except (ValueError, UnknownLocaleError):
        return language


def update(languages: list[str], pot_dir: Path = POT_DIR, locale_dir: Path = ROOT / "locale") -> None:
    from babel.messages.pofile import read_po  # noqa: PLC0415 (only needed here)

    for pot_file in sorted(pot_dir.rglob("*.pot")):
        if pot_file.name == "sphinx.pot":
            continue  # the theme's interface strings: English msgids, Dutch in locale/nl/LC_MESSAGES/sphinx.po
        relative = pot_file.relative_to(pot_dir).with_suffix(".po")
        with pot_file.open("rb") as f:
            template = read_po(f)
        for language in languages:
            po_file = locale_dir / language / "LC_MESSAGES" / relative
            if po_file.exists():
                with po_file.open("rb") as f:
                    catalog = read_po(f, locale=language)
                merge(catalog, template, previous_msgids(po_file))
            else:
                catalog = template
                catalog.locale = language
                catalog.fuzzy = False
                catalog.header_comment = HEADER.format(language=language_name(language),
                                                       page=relative.with_suffix("").as_posix())
                po_file.parent.mkdir(parents=True, exist_ok=True)
            existing = po_file.read_text(encoding=catalog.charset or "utf-8") if po_file.exists() else None
            text = keep_header(render(catalog), existing)
            text = text.encode(catalog.charset or "utf-8")
            if not po_file.exists() or po_file.read_bytes() != text:
                tmp = po_file.with_suffix(".po.tmp")
                tmp.write_bytes(text)
                tmp.replace(po_file)
                print(f"updated {po_file.relative_to(locale_dir.parent)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pot-only", action="store_true", help="only extract build/gettext/*.pot")
    parser.add_argument("--language", action="append",
                        help="catalogue language (default: every translated edition)")
    args = parser.parse_args()
    try:
        extract()
    except subprocess.CalledProcessError:
        print("Extraction failed; the catalogues were not touched.", file=sys.stderr)
        return 1
    if not args.pot_only:
        update(args.language or editions.translated())
    return 0


if __name__ == "__main__":
    sys.exit(main())
