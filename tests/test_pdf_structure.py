"""The PDF handbooks for readers who do not see the page: the structure tree (tagged PDF) read with pypdf,
the marked content of every page mapped to its text, and the layout rule that a heading never ends a page.

What the structure must hold (issue 17): headings in order, lists as L > LI > Lbl + LBody, links with a
description (/Contents), the relations table with header cells, the relations diagram as a Figure with
alternative text, headers and footers outside the structure (artifacts), the edition's /Lang, the title in
the window, and a reading order that follows the book.
"""

from __future__ import annotations

import re
import subprocess
from html import unescape
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

import sources
from test_pdf import CHAPTER, localized, pdf_of

pytestmark = pytest.mark.publication
LANGUAGE_TAG = {"nl": "nl-NL", "en": "en-GB"}
DIAGRAM_ALT = {"nl": "Diagram van de relaties tussen de richtlijnen",
               "en": "Diagram of the relations between the guidelines"}
HEADING = re.compile(r"^H([1-6])$")


def squeeze(text: str) -> str:
    """Text without spaces: xetex writes no space characters (tagpdf's interwordspace needs pdftex or
    luatex), and where a reader infers them from the glyph positions differs per font size."""
    return "".join(text.split())


@dataclass
class Element:
    """A structure element: its type, alternative text, text (from its marked content) and children."""

    kind: str
    alt: str = ""
    scope: str = ""  # /Scope of a table header cell (its /A attribute)
    contents: list[str] = field(default_factory=list)  # /Contents of its link annotations
    kids: list[Element] = field(default_factory=list)
    own_text: list[tuple[int, int]] = field(default_factory=list)  # (page, MCID) in order

    def walk(self):
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def text(self, marked: dict[tuple[int, int], str]) -> str:
        parts = [marked.get(ref, "") for ref in self.own_text] + [kid.text(marked) for kid in self.kids]
        return " ".join(" ".join(parts).split())


def resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def marked_content(reader: PdfReader) -> dict[tuple[int, int], str]:
    """(page index, MCID) -> the text shown inside that marked-content sequence."""
    texts: dict[tuple[int, int], str] = {}
    for index, page in enumerate(reader.pages):
        stack: list[int | None] = []
        # l3pdf writes the marked-content properties as named resources (/Properties), not inline
        named = resolve(resolve(page.get("/Resources", DictionaryObject())).get("/Properties", DictionaryObject()))

        def before(operator, operands, cm, tm):
            if operator in (b"BDC", b"BMC"):
                props = resolve(operands[1]) if operator == b"BDC" and len(operands) > 1 else None
                if isinstance(props, str) and props in named:
                    props = resolve(named[props])
                mcid = props.get("/MCID") if isinstance(props, DictionaryObject) else None
                stack.append(int(mcid) if mcid is not None else None)
            elif operator == b"EMC" and stack:
                stack.pop()

        def text(chunk, cm, tm, font, size):
            mcid = next((m for m in reversed(stack) if m is not None), None)
            if mcid is not None and chunk:
                texts[(index, mcid)] = texts.get((index, mcid), "") + chunk

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts


def structure(reader: PdfReader) -> Element:
    root = resolve(reader.trailer["/Root"]["/StructTreeRoot"])
    role_map = {str(k): str(v) for k, v in resolve(root.get("/RoleMap", DictionaryObject())).items()}
    page_index = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}

    def convert(node, page: int | None) -> Element:
        node = resolve(node)
        kind = str(node.get("/S", "/StructTreeRoot"))[1:]
        while "/" + kind in role_map:
            kind = role_map["/" + kind][1:]
        attributes = resolve(node.get("/A", DictionaryObject()))
        scope = str(attributes.get("/Scope", ""))[1:] if isinstance(attributes, DictionaryObject) else ""
        element = Element(kind, alt=str(node.get("/Alt", "")), scope=scope)
        if "/Pg" in node:
            page = page_index.get(node.raw_get("/Pg").idnum, page)
        kids = node.get("/K")
        kids = kids if isinstance(resolve(kids), ArrayObject) else [kids] if kids is not None else []
        for kid in resolve(kids) if isinstance(resolve(kids), ArrayObject) else kids:
            value = resolve(kid)
            if isinstance(value, int):
                element.own_text.append((page, int(value)))
            elif isinstance(value, DictionaryObject) and value.get("/Type") == "/MCR":
                kid_page = page_index.get(value.raw_get("/Pg").idnum, page) if "/Pg" in value else page
                element.own_text.append((kid_page, int(value["/MCID"])))
            elif isinstance(value, DictionaryObject) and value.get("/Type") == "/OBJR":
                annotation = resolve(value["/Obj"])
                element.contents.append(str(annotation.get("/Contents", "")))
            elif isinstance(value, DictionaryObject):
                element.kids.append(convert(kid, page))
        return element

    return convert(root, None)


