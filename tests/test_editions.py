"""Any number of editions (issue 16), on a small site with three (tests/roots/test-editions): Dutch, English
and a Western Frisian draft. The language menu, hreflang and x-default, sitemaps, the notice of an
untranslated edition, the root pages, and the PDF of a language docutils does not know.
The whole handbook with a third edition added by `make add-language`: tests/test_add_language.py."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_copy
from handbook.render.latex_language import hyphenation_note
from handbook.site.editions import translation_percent
from handbook.site.site_root import root_pages

ROOT = Path(__file__).parent / "roots" / "test-editions"
EDITIONS = tomllib.loads((ROOT / "editions.toml").read_text(encoding="utf-8"))
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """language -> output folder of that edition's HTML build."""
    from sphinx.testing.util import SphinxTestApp

    outdirs = {}
    for language in EDITIONS:
        srcdir = tmp_path_factory.mktemp(f"editions-{language}") / "src"
        shutil.copytree(ROOT, srcdir)
        app = SphinxTestApp("html", srcdir=srcdir, confoverrides={"language": language})
        try:
            app.build()
            assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
            outdirs[language] = Path(app.outdir)
        finally:
            app.cleanup()
    return outdirs


def soup(outdir: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")


def test_the_percentage_counts_translated_messages_not_fuzzy_ones():
    # fy: 6 messages, 1 translated, 1 fuzzy -> 16 % (rounded down); en: complete
    assert translation_percent([ROOT / "locale"], "fy") == 16
    assert translation_percent([ROOT / "locale"], "en") == 100


def test_a_translated_message_changes_the_percentage_on_the_next_build(make_app, tmp_path):
    """The percentage is remembered between builds (site/remembered.py), keyed by the catalogues' texts."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)

    def state() -> str:
        app = make_app("html", srcdir=srcdir, confoverrides={"language": "nl"})
        app.build()
        return soup(Path(app.outdir), "over.html").select_one("a[hreflang=fy] .edition-state").get_text()

    assert state() == "(concept, 16% vertaald)"
    catalogue = srcdir / "locale" / "fy" / "LC_MESSAGES" / "over.po"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        'msgid "Dit is de eerste alinea over de proef."\nmsgstr ""',
        'msgid "Dit is de eerste alinea over de proef."\nmsgstr "Dit is de earste alinea oer de proef."'),
        encoding="utf-8")
    assert state() == "(concept, 33% vertaald)"


def test_three_editions_make_one_language_menu_naming_each_language_in_itself(built):
    page = soup(built["nl"], "over.html")
    menus = page.select("details.language-menu")
    assert len(menus) == 2  # in the page's top bar and in its footer: one control each
    for menu in menus:
        summary = menu.find("summary")
        assert "Nederlands" in summary.get_text() and "Taal" in summary.get_text()
        links = {a["hreflang"]: a for a in menu.select("a.language-switch")}
        assert set(links) == {"en", "fy"}  # the other editions, not the page's own
        for code, link in links.items():
            assert link["lang"] == code and link["href"] == f"../{code}/over.html"
            assert link.get_text(" ", strip=True).startswith(EDITIONS[code]["language_name"])
        # the state of the draft, in the page's language, marked as such inside the Frisian link
        state = links["fy"].select_one(".edition-state")
        assert state.get_text() == "(concept, 16% vertaald)" and state["lang"] == "nl"
        assert links["en"].select_one(".edition-state") is None  # complete and published: nothing to say
    assert not page.select(".edition-links > a.language-switch")  # no loose links next to the menu


def test_hreflang_and_x_default_name_every_published_edition_and_no_draft(built):
    for language in ("nl", "en"):
        page = soup(built[language], "over.html")
        alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate")}
        assert alternates == {"nl": "https://example.org/handboek/nl/over.html",
                              "en": "https://example.org/handboek/en/over.html",
                              "x-default": "https://example.org/handboek/nl/over.html"}
        assert not page.find("meta", attrs={"name": "robots"})
        locales = [m["content"] for m in page.find_all("meta", property="og:locale:alternate")]
        assert "fy" not in locales


def test_a_draft_is_marked_noindex_and_left_out_of_every_sitemap(built):
    page = soup(built["fy"], "over.html")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert "concept" in page.select_one("details.language-menu summary .edition-state").get_text() \
        or "draft" in page.select_one("details.language-menu summary .edition-state").get_text()
    assert not (built["fy"] / "sitemap.xml").exists()
    for language in ("nl", "en"):
        urlset = ET.parse(built[language] / "sitemap.xml").getroot()
        languages = {link.get("hreflang") for link in urlset.iterfind("s:url/xhtml:link", SITEMAP)}
        assert languages == {"nl", "en", "x-default"}


def test_an_untranslated_edition_shows_the_notice_and_marks_its_dutch_text(built):
    page = soup(built["fy"], "over.html")
    assert page.find("h1").get_text().startswith("Oer dizze proef")  # the one translated message
    notice = page.select_one(".translation-notice")
    assert notice is not None and "%" in notice.get_text()
    dutch = [p for p in page.select("article p") if p.get_text().startswith(("Dit is", "Een derde"))]
    assert len(dutch) == 3  # also the fuzzy one: a fuzzy translation is not used
    for paragraph in dutch:
        assert paragraph.find_parent(attrs={"lang": "nl"}) is not None or paragraph.get("lang") == "nl"


def test_two_editions_keep_a_single_link(make_app, tmp_path):
    two = {code: EDITIONS[code] for code in ("nl", "en")}
    app = build_copy(make_app, ROOT, tmp_path / "two", "nl", handbook_editions=two)
    page = soup(Path(app.outdir), "over.html")
    assert not page.select("details.language-menu")
    assert [a["hreflang"] for a in page.select("a.language-switch")] == ["en", "en"]


def test_root_pages_list_every_edition_and_send_readers_to_published_ones():
    pages = root_pages(EDITIONS, catalogues=ROOT / "no-extension-catalogues")
    index = BeautifulSoup(pages["index.html"], "html.parser")
    items = {li["lang"]: li.get_text(" ", strip=True) for li in index.select("main li")}
    assert items == {"nl": "Nederlands: Proefsite", "en": "English: Trial site", "fy": "Frysk: Proefside (concept)"}
    assert re.search(r'var editions = \["nl", "en"\];', pages["index.html"])  # the browser's choice: no draft
    assert {link["hreflang"] for link in index.find_all("link", rel="alternate")} == {"nl", "en", "x-default"}
    not_found = BeautifulSoup(pages["404.html"], "html.parser")
    sections = not_found.select("main section")
    assert [s.get("lang") for s in sections] == [None, "en", "fy"]
    # without catalogues the other editions' texts are the Dutch ones, marked as Dutch
    assert sections[2].find("h2")["lang"] == "nl"
    assert [a["href"] for a in sections[2].select("a")] == ["/fy/index.html", "/fy/search.html"]


def test_the_extension_catalogue_translates_the_root_404_page():
    editions = tomllib.loads((Path(__file__).parents[1] / "source" / "_data" / "editions.toml").read_text())
    page = BeautifulSoup(root_pages(editions)["404.html"], "html.parser")
    english = page.select_one('section[lang="en"]')
    assert english.find("h2").get_text() == "Page not found" and not english.find("h2").get("lang")


@pytest.mark.parametrize("text, expected", [
    ('[nl]\nproject = "P"\nsubtitle = "-"\nlanguage_name = "Nederlands"\npdf_basename = "p"\n'
     'pdf_language_tag = "nl-NL"\n\n[en]\nproject = "P"\n', ":8: the edition [en] lacks subtitle, language_name, pdf_basename, pdf_language_tag"),
    ('[NL]\nproject = "P"\n', ":1: [NL] is not a language code"),
    ("[nl]\nproject = P\n", "not valid TOML"),
])
def test_the_build_scripts_name_the_line_and_what_an_edition_lacks(tmp_path, text, expected):
    import editions  # build_scripts/editions.py

    path = tmp_path / "editions.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(editions.EditionsError, match=re.escape(f"{path}") + ".*" + re.escape(expected)):
        editions.load(path)


def test_the_extension_asks_for_the_same_keys(make_app, tmp_path):
    from sphinx.errors import ConfigError

    incomplete = {code: {key: value for key, value in edition.items() if key != "pdf_language_tag"}
                  for code, edition in EDITIONS.items()}
    with pytest.raises(ConfigError, match="handbook_editions\\['nl'\\] lacks pdf_language_tag"):
        build_copy(make_app, ROOT, tmp_path / "src", "nl", handbook_editions=incomplete)


def test_hyphenation_note_names_the_fallback():
    assert hyphenation_note("nl", EDITIONS["nl"]) is None
    assert hyphenation_note("en", EDITIONS["en"]) is None
    note = hyphenation_note("fy", EDITIONS["fy"])
    assert "westernfrisian" in note and "English patterns" in note


def test_the_pdf_of_a_language_babel_knows_from_its_ini_locale(make_app, tmp_path):
    srcdir = tmp_path / "fy-latex"
    shutil.copytree(ROOT, srcdir)
    app = make_app("latex", srcdir=srcdir, confoverrides={"language": "fy"})
    app.build()
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()  # no "no Babel option known"
    tex = next(Path(app.outdir).glob("proef-*-fy.tex")).read_text(encoding="utf-8")
    assert re.search(r"\\documentclass\[[^]]*westernfrisian[^]]*\]", tex)
    assert r"\usepackage[provide=*]{babel}" in tex and r"\setlocalecaption{westernfrisian}{contents}" in tex
    result = subprocess.run(["make", "-C", str(app.outdir), "all-pdf"], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "LATEXOPTS": "-interaction=nonstopmode -halt-on-error",
                                 "HOME": str(tmp_path)}, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout[-3000:]
    pdf = next(Path(app.outdir).glob("proef-*-fy.pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Oer dizze proef" in text and "?contents?" not in text and "Contents" in text
    title_page = text.split("\f")[0]
    assert "Frysk" in title_page and "Nederlandse editie" not in title_page  # not called the Dutch edition
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Title:\s+Proefside", info)


@pytest.fixture(scope="module")
def site(built, tmp_path_factory) -> Path:
    """The three editions side by side, as build.py publishes them (served by conftest's base_url)."""
    folder = tmp_path_factory.mktemp("editions-site")
    for language, outdir in built.items():
        shutil.copytree(outdir, folder / language)
    return folder


def test_the_language_menu_works_with_the_keyboard(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base_url}nl/over.html")
    menu = page.locator(".content-icon-container details.language-menu")
    links = menu.locator("a.language-switch")
    assert not menu.evaluate("m => m.open")
    for _ in range(40):  # Tab until the menu's button has focus; its closed links never take it
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.closest('details.language-menu') !== null && "
                                "document.activeElement.tagName")
        assert focused != "A", "a link of the closed language menu took focus"
        if focused == "SUMMARY":
            break
    else:
        pytest.fail("Tab never reached the language menu")
    page.keyboard.press("Enter")
    assert menu.evaluate("m => m.open") and links.first.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('hreflang')") == "en"
    page.keyboard.press("Escape")  # closes the menu and gives the focus back to its button
    assert not menu.evaluate("m => m.open")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the second link: the Frisian edition, same page
    assert page.url.endswith("/fy/over.html")
    assert page.evaluate("document.documentElement.lang") == "fy"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_open_language_menu_passes_axe(browser, base_url, width):
    from browser_support import AXE_SCRIPT, AXE_TAGS

    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_init_script(path=str(AXE_SCRIPT))
    try:
        page = context.new_page()
        for language in EDITIONS:
            page.goto(f"{base_url}{language}/over.html")
            page.locator("details.language-menu summary:visible").first.click()
            assert page.locator("details.language-menu[open] a.language-switch:visible").count() == 2
            report = page.evaluate("o => axe.run(document, o)", {"runOnly": {"type": "tag", "values": AXE_TAGS}})
            assert report["violations"] == [], (language, width, [v["id"] for v in report["violations"]])
    finally:
        context.close()
