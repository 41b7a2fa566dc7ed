"""Lifecycle phases (_extensions/handbook/render/phases.py) on the small test project of the registry: a
section per phase with goal, checklist and the registry's instruments, the phase page, paper, translation,
and every kind of bad input reported with file and line."""

from __future__ import annotations

import re

import pytest
from sphinx.errors import SphinxError

from test_registry import build, project


def test_a_section_per_phase_with_goal_checklist_and_instruments(make_app, rootdir, tmp_path):
    app = build(make_app, project(rootdir, tmp_path))
    alfa = (app.outdir / "richtlijnen/alfa/index.html").read_text()
    bouw = alfa[alfa.index('id="fase-bouw"'):]
    assert re.search(r'<h3>Bouw<a class="headerlink" href="#fase-bouw"', bouw)
    assert '<p class="phase-goal">Bouw het in kleine stappen.</p>' in bouw
    checklist = re.search(r'<ul aria-label="Gewenste uitkomsten" class="phase-outcomes checklist" '
                          r'data-checklist="fase-bouw"[^>]*>(.*?)</ul>', bouw, re.S)
    assert checklist and re.findall(r"<li><p>([^<]*)</p>", checklist.group(1)) == [
        "Je hebt een werkende versie.", "Je hebt getest met gebruikers.", "Je meet hoe de dienst presteert."]
    # the registry's instruments of alfa in 'bouw': two of this phase and one of every phase, available first
    instruments = re.search(r'<ul class="phase-instruments[^"]*">(.*?)</ul>', bouw, re.S).group(1)
    assert re.findall(r'<a class="reference external" href="([^"]+)"', instruments) == [
        "https://example.org/alfa", "https://example.org/bouwstenen", "https://example.org/zeta"]
    assert "Aanvullend, waar het past" in bouw and "Deel wat je hebt geleerd." in bouw
    assert "checklists.js" in alfa
    verkenning = alfa[alfa.index('id="fase-verkenning"'):alfa.index('id="fase-bouw"')]
    assert "Rekenhulp voor kosten" in verkenning and "Zeta-register" not in verkenning


def test_the_phase_page_shows_every_guideline(make_app, rootdir, tmp_path):
    app = build(make_app, project(rootdir, tmp_path), "en")
    page = (app.outdir / "fasen.html").read_text()
    assert re.search(r"<h1>Build<a", page)  # the phase's name, from the extension's catalogue
    assert '<a class="reference internal" href="richtlijnen/alfa/index.html#fase-bouw">1. Eerste richtlijn</a>' in page
    assert "Je hebt een werkende versie." in page  # not translated in this test root: shown in Dutch ...
    assert '<p lang="nl">Je hebt een werkende versie.</p>' in page  # ... and marked as Dutch
    assert 'data-checklist="alfa-bouw"' in page
    assert "beta/index.html#fase-bouw" not in page  # beta has no phases


def test_paper_has_empty_boxes(make_app, rootdir, tmp_path):
    app = build(make_app, project(rootdir, tmp_path), builder="latex")
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert r"\item[\(\square\)] " in tex
    assert tex.count(r"\item[\(\square\)]") == 6 + 3  # alfa's two phases, and the phase page
    assert "checklist" not in tex


BROKEN = """
::::{fase} bouwen
:::{doel}
Iets.
:::
::::

::::{fase} ontwerp
:::{uitkomsten}
- Je hebt een ontwerp.
- Je hebt **getest**.
:::
::::

::::{fase} productie
:::{doel}
Houd het draaiende met [hulp](https://example.org).
:::
::::
"""


def test_bad_phases_are_reported_with_file_and_line(make_app, rootdir, tmp_path):
    srcdir = project(rootdir, tmp_path)
    page = srcdir / "richtlijnen/beta/index.md"
    page.write_text(page.read_text() + BROKEN)
    lines = page.read_text().splitlines()
    app = make_app("html", srcdir=srcdir)
    with pytest.raises(SphinxError):
        app.build()
    log = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())

    def at(fragment: str) -> str:
        return f"beta/index.md:{next(n for n, line in enumerate(lines, 1) if fragment in line)}: ERROR: "

    assert at("{fase} bouwen") + "unknown phase 'bouwen'. Did you mean 'bouw'?" in log
    assert at("{fase} ontwerp") + "phase 'ontwerp' has no goal" in log
    assert at(":::{uitkomsten}") + "phase 'ontwerp' has 2 outcome(s); give it 3 to 7." in log
    assert at("Je hebt **getest**.") + "each item of the 'uitkomsten' block of phase 'ontwerp' must be one line of plain text" in log
    assert at("{fase} productie") + "phase 'productie' has no outcomes" in log
    assert at("Houd het draaiende") + "the goal of phase 'productie' must be plain text" in log


def test_an_edited_goal_rewrites_its_page_and_the_phase_page_only(make_app, rootdir, tmp_path):
    """A phase's goal shows on its guideline page and on the phase page; the other list pages (the grid,
    the related guidelines of other pages) show titles and summaries only (site/rewrite_scope.py)."""
    srcdir = project(rootdir, tmp_path)
    app = build(make_app, srcdir)
    alfa = srcdir / "richtlijnen/alfa/index.md"
    before = {p: p.stat().st_mtime_ns for p in app.outdir.rglob("*.html")}
    alfa.write_text(alfa.read_text().replace("Bouw het in kleine stappen.", "Bouw het in heel kleine stappen."))
    app = build(make_app, srcdir)
    rewritten = {p.relative_to(app.outdir).as_posix() for p in app.outdir.rglob("*.html")
                 if p.stat().st_mtime_ns != before.get(p)}
    assert rewritten - {"genindex.html", "search.html", "404.html"} == {"richtlijnen/alfa/index.html", "fasen.html"}
    assert "Bouw het in heel kleine stappen." in (app.outdir / "fasen.html").read_text()
