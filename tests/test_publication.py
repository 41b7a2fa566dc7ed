"""The publication as a reader and a publisher get it: a full build of a copy of the project."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import editions
from htmltext import read
from pypdf import PdfReader

PUBLISHED = [code for code, edition in editions.load().items() if not edition.get("draft")]

from conftest import copy_project, run_build

pytestmark = pytest.mark.publication

EDITIONS = {"nl": "Richtlijnen voor digitale systemen", "en": "Guidelines for digital systems"}
# Interface strings of furo and Sphinx, in the language they must NOT appear in.
ENGLISH_UI = ["Back to top", "Skip to content", "Contents", "On this page", "Next", "Previous", "Made with",
              "Toggle", "Light mode", "Dark mode", "Search", "Link to this heading", "Expand"]
DUTCH_UI = ["Terug naar boven", "Direct naar de inhoud", "Inhoud", "Op deze pagina", "Volgende", "Vorige",
            "Gemaakt met", "Wissel", "Lichte modus", "Donkere modus", "Zoeken", "Link naar deze kop",
            "Uitklappen"]


def html_pages(site: Path, language: str) -> list[Path]:
    return sorted(p for p in (site / language).rglob("*.html") if "_static" not in p.parts)


def test_a_good_build_prints_its_summary_and_nothing_to_ignore(site_build):
    """A publisher sees what each edition took and where the site is, not latexmk's warning (on every LaTeX
    run) that the .log file is read as an input, which it says itself can be ignored."""
    assert "Fls file lists log file" not in site_build.stderr and "!!!!" not in site_build.stderr
    assert site_build.stderr.strip() == "", site_build.stderr
    assert re.search(r"^nl: html [\d.]+s, latex [\d.]+s, pdf [\d.]+s$", site_build.stdout, re.MULTILINE)
    assert "site ready in" in site_build.stdout


def test_latexmk_s_warning_is_dropped_and_nothing_else():
    from build import LATEXMK_LOG_AS_INPUT

    warning = ("Latexmk: !!!!!!!!!!! Fls file lists log file as an input file for\n"
               "   rule 'xelatex'. I won't treat it as a source file.\n"
               "   This situation can occur when the hyperxmp package is used with\n"
               "   xelatex; the package reads the .log file's metadata to set current\n"
               "   date and time.  In this case you can safely ignore this message.\n")
    error = "Latexmk: Errors, so I did not complete making targets\n"
    assert LATEXMK_LOG_AS_INPUT.sub("", warning * 3 + error + warning) == error


def test_both_editions_have_the_same_pages(site):
    nl = {p.relative_to(site / "nl") for p in html_pages(site, "nl")}
    en = {p.relative_to(site / "en") for p in html_pages(site, "en")}
    assert nl == en
    assert Path("richtlijnen/inkoop/index.html") in nl
    assert Path("index.html") in nl and Path("search.html") in nl


@pytest.mark.parametrize("language", EDITIONS)
def test_every_page_has_its_language_switch_and_alternates(site, language):
    other = "en" if language == "nl" else "nl"
    for path in html_pages(site, language):
        page = read(path)
        relative = path.relative_to(site / language)
        assert page.lang == language, path
        # the switch to the other edition of the two this test checks (with three or more editions there
        # is one to each, in a menu)
        switches = [a for a in page.with_class("a", "language-switch") if a["hreflang"] == other]
        assert switches, f"{path}: no language switch"
        for switch in switches:
            target = (path.parent / switch["href"]).resolve()
            assert target == (site / other / relative).resolve(), f"{path}: switch goes to {target}"
            assert target.exists()
            assert switch["hreflang"] == other
        alternates = {a["hreflang"]: a["href"] for a in page.find("link", rel="alternate")}
        assert set(alternates) == {*PUBLISHED, "x-default"}, path  # nl, en and any published edition added
        for lang in ("nl", "en"):
            assert (path.parent / alternates[lang]).resolve() == (site / lang / relative).resolve()
        assert (path.parent / alternates["x-default"]).resolve() == (site / "nl" / relative).resolve()


@pytest.mark.parametrize("language", EDITIONS)
def test_every_page_links_to_the_pdf_of_its_language(site, language):
    for path in html_pages(site, language):
        links = read(path).with_class("a", "pdf-download")
        assert links, path
        target = (path.parent / links[0]["href"]).resolve()
        assert target.exists() and target.parent == (site / "downloads").resolve(), target
        assert target.name.endswith(f"-{language}.pdf")


@pytest.mark.parametrize(("language", "forbidden"), [("nl", ENGLISH_UI), ("en", DUTCH_UI)])
def test_interface_is_in_the_language_of_the_edition(site, language, forbidden):
    for path in html_pages(site, language):
        page = read(path)
        # content text is checked by the content tests; here: the page chrome and all attributes
        chrome = page.attribute_text() + " " + " ".join(
            text for text, lang in page.text_parts if lang in (None, language))
        for string in forbidden:
            assert not re.search(rf"\b{re.escape(string)}\b", chrome), f"{path}: {string!r}"


@pytest.mark.parametrize("language", EDITIONS)
def test_window_titles_are_in_the_language_of_the_edition(site, language):
    raw = (site / language / "richtlijnen" / "inkoop" / "index.html").read_text()
    window_title = re.search(r"<title>(.*?)</title>", raw, re.S).group(1)
    assert EDITIONS[language] in window_title
    expected = {"nl": "Definieer je inkoopstrategie", "en": "Define your procurement strategy"}[language]
    assert expected in window_title


def search_index(site: Path, language: str) -> dict:
    raw = (site / language / "searchindex.js").read_text()
    return json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])


def test_one_search_index_per_edition(site):
    nl, en = search_index(site, "nl"), search_index(site, "en")
    assert "inkoopstrateg" in nl["terms"] and "inkoopstrateg" not in en["terms"]
    assert "procur" in en["terms"] and "procur" not in nl["terms"]
    assert "12. Definieer je inkoopstrategie" in nl["titles"]
    assert "12. Define your procurement strategy" in en["titles"]


def test_root_page_offers_both_editions_without_javascript(site):
    page = read(site / "index.html")
    hrefs = {a.get("href") for a in page.find("a")}
    assert {"nl/index.html", "en/index.html"} <= hrefs
    for href in ("nl/index.html", "en/index.html"):
        assert (site / href).exists()


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("language", EDITIONS)
def test_pdf_handbook(site, language):
    pdfs = sorted((site / "downloads").glob(f"*-{language}.pdf"))
    assert len(pdfs) == 1
    pdf = pdfs[0]
    assert re.fullmatch(rf"[a-z-]+-\d+\.\d+\.\d+-{language}\.pdf", pdf.name)
    reader = PdfReader(pdf)
    assert reader.metadata.title == EDITIONS[language]
    text = pdf_text(pdf)
    assert EDITIONS[language] in text
    chapter_titles = {"nl": ["Definieer je inkoopstrategie", "Maak je technologie duurzaam"],
                      "en": ["Define your procurement strategy", "Make your technology sustainable"]}[language]
    for title in chapter_titles:
        assert title in text
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert any("inkoopstrategie" in t or "procurement strategy" in t for t in outline)
    assert "\u0133" not in text  # the Dutch "ij" stays two letters: searchable and copyable
    if language == "nl":
        assert re.search(r"\bbij\b", text)
    catalog = reader.trailer["/Root"]
    assert str(catalog.get("/Lang", "")).startswith(language)


def test_broken_source_fails_and_keeps_the_previous_site(site, tmp_path):
    project = copy_project(tmp_path / "broken")
    shutil.copytree(site, project / "build" / "site")
    before = hashlib.sha256((project / "build/site/nl/index.html").read_bytes()).hexdigest()
    page = project / "source/richtlijnen/inkoop/index.md"
    page.write_text(page.read_text().replace("  - cloud\n", "  - clout\n"))
    result = run_build(project, "--formats", "html")
    assert result.returncode != 0
    assert "richtlijnen/inkoop/index.md:9" in result.stderr
    assert "did you mean 'cloud'" in result.stderr.lower()
    assert hashlib.sha256((project / "build/site/nl/index.html").read_bytes()).hexdigest() == before
    assert sorted((project / "build/site/downloads").glob("*.pdf"))


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_builds_are_reproducible(site, tmp_path):
    project = copy_project(tmp_path / "again")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    first, second = tree_digest(site), tree_digest(project / "build" / "site")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
