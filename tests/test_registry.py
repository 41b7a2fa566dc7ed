"""The instrument registry (_extensions/handbook/model/registry.py, render/instruments.py) on a small test
project (tests/roots/test-registry): cards from the registry, the overview, translation through its own
catalogue, every kind of bad input reported at once with file, line and id, the message extraction, and an
edited entry rewriting only the pages that show it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.errors import SphinxError

from conftest import ROOT

SCHEMA = ROOT / "source" / "_data" / "instrumenten.schema.json"


def project(rootdir: Path, tmp_path: Path) -> Path:
    """A copy of the test root with the handbook's own schema beside its registry."""
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-registry", srcdir)
    shutil.copy(SCHEMA, srcdir / "_data" / SCHEMA.name)
    return srcdir


def build(make_app, srcdir: Path, language: str = "nl", builder: str = "html", **kwargs):
    app = make_app(builder, srcdir=srcdir, confoverrides={"language": language}, **kwargs)
    app.build()
    return app


def card_titles(html: str) -> list[str]:
    return re.findall(r'<p class="sd-card-title[^"]*"><span[^>]*>([^<]*)</span></p>', html)


def test_cards_come_from_the_registry_in_order(make_app, rootdir, tmp_path):
    app = build(make_app, project(rootdir, tmp_path))
    alfa = (app.outdir / "richtlijnen/alfa/index.html").read_text()
    # ':first:' first, then available before planned, then by name
    assert card_titles(alfa) == ["Zeta-register", "Alfagids", "Bouwstenen", "Rekenhulp voor kosten"]
    assert alfa.count('class="sd-badge action-status action-status--available"') >= 2
    assert re.search(r'<button class="sd-btn sd-btn-outline-secondary action-card-button" disabled="disabled" '
                     r'type="button"><span>Berekenen</span>', alfa)
    assert '<a class="sd-btn sd-btn-primary action-card-button" href="https://example.org/zeta">' in alfa
    beta = (app.outdir / "richtlijnen/beta/index.html").read_text()
    assert card_titles(beta) == ["Alfagids"]  # an instrument of two guidelines is on both pages


def test_cards_are_translated_and_dutch_leftovers_marked(make_app, rootdir, tmp_path):
    app = build(make_app, project(rootdir, tmp_path), "en")
    alfa = (app.outdir / "richtlijnen/alfa/index.html").read_text()
    assert "A guide that explains step by step how to begin." in alfa
    assert "Cost calculator" in alfa and "Rekenhulp voor kosten" not in alfa  # a translatable name
    assert "Zeta-register" in alfa  # a proper name stays
    # not in the catalogue: shown in Dutch, marked as Dutch, and the page says it is not fully translated
    assert re.search(r'<p class="sd-card-text" lang="nl">Afspraken over de bouwstenen', alfa)
    assert '<span lang="nl">Gebruiken</span>' in alfa
    assert 'class="translation-notice"' in alfa
    beta = (app.outdir / "richtlijnen/beta/index.html").read_text()
    assert 'class="translation-notice"' not in beta.split('class="related')[0] or "Gerelateerde" not in beta


def test_overview_groups_by_guideline_with_filter_data(make_app, rootdir, tmp_path):
    app = build(make_app, project(rootdir, tmp_path))
    html = (app.outdir / "instrumenten.html").read_text()
    assert '<form class="instrument-filters" hidden="hidden"' in html  # shown by the script only
    assert re.findall(r'<section class="instrument-group" id="instrumenten-([a-z]+)">', html) == ["alfa", "beta"]
    assert html.count('data-instrument="alfa-gids"') == 2
    assert ('<li class="instrument" data-guidelines="alfa" data-instrument="rekenhulp" data-kind="hulpmiddel" '
            'data-phases="verkenning ontwerp" data-status="gepland">') in html
    assert 'data-phases="verkenning ontwerp bouw productie"' in html  # no phases listed: every phase
    assert '<p class="instrument-count" role="status" aria-live="polite">4 instrumenten</p>' in html
    assert "instrument-filters.js" in html
    assert "instrument-filters.js" not in (app.outdir / "richtlijnen/alfa/index.html").read_text()


def test_every_problem_is_reported_with_file_line_and_id(make_app, rootdir, tmp_path):
    srcdir = project(rootdir, tmp_path)
    registry = srcdir / "_data" / "instrumenten.yaml"
    text = registry.read_text()
    text = text.replace("  guidelines: [alfa]\n  phases: [bouw]\n  kind: register",
                        "  guidelines: [alfaa]\n  phases: [bouwen]\n  kind: register")  # zeta: line 4, 5
    text = text.replace("- id: rekenhulp", "- id: alfa-gids")  # a duplicate id (line 24)
    text = text.replace("  url: https://example.org/bouwstenen\n", "")  # available without a link
    text = text.replace("  added: 2026-02-01\n  description: Afspraken", "  added: 01-02-2026\n  description: Afspraken")
    text = text.replace("  verb: Lezen\n", "  verb: Lezen\n  prijs: gratis\n")  # a field the schema does not know
    registry.write_text(text)
    app = make_app("html", srcdir=srcdir)
    with pytest.raises(SphinxError, match=r"7 problem\(s\) in the sources"):  # and alfa's ':first:'

        app.build()
    log = app.warning.getvalue()
    lines = text.splitlines()

    def line_of(fragment: str, start: int = 0) -> int:
        return next(number for number, line in enumerate(lines, 1) if number > start and fragment in line)

    expected = [
        (line_of("guidelines: [alfaa]"), "entry 'zeta-register': unknown guideline 'alfaa'. Did you mean 'alfa'?"),
        (line_of("phases: [bouwen]"), "entry 'zeta-register': unknown phase 'bouwen'. Did you mean 'bouw'?"),
        (line_of("- id: alfa-gids", line_of("- id: alfa-gids")), "id 'alfa-gids' is used twice"),
        (line_of("- id: bouwstenen"), "entry 'bouwstenen' has status 'beschikbaar' but no 'url'"),
        (line_of("added: 01-02-2026"), "entry 'bouwstenen': 'added' must be a date written YYYY-MM-DD"),
        (line_of("prijs: gratis"), "entry 'alfa-gids': 'prijs' is not a field of the registry."),
    ]
    for line, message in expected:
        assert re.search(rf"_data/instrumenten\.yaml:{line}: ERROR: {re.escape(message)}", log), (line, message, log)