@pytest.fixture(scope="module", params=["nl", "en"])
def tagged(request, site):
    language = request.param
    pdf = pdf_of(site, language)
    reader = PdfReader(pdf)
    return language, pdf, reader, structure(reader), marked_content(reader)


@pytest.mark.tagged_pdf
def test_pdf_is_tagged_with_language_and_title_in_the_window(tagged):
    language, pdf, reader, _tree, _marked = tagged
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    catalog = reader.trailer["/Root"]
    assert str(catalog["/Lang"]) == LANGUAGE_TAG[language]
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] is True or \
        str(catalog["/ViewerPreferences"]["/DisplayDocTitle"]) == "True"
    assert reader.outline, "bookmarks stay"


@pytest.mark.tagged_pdf
def test_headings_are_in_order(tagged):
    language, _pdf, _reader, tree, marked = tagged
    headings = [(int(HEADING.match(e.kind)[1]), e.text(marked)) for e in tree.walk() if HEADING.match(e.kind)]
    levels = [level for level, _text in headings]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), "a heading level is skipped"
    chapters = [squeeze(text) for level, text in headings if level == 1 and text.startswith(CHAPTER[language])]
    expected = [squeeze(f"{CHAPTER[language]} {g.number}: {localized(g, language, g.title)}") for g in sources.guidelines()]
    assert chapters == expected
    # every guideline has its sections as H2 under its H1
    why = {"nl": "Waarom is het belangrijk?", "en": "Why does it matter?"}[language]
    assert sum(1 for level, text in headings if level == 2 and squeeze(text).endswith(squeeze(why))) == len(expected)
    # every heading opens a Sect that holds what follows it
    sections = [e for e in tree.walk() if e.kind == "Sect"]
    assert len(sections) == len(headings)
    assert all(HEADING.match(s.kids[0].kind) for s in sections if s.kids)


@pytest.mark.tagged_pdf
def test_table_of_contents_is_tagged_as_one(tagged):
    language, _pdf, _reader, tree, _marked = tagged
    tocs = [e for e in tree.walk() if e.kind == "TOC"]
    assert len(tocs) == 1 and tocs[0].kids and {item.kind for item in tocs[0].kids} == {"TOCI"}
    # every line links to its heading, and the link says which (its title, without the number)
    links = [link for item in tocs[0].kids for link in item.walk() if link.kind == "Link"]
    assert len(links) == len(tocs[0].kids)
    described = [link.contents[0] for link in links]
    titles = [localized(g, language, g.title) for g in sources.guidelines()]
    assert [d for d in described if d in titles] == titles
    assert len(described) > 5 * len(titles)  # the chapters' sections too


@pytest.mark.tagged_pdf
def test_lists_are_tagged_as_lists(tagged):
    _language, _pdf, _reader, tree, marked = tagged
    lists = [e for e in tree.walk() if e.kind == "L"]
    assert len(lists) >= 50
    for element in lists:
        assert element.kids and all(kid.kind == "LI" for kid in element.kids), [k.kind for k in element.kids]
        for item in element.kids:
            assert [kid.kind for kid in item.kids] == ["Lbl", "LBody"], [k.kind for k in item.kids]
            # bullets, numbers, and the phase checklists' box
            assert item.kids[0].text(marked) in {"•", "–", "-", "□"} or re.fullmatch(r"\d+\.", item.kids[0].text(marked))
            assert item.kids[1].text(marked), "an empty list item"


@pytest.mark.tagged_pdf
def test_links_and_figures_have_alternative_text(tagged):
    language, _pdf, _reader, tree, marked = tagged
    links = [e for e in tree.walk() if e.kind == "Link"]
    assert len(links) > 100
    for link in links:
        assert link.contents and all(c and c not in ("url", "ref") for c in link.contents), link.contents
    external = [c for link in links for c in link.contents if c.startswith("https://")]
    assert "https://www.forumstandaardisatie.nl/open-standaarden" in external
    internal = {c for link in links for c in link.contents if not c.startswith("http")}
    duurzaamheid = next(g for g in sources.guidelines() if g.slug == "duurzaamheid")
    assert any(localized(duurzaamheid, language, duurzaamheid.title) in c for c in internal)
    figures = [e for e in tree.walk() if e.kind == "Figure"]
    assert len(figures) == 1 and figures[0].alt.startswith(DIAGRAM_ALT[language])


