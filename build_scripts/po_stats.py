"""Translation progress of the catalogues, per document and in total.

For every ``.po`` file under ``locale/<language>/LC_MESSAGES/``: messages, translated, fuzzy,
untranslated, percent translated and the Dutch words left to translate (the words of the untranslated and
fuzzy msgids). Obsolete entries do not count. Run ``make update-po`` first, so the catalogues match the
Dutch source.

Usage:
    python build_scripts/po_stats.py                  # a table
    python build_scripts/po_stats.py --json           # the same numbers as JSON
    python build_scripts/po_stats.py --require 100    # exit 1 unless at least 100% is translated (CI)
    python build_scripts/po_stats.py --language en --locale-dir locale

Without --language: every translated edition (source/_data/editions.toml) that has catalogues, one table
each; JSON then holds {"editions": [...]} when there is more than one.

Exit code: 0; 1 when ``--require`` is not met; 2 when a catalogue cannot be read.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import polib

import editions

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"\w+(?:['’-]\w+)*")
# markup that is not text to translate: link targets, role names, a role's explicit target
NOT_WORDS = re.compile(r"\]\([^)]*\)|\{[\w:.+-]+\}|<[^<>\s]+>")


@dataclass
class Progress:
    document: str
    messages: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    words_left: int = 0

    @property
    def percent(self) -> float:
        """Rounded down to one decimal: 99.96% translated is not shown as 100.0%."""
        if not self.messages:
            return 100.0
        return math.floor(1000 * self.translated / self.messages) / 10

    def add(self, other: Progress) -> None:
        for name in ("messages", "translated", "fuzzy", "untranslated", "words_left"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict:
        return {**asdict(self), "percent": self.percent}


def count_words(msgid: str) -> int:
    return len(WORD.findall(NOT_WORDS.sub(" ", msgid)))


def progress_of(po_file: Path, document: str) -> Progress:
    result = Progress(document)
    for entry in polib.pofile(str(po_file)):
        if entry.obsolete:
            continue
        result.messages += 1
        if entry.fuzzy:
            result.fuzzy += 1
        elif entry.translated():
            result.translated += 1
            continue
        else:
            result.untranslated += 1
        result.words_left += count_words(entry.msgid)
    return result


def collect(catalogue_dir: Path) -> tuple[list[Progress], Progress]:
    documents = [progress_of(po, po.relative_to(catalogue_dir).with_suffix("").as_posix())
                 for po in sorted(catalogue_dir.rglob("*.po"))]
    total = Progress("total")
    for document in documents:
        total.add(document)
    return documents, total


def table(documents: list[Progress], total: Progress) -> str:
    header = ("document", "messages", "translated", "fuzzy", "untranslated", "percent", "words left")
    rows = [(p.document, p.messages, p.translated, p.fuzzy, p.untranslated, f"{p.percent:.1f}%", p.words_left)
            for p in [*documents, total]]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(row) -> str:
        cells = [str(row[0]).ljust(widths[0])] + [str(cell).rjust(widths[i + 1]) for i, cell in enumerate(row[1:])]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *map(line, rows[:-1]), rule, line(rows[-1])])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", action="append", help="a catalogue language (default: every translated edition)")
    parser.add_argument("--locale-dir", type=Path, default=ROOT / "locale", help="default: locale/")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--require", type=float, metavar="PERCENT",
                        help="exit 1 when less than PERCENT of all messages of a language is translated")
    args = parser.parse_args(argv)

    languages = args.language or [code for code in editions.translated()
                                  if (args.locale_dir / code / "LC_MESSAGES").is_dir()]
    if not languages:
        print(f"{args.locale_dir}: no catalogues of a translated edition; run 'make update-po'.", file=sys.stderr)
        return 2
    results = []
    for language in languages:
        catalogue_dir = args.locale_dir / language / "LC_MESSAGES"
        if not catalogue_dir.is_dir():
            print(f"{catalogue_dir}: no such folder; run 'make update-po' or pass --locale-dir/--language.",
                  file=sys.stderr)
            return 2
        try:
            results.append((language, *collect(catalogue_dir)))
        except (OSError, ValueError) as exc:  # polib raises OSError/ValueError on a broken file
            print(f"cannot read a catalogue: {exc}\nRun 'make check-po' to find the broken entry.", file=sys.stderr)
            return 2

    if args.json:
        reports = [{"language": language, "documents": [p.as_dict() for p in documents], "total": total.as_dict()}
                   for language, documents, total in results]
        print(json.dumps(reports[0] if len(reports) == 1 else {"editions": reports}, indent=2, ensure_ascii=False))
    else:
        print("\n\n".join((f"{language}\n" if len(results) > 1 else "") + table(documents, total)
                          for language, documents, total in results))
    status = 0
    for language, _documents, total in results:
        if args.require is not None and total.translated * 100 < args.require * total.messages:
            print(f"\n{total.percent:.1f}% of the '{language}' messages is translated; {args.require:g}% is "
                  f"required. {total.fuzzy} fuzzy and {total.untranslated} untranslated message(s), "
                  f"{total.words_left} Dutch words, are left.", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
