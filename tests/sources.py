"""What the sources say, read independently of the build: guidelines.tsv facts, front matter, action
cards, and the English catalogue, so that tests can compare the built output with them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polib
import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
LOCALE = ROOT / "locale" / "en" / "LC_MESSAGES"
CARD = re.compile(r"^:::\{action-card\} (?P<title>.+)\n(?P<options>(?::[a-z]+:.*\n)+)\n(?P<body>(?:.+\n)+?):::$", re.M)


@dataclass
class Card:
    title: str
    status: str
    button: str
    body: str
    link: str | None


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
        cards = []
        for match in CARD.finditer(body):
            options = dict(re.findall(r"^:([a-z]+): (.*)$", match["options"], re.M))
            cards.append(Card(match["title"].strip(), options["status"], options["button"],
                              " ".join(match["body"].split()), options.get("link")))
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