@pytest.mark.tagged_pdf
def test_tables_have_rows_and_header_cells(tagged):
    _language, _pdf, _reader, tree, marked = tagged
    tables = [e for e in tree.walk() if e.kind == "Table"]
    assert len(tables) == 1 + len(sources.guidelines())  # the relations matrix, the instruments per guideline
    for table in tables:
        assert table.kids and all(row.kind == "TR" for row in table.kids), [row.kind for row in table.kids]
        header, *body = table.kids
        assert {(cell.kind, cell.scope) for cell in header.kids} == {("TH", "Column")}
        # the first column names the row (a guideline, an instrument): its header
        assert body and {(row.kids[0].kind, row.kids[0].scope) for row in body} == {("TH", "Row")}
        assert {cell.kind for row in body for cell in row.kids[1:]} == {"TD"}
        assert all(len(row.kids) == len(header.kids) for row in body)
    matrix = next(table for table in tables if len(table.kids[0].kids) == 14)
    assert len(matrix.kids) == 14  # header + 13 guidelines
    assert [cell.text(marked) for cell in matrix.kids[0].kids[1:]] == [str(n) for n in range(1, 14)]


def cards_in_book_order(site: Path, language: str, guideline) -> list[str]:
    """The names of a guideline's instrument cards in the order the edition shows them (its HTML page, the
    same document as the PDF's chapter)."""
    html = (site / language / f"{guideline.docname}.html").read_text(encoding="utf-8")
    grid = html[html.index("action-cards"):]
    names = [card.shown(language, "title") for card in guideline.cards]
    titles = [unescape(re.sub(r"<[^>]+>", "", title))
              for title in re.findall(r'<p class="sd-card-title[^"]*">(.*?)</p>', grid, re.S)]
    titles = [title for title in titles if title in names]  # not the cards of related guidelines further on
    assert sorted(titles) == sorted(names), (guideline.slug, titles)
    return titles


@pytest.mark.tagged_pdf
def test_text_follows_the_reading_order_without_headers_and_footers(tagged, site):
    language, _pdf, _reader, tree, marked = tagged
    text = squeeze(tree.text(marked))
    get_started = squeeze({"nl": "Direct aan de slag", "en": "Get started"}[language])
    positions = []
    for guideline in sources.guidelines():
        heading = squeeze(f"{CHAPTER[language]} {guideline.number}: {localized(guideline, language, guideline.title)}")
        assert text.count(heading) == 1, heading  # the running header would repeat it: it is an artifact
        start = text.index(heading)
        positions.append(start)
        end = text.find(squeeze(f"{CHAPTER[language]} {guideline.number + 1}:"), start)
        chapter = text[start:end if end > 0 else len(text)]
        # the cards stand in two columns on paper; read, they follow each other as in the book
        cards = chapter[chapter.index(get_started):]
        position = 0
        for name in cards_in_book_order(site, language, guideline):
            position = cards.find(squeeze(name), position)
            assert position >= 0, (guideline.slug, name)
    assert positions == sorted(positions)
    # every card is one Div: its badge and name, description and link together
    divs = [e for e in tree.walk() if e.kind == "Div"]
    assert len(divs) == sum(len(guideline.cards) for guideline in sources.guidelines())
    assert all(div.kids and {kid.kind for kid in div.kids} <= {"P", "Link"} for div in divs)


# --- a heading never ends a page ------------------------------------------------------------------------------

def page_lines(pdf: Path) -> list[list[str]]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in out.split("\f")]


def headings_of(reader: PdfReader) -> set[str]:
    titles: set[str] = set()

    def collect(items):
        for item in items:
            if isinstance(item, list):
                collect(item)
            else:
                titles.add(" ".join(item.title.split()))

    collect(reader.outline)
    return titles


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_heading_ends_a_page(site, language):
    pdf = pdf_of(site, language)
    headings = headings_of(PdfReader(pdf))
    stranded = []
    for number, lines in enumerate(page_lines(pdf), start=1):
        # the body's last line: above the page number and the footnotes (lines that start with their number
        # or hold only a URL)
        body = [line for line in lines if not re.fullmatch(r"[0-9ivxlc]+", line)
                and not re.match(r"^\d+\s*(https?://|$)", line) and not line.startswith("https://")]
        last = re.sub(r"^(\d+\.)*\d+\s+", "", " ".join(body[-1].split())) if body else ""
        if last in headings:
            stranded.append((number, body[-1]))
    assert not stranded, f"headings at the foot of a page: {stranded}"
