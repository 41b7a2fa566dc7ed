"""The website extras (_extensions/handbook/site/) on a small bilingual site (tests/roots/test-site-extras)
built with the handbook's templates: sitemap, page metadata and the "page not found" page, published at an
address (``html_baseurl``) and without one. The whole site in a browser: tests/test_browser.py."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import build_copy
from handbook.site.page_meta import shorten

ROOT = Path(__file__).parent / "roots" / "test-site-extras"
BASE = "https://example.org/handboek/"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def build(make_app, tmp_path: Path, language: str, **overrides) -> Path:
    app = build_copy(make_app, ROOT, tmp_path / f"{language}-{len(overrides)}", language, **overrides)
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    return app.outdir


@pytest.fixture
def english(make_app, tmp_path) -> Path:
    return build(make_app, tmp_path, "en")


def sitemap(outdir: Path) -> dict[str, dict[str, str]]:
    urlset = ET.parse(outdir / "sitemap.xml").getroot()
    return {url.find("s:loc", SITEMAP).text: {link.get("hreflang"): link.get("href")
                                              for link in url.findall("xhtml:link", SITEMAP)}
            for url in urlset.findall("s:url", SITEMAP)}


def meta(html: str) -> dict[str, str]:
    return dict(re.findall(r'<meta (?:property|name)="(og:[^"]+|description)" content="([^"]*)">', html))


def test_sitemap_has_absolute_addresses_and_alternates(english):
    assert sitemap(english) == {
        f"{BASE}en/{page}": {"nl": f"{BASE}nl/{page}", "en": f"{BASE}en/{page}", "x-default": f"{BASE}nl/{page}"}
        for page in ("index.html", "over.html")  # not the 404 page
    }


def test_sitemap_without_address_holds_paths_from_the_host_root(make_app, tmp_path):
    outdir = build(make_app, tmp_path, "nl", html_baseurl="")
    assert sitemap(outdir)["/nl/over.html"] == {"nl": "/nl/over.html", "en": "/en/over.html",
                                                "x-default": "/nl/over.html"}
    html = (outdir / "over.html").read_text()
    assert 'rel="canonical"' not in html and "og:url" not in html


def test_page_metadata_in_the_language_of_the_edition(english):
    html = (english / "over.html").read_text()
    assert meta(html) == {
        "description": "The second paragraph is translated and describes the trial.",  # not the Dutch first one
        "og:type": "article", "og:site_name": "Trial site", "og:title": "About the trial", "og:locale": "en_GB",
        "og:locale:alternate": "nl_NL",
        "og:description": "The second paragraph is translated and describes the trial.",
        "og:url": f"{BASE}en/over.html",
    }
    assert f'<link rel="canonical" href="{BASE}en/over.html">' in html  # with the edition's folder
    index = meta((english / "index.html").read_text())
    assert index["og:type"] == "website" and index["og:title"] == "Trial site"
    assert meta((english / "genindex.html").read_text())["og:title"] == "Index"


def test_dutch_edition_metadata(make_app, tmp_path):
    html = (build(make_app, tmp_path, "nl") / "over.html").read_text()
    found = meta(html)
    assert found["description"] == "Deze eerste alinea is nog niet vertaald."
    assert (found["og:locale"], found["og:locale:alternate"]) == ("nl_NL", "en_GB")
    assert found["og:url"] == f"{BASE}nl/over.html"


def test_not_found_page_works_at_any_depth(english):
    html = (english / "404.html").read_text()
    stylesheets = re.findall(r'<link rel="stylesheet"[^>]* href="([^"]+)"', html)
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', html)
    assert stylesheets and scripts
    assert all(address.startswith("/handboek/en/_static/") for address in stylesheets + scripts)
    assert 'data-content_root="/handboek/en/"' in html
    assert '<form class="handbook-search" method="get" action="/handboek/en/search.html">' in html
    # the template's own links (sphinx-notfound-page's pathto and toctree): from the host's root
    assert '<a class="sidebar-brand" href="/handboek/en/index.html">' in html
    assert re.search(r'<li class="toctree-l1"><a class="reference internal" href="/handboek/en/over\.html">', html)
    # links in the text and the language switch stay relative to /handboek/en/404.html; the page's script
    # resolves them elsewhere
    assert re.search(r'<a class="language-switch" href="\.\./nl/404\.html"', html)
    assert re.search(r'<a class="reference internal" href="index\.html">', html)
    assert 'new URL("/handboek/en/404.html", window.location.href)' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "Page not found" in html


def test_other_pages_keep_relative_addresses(english):
    html = (english / "over.html").read_text()
    assert 'href="_static/' in html and 'href="/handboek/' not in html
    assert "handbook-search" not in html and "noindex" not in html


def test_shorten_cuts_at_a_word():
    assert shorten("kort") == "kort"
    text = "woord " * 60
    short = shorten(text)
    assert short.endswith("woord…") and len(short) <= 201


def test_pages_load_code_colours_only_when_they_show_code(make_app, tmp_path):
    srcdir = shutil.copytree(ROOT, tmp_path / "code")
    (srcdir / "code.md").write_text("---\ntitle: Code\norphan: true\n---\n\n```python\nprint('hallo')\n```\n")
    app = make_app("html", srcdir=srcdir, confoverrides={"language": "nl"})
    app.build()
    with_code, without = (app.outdir / "code.html").read_text(), (app.outdir / "over.html").read_text()
    assert 'class="highlight' in with_code and "_static/pygments.css" in with_code
    assert "_static/pygments.css" not in without and "design-tabs.js" not in without
    assert (app.outdir / "_static" / "pygments.css").exists()  # still published for the pages with code
