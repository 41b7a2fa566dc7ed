"""The whole handbook: every guideline of the published set, completely translated, with no Dutch in the
English edition and no English in the Dutch one. Checked on the sources and on the built site."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from htmltext import Page, read

import sources

pytestmark = pytest.mark.publication

DUTCH = set("de het een en van je is dat voor met niet op zijn wordt worden bij naar ook als of maar dan die deze "
            "om te er kan kun jouw hoe wat waar welke wanneer door aan uit hebben heeft moet moeten zo".split())
ENGLISH = set("the and of to is for with you your that are by on it be this can not what how which when from "
              "have has must should so an as at or".split())
STATUS = {"nl": {"beschikbaar", "concept", "in ontwikkeling", "gepland"},
          "en": {"available", "draft", "in development", "planned"}}


def test_every_published_guideline_has_its_page():
    published = sources.published_guidelines()
    found = {g.slug: g for g in sources.guidelines()}
    assert set(found) == {row["slug"] for row in published}
    for row in published:
        guideline = found[row["slug"]]
        assert guideline.number == int(row["number"])
        assert guideline.title == row["title_nl"]
        assert guideline.relations == row["relations"].split()
        assert sources.english(guideline.docname, guideline.title) == row["title_en"]


def dutch_words(text: str) -> int:
    text = re.sub(r"^:[a-z]+:.*$", "", text, flags=re.M)  # directive options
    text = re.sub(r"\]\([^)]*\)|\{[a-z]+\}`[^`]*`|https?://\S+|[:#*`\[\]]", " ", text)
    return len(re.findall(r"[A-Za-zÀ-ÿ'-]+", text))


@pytest.mark.parametrize("guideline", sources.guidelines(), ids=lambda g: g.slug)
def test_guideline_content(guideline):
    assert dutch_words(guideline.body) >= 450
    assert len(guideline.cards) >= 3  # the registry's instruments of this guideline
    assert "{instrument-cards}" in guideline.body and "action-card" not in guideline.body  # none by hand
    for card in guideline.cards:
        assert card.status in STATUS["nl"]
        assert card.body and card.button
    assert "Gerelateerde richtlijnen" not in guideline.body  # rendered from `relations`, never by hand
    assert not re.search(r"<[a-zA-Z/][^>]*>", guideline.body), "no raw HTML in a guideline page"


def test_english_catalogue_is_complete():
    untranslated, fuzzy = [], []
    for po_file in sorted(sources.LOCALE.rglob("*.po")):
        po = polib.pofile(str(po_file))
        untranslated += [f"{po_file.name}: {e.msgid[:40]}" for e in po.untranslated_entries()]
        fuzzy += [f"{po_file.name}: {e.msgid[:40]}" for e in po.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


def content_blocks(page: Page, language: str) -> list[str]:
    """Text of the article, one string per element-level run, without code and URLs."""
    return [re.sub(r"https?://\S+", "", text) for text, lang in page.text_parts if lang in (None, language)]


def article_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    start, end = html.find('<article role="main"'), html.find("</article>")
    html = re.sub(r"<(code|pre)\b.*?</\1>", " ", html[start:end], flags=re.S)
    return html


def sentences(html: str, language: str) -> list[str]:
    page = Page(html)
    text = " ".join(content_blocks(page, language))
    return [s for s in re.split(r"(?<=[.!?:;])\s+|\s{2,}", text) if s.strip()]


def language_of(sentence: str) -> str | None:
    words = re.findall(r"[a-zà-ÿ']+", sentence.lower())
    nl, en = sum(w in DUTCH for w in words), sum(w in ENGLISH for w in words)
    if nl >= 3 and nl > en:
        return "nl"
    if en >= 3 and en > nl:
        return "en"
    return None


@pytest.mark.parametrize(("language", "foreign"), [("nl", "en"), ("en", "nl")])
def test_no_sentence_in_the_other_language(site, language, foreign):
    offenders = []
    pages = sorted(p for p in (site / language).rglob("*.html") if "_static" not in p.parts)
    assert len(pages) > 15
    for path in pages:
        for sentence in sentences(article_text(path), language):
            if language_of(sentence) == foreign:
                offenders.append(f"{path.relative_to(site)}: {sentence[:120]}")
    assert offenders == []


def test_the_heuristic_can_tell_the_languages_apart():
    assert language_of("Je besteedt publiek geld doelmatig en kunt uitleggen waarom je voor een oplossing kiest.") == "nl"
    assert language_of("You spend public money efficiently and can explain why you chose a solution.") == "en"
    assert language_of("Aanbestedingswet 2012 (Dutch Public Procurement Act)") is None


@pytest.mark.parametrize("language", ["nl", "en"])
def test_built_guideline_pages(site, language):
    for guideline in sources.guidelines():
        html = (site / language / f"{guideline.docname}.html").read_text(encoding="utf-8")
        page = read(site / language / f"{guideline.docname}.html")
        title = guideline.title if language == "nl" else sources.english(guideline.docname, guideline.title)
        assert re.search(rf"<h1[^>]*><span class=\"guideline-number\">{guideline.number}\. </span>{re.escape(title)}", html)
        cards = page.with_class("div", "action-card")
        assert len(cards) == len(guideline.cards)
        grid = html[html.index('class="sd-container-fluid sd-sphinx-override sd-mb-4 action-cards"'):html.index('id="fase-verkenning"')]
        badges = re.findall(r'class="sd-badge action-status[^"]*">([^<]+)<', grid)
        assert len(badges) == len(guideline.cards) and set(badges) <= STATUS[language]
        assert len(page.with_class("button", "action-card-button")) == sum(1 for c in guideline.cards if not c.link)


SEED_LISTS = {  # section of the seed page -> number of items it has there
    "Waarom is het belangrijk?": 7,
    "Voorwaarden voor een effectieve inkoopstrategie": 7,
    "Belangrijke afwegingen bij het opstellen van je strategie": 7,
    "Goede praktijken bij technologie-inkoop": 7,
    "Uitdagingen en oplossingen": 5,
    "Evaluatie van je inkoopstrategie": 6,
}
SEED_CARDS = ["MVI-criteria", "TCO Calculator", "Inkoopkompas", "Algoritmekader"]  # proper names: not translated
MVI = "https://www.pianoo.nl/nl/themas/maatschappelijk-verantwoord-inkopen/productgroepen-en-mvi-criteria"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_guideline_12_keeps_everything_of_the_seed(site, language):
    html = (site / language / "richtlijnen/inkoop/index.html").read_text(encoding="utf-8")
    for nl_heading, count in SEED_LISTS.items():
        heading = nl_heading if language == "nl" else sources.english("richtlijnen/inkoop/index", nl_heading)
        match = re.search(rf"<h[23][^>]*>{re.escape(heading)}<a.*?</h[23]>(.*?)</section>", html, re.S)
        assert match, heading
        assert len(re.findall(r"<li>", match.group(1))) >= count, heading
    titles = re.findall(r'<p class="sd-card-title[^"]*"><span>(.*?)</span></p>', html, re.S)
    assert titles[:4] == SEED_CARDS  # the seed's four cards, first and in the seed's order
    assert html.count(MVI) >= 2
    text = read(site / language / "richtlijnen/inkoop/index.html").text()
    assert "**" not in text and "Zie hiervoor ook" not in text and "Promotional" not in text
    if language == "en":
        assert "Encouraging innovation" in text


def test_home_page_grid_and_pdf_links(site):
    for language in ("nl", "en"):
        html = (site / language / "index.html").read_text(encoding="utf-8")
        assert len(re.findall(r'class="[^"]*guideline-card[ "]', html)) == 13
        links = re.findall(r'href="(downloads/[^"]+\.pdf|\.\./downloads/[^"]+\.pdf)"', html)
        assert {Path(l).name[-6:] for l in links} >= {"nl.pdf", "en.pdf"}
        for link in links:
            assert (site / language / link).resolve().exists()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_relation_is_rendered_in_the_site(site, language):
    by_slug = {g.slug: g for g in sources.guidelines()}
    for guideline in by_slug.values():
        html = (site / language / f"{guideline.docname}.html").read_text(encoding="utf-8")
        start = html.index('id="related-guidelines"')
        section = html[start:html.index("</section>", start)]
        outgoing = section[section.index("related-outgoing"):].split("related-incoming")[0]
        hrefs = re.findall(r'guideline-card-title"><a [^>]*href="\.\./([a-z-]+)/index\.html"', outgoing)
        assert hrefs == guideline.relations, guideline.slug
        incoming = sorted(s for s, g in by_slug.items() if guideline.slug in g.relations and s not in guideline.relations)
        found = re.findall(r'href="\.\./([a-z-]+)/index\.html"', section.split("related-incoming", 1)[1]) \
            if "related-incoming" in section else []
        assert sorted(found) == incoming, guideline.slug


def test_the_registry_holds_every_instrument_of_the_original():
    from published import ORIGINAL_INSTRUMENTS  # noqa: PLC0415

    registry = sources.instruments()
    urls, names = {card.link for card in registry}, {card.title for card in registry}
    missing = [(name, url) for name, url in ORIGINAL_INSTRUMENTS if (url not in urls if url else name not in names)]
    assert len(ORIGINAL_INSTRUMENTS) == 70 and missing == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_instrument_is_on_the_overview_and_its_guideline_pages(site, language):
    overview = (site / language / "instrumenten.html").read_text(encoding="utf-8")
    for card in sources.instruments():
        assert f'data-instrument="{card.id}"' in overview, card.id
        assert (f'href="{card.link}"' in overview) if card.link else (card.shown(language, "title") in overview)
    for guideline in sources.guidelines():
        html = (site / language / f"{guideline.docname}.html").read_text(encoding="utf-8")
        for card in guideline.cards:
            assert (f'href="{card.link}"' in html) if card.link else (card.shown(language, "title") in html), card.id


@pytest.mark.parametrize("language", ["nl", "en"])
def test_phase_pages_and_sections(site, language):
    for phase in ("verkenning", "ontwerp", "bouw", "productie"):
        page = read(site / language / "fasen" / f"{phase}.html")
        html = (site / language / "fasen" / f"{phase}.html").read_text(encoding="utf-8")
        assert html.count('class="phase-outcomes checklist"') == 13, phase  # every guideline, its outcomes
        assert page.text()
    for guideline in sources.guidelines():
        html = (site / language / f"{guideline.docname}.html").read_text(encoding="utf-8")
        for phase in ("verkenning", "ontwerp", "bouw", "productie"):
            section = html[html.index(f'id="fase-{phase}"'):]
            items = re.search(r'<ul aria-label="[^"]+" class="phase-outcomes checklist"[^>]*>(.*?)</ul>', section, re.S)
            assert items and 3 <= items.group(1).count("<li>") <= 7, (guideline.slug, phase)
