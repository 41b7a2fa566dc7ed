"""Extract the messages of the Dutch source and update the English catalogues.

- a new Dutch message arrives as an empty entry;
- a changed one keeps its old translation, marked fuzzy, with the previous Dutch text (``#| msgid``);
- a removed one is kept at the end of the file as obsolete (``#~``): no translation is ever lost.
Lines are not wrapped, so a diff shows only real changes.

Usage: python build_scripts/update_po.py [--pot-only] [--language en]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POT_DIR = ROOT / "build" / "gettext"
HEADER = """\
# English translation of the page "{page}" of the handbook Richtlijnen voor digitale systemen.
# Edit only the msgstr lines; keep the markup of the msgid (see TRANSLATING.md)."""
DOCTREES = ROOT / "build" / "cache" / "gettext" / "doctrees"


def extract(pot_dir: Path = POT_DIR, doctrees: Path = DOCTREES) -> None:
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-W", "--keep-going",
         "-d", str(doctrees), str(ROOT / "source"), str(pot_dir)],
        check=True,
    )


def update(languages: list[str], pot_dir: Path = POT_DIR, locale_dir: Path = ROOT / "locale") -> None:
    from babel.messages.pofile import read_po, write_po  # noqa: PLC0415 (only needed here)

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
                created = catalog.creation_date
                catalog.update(template, update_header_comment=False)
                catalog.creation_date = created  # no churn: the date changes with every extraction
            else:
                catalog = template
                catalog.locale = language
                catalog.fuzzy = False
                catalog.header_comment = HEADER.format(page=relative.with_suffix("").as_posix())
                po_file.parent.mkdir(parents=True, exist_ok=True)
            before = po_file.read_bytes() if po_file.exists() else b""
            tmp = po_file.with_suffix(".po.tmp")
            with tmp.open("wb") as f:
                write_po(f, catalog, width=0, include_previous=True, sort_output=False,
                         omit_header=False, ignore_obsolete=False)
            if tmp.read_bytes() != before:
                tmp.replace(po_file)
                print(f"updated {po_file.relative_to(ROOT)}")
            else:
                tmp.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pot-only", action="store_true", help="only extract build/gettext/*.pot")
    parser.add_argument("--language", action="append", help="catalogue language (default: en)")
    args = parser.parse_args()
    try:
        extract()
    except subprocess.CalledProcessError:
        print("Extraction failed; the catalogues were not touched.", file=sys.stderr)
        return 1
    if not args.pot_only:
        update(args.language or ["en"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
