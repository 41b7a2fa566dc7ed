"""A translation cannot inject HTML or script, nor drop the source's markup: whatever a msgstr holds, the
built English page holds no element the Dutch source did not produce. Real builds of
tests/roots/test-translation-safety, whose English catalogue smuggles in <script>, <img onerror>, a raw HTML
block, MyST directives, a role, a foreign link and a javascript: link, and drops a bold text and a link;
check-po reports every one of them, and the build's guard rejects the same ones (one comparison,
_extensions/handbook/i18n/markup.py)."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build_scripts"))

import check_po  # noqa: E402
from conftest import build_copy  # noqa: E402

TEST_ROOT = Path(__file__).parent / "roots" / "test-translation-safety"
CATALOGUE = TEST_ROOT / "locale" / "en" / "LC_MESSAGES" / "index.po"
CLEAN = {"Een gewone zin die netjes is vertaald.",
         "Een zin met een [externe link](https://example.org/bron) en **vet**."}
# every other message; the heading one is not even tried by Sphinx (a msgstr that is a heading does not fit
# a paragraph), so the Dutch text shows without a word from the guard
NOT_TRIED = {"Kopzin in het Nederlands."}
REJECTED = ["Veiligheidsproef", "Scriptzin in het Nederlands.", "Plaatjeszin in het Nederlands.",
            "Blokzin in het Nederlands.", "Directiefzin in het Nederlands.", "Kolomzin in het Nederlands.",
            "Rolzin in het Nederlands.", "Linkzin met [een bron](https://example.org/bron).",
            "Javascriptzin met [een bron](https://example.org/bron).", "Vetzin met **nadruk** in het Nederlands.",
            "Bronzin met [een bron](https://example.org/bron) in het Nederlands."]


class Elements(HTMLParser):
    """The elements of the page content (the `body` div of the basic theme), without the translation
    notice, as (tag, sorted attributes)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, tuple]] = []
        self._depth = 0  # inside the content
        self._notice_depth = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if not self._depth:
            if tag == "div" and attrs.get("class") == "body":
                self._depth = 1
            return
        if tag in ("br", "img", "input", "hr", "meta", "link"):  # void elements
            if not self._notice_depth:
                self.found.append((tag, tuple(sorted(attrs.items()))))
            return
        self._depth += 1
        if self._notice_depth or "translation-notice" in (attrs.get("class") or "").split():
            self._notice_depth += 1
            return
        self.found.append((tag, tuple(sorted(attrs.items()))))

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1
            if self._notice_depth:
                self._notice_depth -= 1


def build(make_app, tmp_path: Path, language: str):
    return build_copy(make_app, TEST_ROOT, tmp_path / language, language)


@pytest.fixture
def editions(make_app, tmp_path):
    nl = build(make_app, tmp_path, "nl")
    en = build(make_app, tmp_path, "en")
    return nl, en


def test_no_element_the_dutch_source_did_not_produce(editions):
    nl, en = editions
    nl_html = (nl.outdir / "index.html").read_text()
    en_html = (en.outdir / "index.html").read_text()
    dutch = Elements(nl_html).found
    english = Elements(en_html).found
    assert english, "no content found: the page layout changed"
    dutch_tags = {tag for tag, _ in dutch}
    assert {tag for tag, _ in english} <= dutch_tags
    dutch_links = {dict(attrs).get("href") for tag, attrs in dutch if tag == "a"}
    assert {dict(attrs).get("href") for tag, attrs in english if tag == "a"} <= dutch_links
    for tag, attrs in english:
        assert not any(name.startswith("on") for name, _ in attrs), (tag, attrs)
    # the whole page: the theme's scripts, and not one more
    scripts = re.compile(r"<script\b.*?</script>", re.S | re.I)

    def page_scripts(html: str) -> set[str]:
        return {re.sub(r"\?v=[0-9a-f]+", "", script) for script in scripts.findall(html)}  # no cache busters

    assert page_scripts(en_html) <= page_scripts(nl_html)
    assert "<img" not in en_html and "onerror" not in en_html.replace("onerror=&quot;", "")
    assert not re.search(r"""href=["']\s*javascript:""", en_html, re.I)
    assert "evil.example" not in en_html


def test_good_translations_are_used_and_bad_ones_show_the_dutch_text(editions):
    _nl, en = editions
    html = (en.outdir / "index.html").read_text()
    assert "An ordinary sentence, properly translated." in html
    assert ('<a class="reference external" href="https://example.org/bron">external link</a> and '
            "<strong>bold</strong>") in html
    for dutch in ("Scriptzin in het Nederlands.", "Plaatjeszin in het Nederlands.", "Rolzin in het Nederlands."):
        assert f'<p class="untranslated" lang="nl">{dutch}</p>' in html
    # a translation that drops the source's bold text or link is not used either
    assert '<p class="untranslated" lang="nl">Vetzin met <strong>nadruk</strong> in het Nederlands.</p>' in html
    assert "Bold sentence" not in html and "Source sentence" not in html
    assert re.search(r'<h1 class="untranslated" lang="nl">Veiligheidsproef', html)
    assert "Part of this page has not been translated yet" in html


def test_every_rejection_is_a_warning_that_names_the_catalogue(editions):
    _nl, en = editions
    warnings = en.warning.getvalue()
    for msgid in REJECTED:
        assert re.search(r"translation rejected, the Dutch text is shown: the msgstr of "
                         + re.escape(repr(msgid if len(msgid) <= 60 else msgid[:57] + "..."))
                         + r" in (/\S+/)?locale/en/LC_MESSAGES/index\.po:\d+ ", warnings), msgid
    assert warnings.count("translation rejected") == len(REJECTED)
    assert "lacks 1 bold text of the source" in warnings
    assert "lacks the link target 'https://example.org/bron' of the source" in warnings
    assert "'script'" not in warnings.split("raw html")[0]  # the message quotes the markup, once


def test_check_po_reports_every_smuggling_entry():
    findings = check_po.check_file(CATALOGUE)
    flagged = {finding.msgid for finding in findings}
    every = {line[len('msgid "'):-1] for line in CATALOGUE.read_text().splitlines()
             if line.startswith('msgid "') and line != 'msgid ""'}
    assert flagged == every - CLEAN
    assert set(REJECTED) == every - CLEAN - NOT_TRIED  # the guard rejects what check-po reports
