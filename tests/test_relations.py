"""The handbook extension on a small test project (tests/roots/test-relations): relations, reverse
relations, the overview, the card grid, translated titles and summaries, errors, parallel and incremental
builds."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from htmltext import read
from sphinx.errors import SphinxError

REGRESSIONS = Path(__file__).parent / "regressions"


def check_regression(name: str, actual: str) -> None:
    """Compare with tests/regressions/<name>; UPDATE_REGRESSIONS=1 writes the file instead."""
    expected_file = REGRESSIONS / name
    if os.environ.get("UPDATE_REGRESSIONS"):
        expected_file.write_text(actual)
    assert expected_file.exists(), f"missing {expected_file}; run with UPDATE_REGRESSIONS=1 and review it"
    assert actual == expected_file.read_text()


def related_section(html: str) -> str:
    match = re.search(r'<section class="related-guidelines".*?</section>', html, re.S)
    assert match, "no related-guidelines section"
    return match.group(0) + "\n"


def card_titles(html: str, kind: str) -> list[str]:
    """Titles of the cards in the related-outgoing or related-incoming grid of a page."""
    start = html.find(f'{kind}"')
    if start < 0:
        return []
    end = min(i for i in (html.find("related-incoming", start + len(kind) + 9), html.find("</section>", start)) if i > 0)
    return re.findall(r'guideline-card-title"><a [^>]*><span>([^<]*)</span>', html[start:end])


@pytest.mark.sphinx("html", testroot="relations")
def test_related_guidelines_in_front_matter_order(app):
    app.build()
    alfa = (app.outdir / "richtlijnen/alfa/index.html").read_text()
    assert card_titles(alfa, "related-outgoing") == ["2. Tweede richtlijn", "3. Derde richtlijn"]
    assert "Wordt ook genoemd bij" not in alfa  # beta refers back, but it is in alfa's own list
    check_regression("alfa-related.html", related_section(alfa))


@pytest.mark.sphinx("html", testroot="relations")
def test_reverse_relations(app):
    app.build()
    gamma = (app.outdir / "richtlijnen/gamma/index.html").read_text()
    assert card_titles(gamma, "related-outgoing") == []
    assert "Deze richtlijn verwijst niet naar andere richtlijnen." in gamma
    assert "Wordt ook genoemd bij" in gamma
    assert card_titles(gamma, "related-incoming") == ["1. Eerste richtlijn", "4. Vierde richtlijn"]
    check_regression("gamma-related.html", related_section(gamma))


def matrix_cells(html: str) -> list[list[str]]:
    table = re.search(r'<table class="[^"]*relations-matrix.*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)]
            for r in rows]


@pytest.mark.sphinx("html", testroot="relations")
def test_overview_matrix_and_grid(app):
    app.build()
    index = (app.outdir / "index.html").read_text()
    cells = matrix_cells(index)
    assert cells[0] == ["Richtlijn", "1", "2", "3", "4"]
    assert cells[1] == ["1. Eerste richtlijn", "", "↔", "→", ""]
    assert cells[2] == ["2. Tweede richtlijn", "↔", "", "", ""]
    assert cells[3] == ["3. Derde richtlijn", "←", "", "", "←"]
    assert cells[4] == ["4. Vierde richtlijn", "", "", "→", ""]
    titles = re.findall(r'guideline-card-title"><a [^>]*href="([^"]+)"[^>]*><span>([^<]*)', index)
    assert titles == [("richtlijnen/alfa/index.html", "1. Eerste richtlijn"),
                      ("richtlijnen/beta/index.html", "2. Tweede richtlijn"),
                      ("richtlijnen/gamma/index.html", "3. Derde richtlijn"),
                      ("richtlijnen/delta/index.html", "4. Vierde richtlijn")]


@pytest.mark.sphinx("html", testroot="relations", srcdir="relations-en", confoverrides={"language": "en"})
def test_english_build_translates_titles_summaries_and_labels(app):
    app.build()
    gamma = (app.outdir / "richtlijnen/gamma/index.html").read_text()
    assert re.search(r'<h1><span class="guideline-number">3\. </span>Third guideline', gamma)
    assert re.search(r'<div class="guideline-summary[^"]*">\s*<p>Summary of the third guideline.</p>', gamma)
    assert "Also referred to by" in gamma and "Related guidelines" in gamma
    assert card_titles(gamma, "related-incoming") == ["1. First guideline", "4. Fourth guideline"]
    assert "Summary of the fourth guideline." in gamma
    for dutch in ("Eerste", "Vierde", "Samenvatting", "Gerelateerde", "genoemd"):
        assert dutch not in read(app.outdir / "richtlijnen/gamma/index.html").text()


@pytest.mark.sphinx("gettext", testroot="relations", srcdir="relations-gettext")
def test_summary_and_title_reach_the_catalogue(app):
    app.build()
    pot = (app.outdir / "richtlijnen/alfa/index.pot").read_text()
    assert 'msgid "Eerste richtlijn"' in pot
    assert 'msgid "Samenvatting van de eerste richtlijn."' in pot
    assert re.search(r"#: [^\n]*richtlijnen/alfa/index.md:4\nmsgid \"Samenvatting", pot)
    assert "Gerelateerde richtlijnen" not in pot  # labels come from the extension's own catalogue


@pytest.mark.sphinx("latex", testroot="relations", freshenv=True)
def test_latex_relations_with_page_references(app):
    app.build()
    tex = (app.outdir / "testhandboek-0-nl.tex").read_text() if (app.outdir / "testhandboek-0-nl.tex").exists() \
        else next(app.outdir.glob("*.tex")).read_text()
    assert r"\pageref{\detokenize{richtlijnen/beta/index::doc}}" in tex
    assert "Wordt ook genoemd bij" in tex
    start = tex.index(r"\label{\detokenize{richtlijnen/gamma/index::doc}}")
    check_regression("gamma-related.tex", tex[start: tex.index(r"\chapter", start + 10)])


@pytest.mark.sphinx("html", testroot="relations", srcdir="relations-parallel", parallel=2)
def test_parallel_build_equals_serial_build(app, make_app, tmp_path):
    app.build()
    serial_dir = tmp_path / "serial"
    shutil.copytree(app.srcdir, serial_dir, ignore=shutil.ignore_patterns("_build"))
    serial = make_app("html", srcdir=serial_dir)
    serial.build()
    for page in ("index.html", "richtlijnen/gamma/index.html", "richtlijnen/alfa/index.html"):
        assert (app.outdir / page).read_text() == (serial.outdir / page).read_text(), page


@pytest.mark.sphinx("html", testroot="relations", srcdir="relations-incremental", freshenv=True)
def test_incremental_build_follows_a_relation_change(app, make_app):
    app.build()
    delta = app.srcdir / "richtlijnen/delta/index.md"
    delta.write_text(delta.read_text().replace("relations:\n  - gamma\n", "relations:\n  - beta\n"))
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    gamma = (again.outdir / "richtlijnen/gamma/index.html").read_text()
    beta = (again.outdir / "richtlijnen/beta/index.html").read_text()
    index = (again.outdir / "index.html").read_text()
    assert card_titles(gamma, "related-incoming") == ["1. Eerste richtlijn"]
    assert card_titles(beta, "related-incoming") == ["4. Vierde richtlijn"]
    assert matrix_cells(index)[4] == ["4. Vierde richtlijn", "", "→", "", ""]
    assert matrix_cells(index)[3] == ["3. Derde richtlijn", "←", "", "", ""]


# -- errors: every case names file and line, all of a build are reported, the build stops -------------

def build_broken(make_app, rootdir, tmp_path, edits: dict[str, tuple[str, str]], **kwargs):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-relations", src)
    for name, (old, new) in edits.items():
        path = src / name
        assert old in path.read_text(), f"{old!r} not in {name}"
        path.write_text(path.read_text().replace(old, new))
    app = make_app("html", srcdir=src, **kwargs)
    with pytest.raises(SphinxError) as failure:
        app.build()
    return app._warning.getvalue(), str(failure.value)


ALFA = "richtlijnen/alfa/index.md"
DELTA = "richtlijnen/delta/index.md"
ERROR_CASES = {
    "unknown slug": ({ALFA: ("  - gamma\n", "  - gama\n")},
                     [r"alfa/index.md:7: ERROR: relation to unknown guideline 'gama'. Did you mean 'gamma'\?"]),
    "self relation": ({ALFA: ("  - gamma\n", "  - alfa\n")},
                      [r"alfa/index.md:7: ERROR: 'alfa' is this guideline itself"]),
    "listed twice": ({ALFA: ("  - gamma\n", "  - beta\n")},
                     [r"alfa/index.md:7: ERROR: 'beta' is listed twice"]),
    "not a list": ({ALFA: ("relations:\n  - beta\n  - gamma\n", "relations: beta, gamma\n")},
                   [r"alfa/index.md:5: ERROR: 'relations' must be a list of guideline slugs"]),
    "no summary": ({ALFA: ("summary: Samenvatting van de eerste richtlijn.\n", "")},
                   [r"alfa/index.md:1: ERROR: the guideline has no 'summary'"]),
    "summary with markup": ({ALFA: ("summary: Samenvatting", "summary: Een **vette** samenvatting")},
                            [r"alfa/index.md:4: ERROR: 'summary' must be plain text"]),
    "duplicate number": ({DELTA: ("number: 4", "number: 2")},
                         [r"delta/index.md:2: ERROR: number 2 is also used by richtlijnen/beta/index",
                          r"beta/index.md:2: ERROR: number 2 is also used by richtlijnen/delta/index"]),
    "gap in numbering": ({DELTA: ("number: 4", "number: 5")},
                         [r"delta/index.md:2: ERROR: the guideline numbers have a gap: 4 missing"]),
}


@pytest.mark.parametrize("case", ERROR_CASES)
def test_bad_metadata_stops_the_build_with_file_and_line(case, make_app, rootdir, tmp_path):
    edits, expected = ERROR_CASES[case]
    warnings, failure = build_broken(make_app, rootdir, tmp_path, edits)
    for pattern in expected:
        assert re.search(pattern, warnings), warnings
    assert "problem(s)" in failure


def test_all_errors_of_a_build_are_reported_together(make_app, rootdir, tmp_path):
    warnings, failure = build_broken(make_app, rootdir, tmp_path, {
        ALFA: ("  - gamma\n", "  - gama\n"),
        DELTA: ("summary: Samenvatting", "summary: Zie [de tekst](x) voor de samenvatting"),
    })
    assert "Did you mean 'gamma'" in warnings and "'summary' must be plain text" in warnings
    assert failure.startswith("2 problem(s)")


def rewritten(outdir: Path, before: dict) -> set[str]:
    return {p.relative_to(outdir).as_posix() for p in outdir.rglob("*.html")
            if p.stat().st_mtime_ns != before.get(p)}


WRITTEN_EVERY_BUILD = {"genindex.html", "search.html", "404.html"}


@pytest.mark.sphinx("html", testroot="relations", srcdir="relations-rewrites", freshenv=True)
def test_an_edit_rewrites_only_the_pages_that_show_it(app, make_app):
    app.build()
    alfa = app.srcdir / "richtlijnen/alfa/index.md"
    before = {p: p.stat().st_mtime_ns for p in app.outdir.rglob("*.html")}
    alfa.write_text(alfa.read_text().replace("Tekst van de eerste richtlijn.", "Andere tekst."))
    make_app("html", srcdir=app.srcdir).build()
    # index.html's toctree includes alfa, but alfa's title and sections did not change: not rewritten
    # (search.html and genindex.html are Sphinx's own pages, 404.html sphinx-notfound-page's for a project
    # without one: written on every build)
    assert rewritten(app.outdir, before) - WRITTEN_EVERY_BUILD == {"richtlijnen/alfa/index.html"}

    before = {p: p.stat().st_mtime_ns for p in app.outdir.rglob("*.html")}
    alfa.write_text(alfa.read_text() + "\n## Nieuwe sectie\n\nMeer tekst.\n")
    make_app("html", srcdir=app.srcdir).build()
    # a new section is in alfa's table of contents, which the toctree on index.html shows
    assert rewritten(app.outdir, before) - WRITTEN_EVERY_BUILD == {
        "richtlijnen/alfa/index.html", "index.html"}
    assert "Nieuwe sectie" in (app.outdir / "index.html").read_text()

    before = {p: p.stat().st_mtime_ns for p in app.outdir.rglob("*.html")}
    alfa.write_text(alfa.read_text().replace("Samenvatting van de eerste", "Nieuwe samenvatting van de eerste"))
    make_app("html", srcdir=app.srcdir).build()
    changed = rewritten(app.outdir, before) - WRITTEN_EVERY_BUILD
    # alfa's summary shows on its own page, the grid (index) and the pages of the guidelines it is related
    # to; the pages with a list of guidelines are rewritten as one group
    assert changed == {"richtlijnen/alfa/index.html", "index.html", "richtlijnen/beta/index.html",
                       "richtlijnen/gamma/index.html", "richtlijnen/delta/index.html"}
    assert "Nieuwe samenvatting" in (app.outdir / "richtlijnen/gamma/index.html").read_text()

    before = {p: p.stat().st_mtime_ns for p in app.outdir.rglob("*.html")}
    alfa.write_text(alfa.read_text().replace("title: Eerste richtlijn", "title: Allereerste richtlijn"))
    make_app("html", srcdir=app.srcdir).build()
    # a title is in the navigation of every page (here: the "next" link on index.html, the cards)
    assert rewritten(app.outdir, before) >= {p.relative_to(app.outdir).as_posix() for p in app.outdir.rglob("*.html")
                                             if p.name != "genindex.html"}
    assert "Allereerste richtlijn" in (app.outdir / "index.html").read_text()