def test_a_yaml_error_names_its_line(make_app, rootdir, tmp_path):
    srcdir = project(rootdir, tmp_path)
    registry = srcdir / "_data" / "instrumenten.yaml"
    registry.write_text(registry.read_text().replace("  kind: handleiding\n", "  kind: [handleiding\n"))
    app = make_app("html", srcdir=srcdir)
    with pytest.raises(SphinxError):
        app.build()
    assert re.search(r"_data/instrumenten\.yaml:\d+: ERROR: the registry is not valid YAML", app.warning.getvalue())


def test_first_must_name_an_instrument_of_the_guideline(make_app, rootdir, tmp_path):
    srcdir = project(rootdir, tmp_path)
    page = srcdir / "richtlijnen/beta/index.md"
    page.write_text(page.read_text().replace("```{instrument-cards}\n", "```{instrument-cards}\n:first: alfagids, zeta-register\n"))
    app = make_app("html", srcdir=srcdir)
    with pytest.raises(SphinxError):
        app.build()
    log = app.warning.getvalue()
    assert "beta/index.md:9: ERROR: ':first:' names instrument 'alfagids', which is not in the registry. Did you mean 'alfa-gids'?" in log
    assert "'zeta-register', which does not serve guideline 'beta'" in log


def test_registry_texts_are_extracted_once_each(make_app, rootdir, tmp_path):
    app = build(make_app, project(rootdir, tmp_path), builder="gettext")
    pot = (app.outdir / "instrumentenregister.pot").read_text()
    msgids = re.findall(r'^msgid "(.+)"$', pot, re.M)
    assert "Een handleiding die stap voor stap uitlegt hoe je begint." in msgids
    assert "Rekenhulp voor kosten" in msgids and "Zeta-register" not in msgids  # only names to translate
    assert len(msgids) == len(set(msgids))
    assert re.search(r"#: .*_data/instrumenten\.yaml:\d+\nmsgid \"Lezen\"", pot)


def test_an_edited_entry_rewrites_only_the_pages_that_show_it(make_app, rootdir, tmp_path):
    srcdir = project(rootdir, tmp_path)
    build(make_app, srcdir)
    registry = srcdir / "_data" / "instrumenten.yaml"
    registry.write_text(registry.read_text().replace("de zeta's van je organisatie", "alle zeta's"))
    app = make_app("html", srcdir=srcdir)
    written = []
    app.connect("html-page-context", lambda app, pagename, *args: written.append(pagename))
    app.build()
    assert "alle zeta's" in (app.outdir / "richtlijnen/alfa/index.html").read_text()
    shown = {"richtlijnen/alfa/index", "instrumenten", "fasen"}  # its guideline, the overview, a phase page
    assert set(written) - {"search", "genindex", "404"} == shown  # not beta, nor the toctree parent (Sphinx and
    # sphinx-notfound-page write search, genindex and 404 on every build)


def test_a_registry_broken_after_a_good_build_is_checked_again(make_app, rootdir, tmp_path):
    """An unchanged registry is not checked again (model/registry.py keeps what it was checked from); a
    changed one, or one whose guidelines changed, is."""
    srcdir = project(rootdir, tmp_path)
    build(make_app, srcdir)
    build(make_app, srcdir)  # unchanged: taken as checked
    registry = srcdir / "_data" / "instrumenten.yaml"
    good = registry.read_text()
    registry.write_text(good.replace("  phases: [bouw]\n", "  phases: [bouwen]\n"))
    app = make_app("html", srcdir=srcdir)
    with pytest.raises(SphinxError):
        app.build()
    assert "unknown phase 'bouwen'" in app.warning.getvalue()
    registry.write_text(good)
    shutil.rmtree(srcdir / "richtlijnen" / "alfa")  # a guideline gone: its instruments now name an unknown one
    app = make_app("html", srcdir=srcdir)
    with pytest.raises(SphinxError):
        app.build()
    assert "unknown guideline 'alfa'" in app.warning.getvalue()


def test_the_appendix_has_a_table_per_guideline(make_app, rootdir, tmp_path):
    app = build(make_app, project(rootdir, tmp_path), builder="latex")
    tex = next(app.outdir.glob("*.tex")).read_text()
    appendix = tex[tex.index("\\chapter{Instrumenten}"):]
    assert appendix.count("\\begin{tabulary}") + appendix.count("\\begin{longtable}") + appendix.count("\\begin{tabular") >= 2
    assert "https://example.org/zeta" in appendix and "Rekenhulp voor kosten" in appendix
    assert "instrument-filters" not in tex and "data-instrument" not in tex
