"""What the sources say, read independently of the build: guidelines.tsv facts, front matter, the instrument
registry, and the English catalogue, so that tests can compare the built output with them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polib
import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
LOCALE = ROOT / "locale" / "en" / "LC_MESSAGES"
REGISTRY = SOURCE / "_data" / "instrumenten.yaml"


@dataclass
class Card:
    """An instrument of the registry, as a guideline page shows it."""
    id: str
    title: str
    status: str
    button: str
    body: str
    link: str | None
    phases: list[str]
    translate_name: bool = False

    def shown(self, language: str, field: str) -> str:
        """The card's name ("title"), verb ("button") or description ("body") as an edition shows it."""
        dutch = getattr(self, field)
        if language == "nl" or (field == "title" and not self.translate_name):
            return dutch
        return registry_catalogue()[dutch]


def instruments() -> list[Card]:
    entries = yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))
    return [Card(e["id"], e["name"], e["status"], e["verb"], e["description"], e.get("url"), e["phases"],
                 e.get("translate_name", False)) for e in entries]


def registry_catalogue() -> dict[str, str]:
    po = polib.pofile(str(LOCALE / "instrumentenregister.po"))
    return {entry.msgid: entry.msgstr for entry in po if entry.msgstr and not entry.fuzzy and not entry.obsolete}


def instruments_of(slug: str) -> list[Card]:
    entries = yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))
    return [card for card, entry in zip(instruments(), entries) if slug in entry["guidelines"]]


@dataclass
class Guideline:
    slug: str
    number: int
    title: str
    summary: str
    relations: list[str]
    body: str
    cards: list[Card] = field(default_factory=list)

    @property
    def docname(self) -> str:
        return f"richtlijnen/{self.slug}/index"


def guidelines() -> list[Guideline]:
    result = []
    for path in sorted(SOURCE.glob("richtlijnen/*/index.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        cards = instruments_of(path.parent.name)
        result.append(Guideline(path.parent.name, meta["number"], meta["title"], " ".join(meta["summary"].split()),
                                meta.get("relations", []), body, cards))
    return sorted(result, key=lambda g: g.number)


def catalogue(docname: str) -> dict[str, str]:
    po = polib.pofile(str(LOCALE / f"{docname}.po"))
    return {entry.msgid: entry.msgstr for entry in po if entry.msgstr and not entry.fuzzy and not entry.obsolete}


def english(docname: str, dutch: str) -> str:
    return catalogue(docname)[dutch]


def published_guidelines() -> list[dict]:
    """The facts of the published guideline set (tests/published.py)."""
    from published import GUIDELINES  # noqa: PLC0415

    keys = ("number", "slug", "title_nl", "title_en", "relations")
    return [dict(zip(keys, map(str, row))) for row in GUIDELINES]
