"""The PDF handbooks as a reader gets them: real text (pdftotext), outline, fonts and metadata (pypdf,
pdffonts), and the LaTeX log of the build."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

import sources

pytestmark = pytest.mark.publication
STATUS_LABELS = {"nl": {"beschikbaar": "beschikbaar", "concept": "concept", "in ontwikkeling": "in ontwikkeling",
                        "gepland": "gepland"},
                 "en": {"beschikbaar": "available", "concept": "draft", "in ontwikkeling": "in development",
                        "gepland": "planned"}}
CHAPTER = {"nl": "Richtlijn", "en": "Guideline"}


def pdf_of(site: Path, language: str) -> Path:
    return next((site / "downloads").glob(f"*-{language}.pdf"))


def text_of(pdf: Path) -> str:
    raw = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    raw = raw.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(raw.replace("-\n", "").split())  # one line, hyphenation at line ends undone


def localized(guideline, language: str, dutch: str) -> str:
    return dutch if language == "nl" else sources.english(guideline.docname, dutch)


@pytest.fixture(scope="module", params=["nl", "en"])
def edition(request, site):
    language = request.param
    pdf = pdf_of(site, language)
    return language, pdf, PdfReader(pdf), text_of(pdf)


def test_outline_has_every_guideline_in_order(edition):
    language, _pdf, reader, _text = edition
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    guidelines = sources.guidelines()
    titles = [localized(g, language, g.title) for g in guidelines]
    found = [t for t in top if any(t.endswith(title) for title in titles)]
    assert [next(title for title in titles if t.endswith(title)) for t in found] == titles
    assert any(isinstance(item, list) for item in reader.outline), "sections are bookmarked too"


def test_text_holds_titles_cards_badges_and_urls(edition):
    language, _pdf, _reader, text = edition
    for guideline in sources.guidelines():
        assert localized(guideline, language, guideline.title) in text
        assert f"{CHAPTER[language]} {guideline.number}: {localized(guideline, language, guideline.title)}" in text
        for card in guideline.cards:
            assert card.shown(language, "title") in text
            assert card.shown(language, "button") in text
            if card.link:
                assert card.link in text.replace(" ", ""), card.link
        labels = {STATUS_LABELS[language][c.status] for c in guideline.cards}
        for label in labels:
            assert label in text
    # sphinx-design's stretched-link text and raw class names never reach paper
    assert "sd-card" not in text and "sd-stretched-link" not in text


def test_relations_carry_page_numbers(edition):
    language, _pdf, _reader, text = edition
    page = {"nl": "blz.", "en": "p."}[language]
    inkoop = next(g for g in sources.guidelines() if g.slug == "inkoop")
    duurzaamheid = next(g for g in sources.guidelines() if g.slug == "duurzaamheid")
    title = localized(duurzaamheid, language, duurzaamheid.title)
    assert re.search(rf"13\. {re.escape(title)}, {re.escape(page)} \d+", text)
    assert inkoop.relations == ["duurzaamheid", "cloud", "open-source"]


def test_fonts_are_embedded(edition):
    _language, pdf, _reader, _text = edition
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row  # the "emb" column


def test_metadata(edition):
    language, _pdf, reader, _text = edition
    meta = reader.metadata
    assert meta.title == {"nl": "Richtlijnen voor digitale systemen", "en": "Guidelines for digital systems"}[language]
    assert meta.author and meta.subject and meta.get("/Keywords")
    assert str(reader.trailer["/Root"]["/Lang"]).startswith(language)


def test_front_matter_and_appendix(edition):
    language, _pdf, reader, text = edition
    first_pages = " ".join(reader.pages[i].extract_text() for i in range(3))
    assert {"nl": "Nederlandse editie", "en": "English edition"}[language] in first_pages
    assert {"nl": "Colofon", "en": "Colophon"}[language] in first_pages
    assert {"nl": "Inhoudsopgave", "en": "Contents"}[language] in text
    assert {"nl": "Bijlage A: Relaties tussen de richtlijnen",
            "en": "Appendix A: Relations between the guidelines"}[language] in text


def test_no_overfull_lines_and_small_file(edition, site):
    language, pdf, _reader, _text = edition
    logs = list((site.parent / "cache" / language / "latex").glob("*.log"))
    assert logs
    assert sum(log.read_text(errors="replace").count("Overfull \\hbox") for log in logs) == 0
    assert pdf.stat().st_size < 1.5 * 1024 * 1024


def test_dutch_ij_is_searchable(site):
    text = text_of(pdf_of(site, "nl"))
    assert "\u0133" not in text and " bij " in text


def test_every_relation_is_in_the_pdf_with_a_page_number(edition):
    language, _pdf, _reader, text = edition
    page = {"nl": "blz.", "en": "p."}[language]
    by_slug = {g.slug: g for g in sources.guidelines()}
    for guideline in by_slug.values():
        start = text.index(f"{CHAPTER[language]} {guideline.number}: ")
        following = [g.number for g in by_slug.values() if g.number == guideline.number + 1]
        end = text.index(f"{CHAPTER[language]} {following[0]}: ") if following else len(text)
        chapter = text[start:end]
        for slug in guideline.relations:
            target = by_slug[slug]
            title = localized(target, language, target.title)
            assert re.search(rf"{target.number}\. {re.escape(title)}, {re.escape(page)} \d+", chapter), \
                f"{guideline.slug} -> {slug}"


def test_phases_chapter_has_empty_boxes(edition):
    language, _pdf, reader, text = edition
    title = {"nl": "Fasen", "en": "Phases"}[language]
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert any(t.endswith(title) for t in top), top
    outcomes = sum(len(re.findall(r"^- ", block, re.M)) for guideline in sources.guidelines()
                   for block in re.findall(r":::\{uitkomsten\}\n(.*?):::", guideline.body, re.S))
    assert outcomes >= 13 * 4 * 3
    # an empty box before every outcome: in the guideline's chapter and in the phases chapter
    assert text.count("\u25a1") == 2 * outcomes
    assert f"{CHAPTER[language]} 14" not in text  # the phases are no guideline


def test_instruments_appendix_lists_every_instrument(edition):
    language, _pdf, reader, text = edition
    title = {"nl": "Instrumenten", "en": "Instruments"}[language]
    appendix = text[text.index(f"{'Bijlage' if language == 'nl' else 'Appendix'} B: {title}"):]
    # a name may break at its own hyphen in the narrow column; the text extraction then drops the hyphen
    flat = appendix.replace(" ", "").replace("\n", "").replace("-", "")
    for card in sources.instruments():
        assert card.shown(language, "title").replace(" ", "").replace("-", "") in flat, card.id
    # every link is printed in full somewhere in the book (on the cards; in the table it may break at a hyphen)
    whole = text.replace(" ", "").replace("\n", "")
    assert [card.link for card in sources.instruments() if card.link and card.link not in whole] == []


def test_an_untagged_draft_on_request(tmp_path):
    """HANDBOOK_PDF_TAGGING=0 (conf.py): an untagged PDF in seconds, to check the layout; the published
    ones (the session's build) are tagged."""
    from conftest import copy_project, run_build  # noqa: PLC0415

    project = copy_project(tmp_path / "project")
    result = run_build(project, "--formats", "pdf", "--languages", "en", env={"HANDBOOK_PDF_TAGGING": "0"})
    assert result.returncode == 0, result.stderr[-3000:]
    info = subprocess.run(["pdfinfo", str(pdf_of(project / "build" / "site", "en"))], capture_output=True,
                          text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+no$", info, re.M)
    assert "Define your procurement strategy" in text_of(pdf_of(project / "build" / "site", "en"))
