"""Translated messages parsed once and kept light (_extensions/handbook/speedups/translation_parse.py): the English
edition comes out byte for byte as with Sphinx's own two parses per message, and its doctrees no longer
carry a throwaway document for every translated paragraph."""

from __future__ import annotations


import pytest
from sphinx.transforms import i18n as sphinx_i18n

from conftest import copy_project
from handbook.speedups import translation_parse as translation_speed


def build(make_app, project, builder: str, language: str = "en"):
    app = make_app(builder, srcdir=project / "source", confoverrides={"language": language}, freshenv=True)
    app.build()
    assert app.statuscode == 0
    suffix = {"html": "*.html", "latex": "*.tex"}[builder]
    return app, {p.relative_to(app.outdir).as_posix(): p.read_bytes() for p in sorted(app.outdir.rglob(suffix))}


@pytest.mark.publication
def test_one_parse_per_message_gives_the_same_pages(make_app, tmp_path, monkeypatch):
    before = getattr(sphinx_i18n._publish_msgstr, "parsed", 0), getattr(sphinx_i18n._publish_msgstr, "reused", 0)
    fast_project = copy_project(tmp_path / "fast")
    _, pages = build(make_app, fast_project, "html")
    fast = sphinx_i18n._publish_msgstr
    assert getattr(fast, "handbook_once", False), "the handbook extension did not install the single parse"
    assert fast.reused - before[1] > 500 and fast.parsed - before[0] > 500  # English: ~600 parses saved
    _, tex = build(make_app, fast_project, "latex")

    # Sphinx as it is: two parses per message, nodes left pointing at their throwaway documents
    monkeypatch.setattr(translation_speed, "MEASURED_VERSION", "not this one")  # setup() leaves Sphinx alone
    monkeypatch.setattr(sphinx_i18n, "_publish_msgstr", fast.__wrapped__)
    monkeypatch.setattr(translation_speed.AdoptTranslatedNodes, "apply", lambda self, **kwargs: None)
    reference_project = copy_project(tmp_path / "reference")
    _, reference = build(make_app, reference_project, "html")
    _, reference_tex = build(make_app, reference_project, "latex")
    assert sphinx_i18n._publish_msgstr is fast.__wrapped__
    assert len(pages) >= 19 and "Define your procurement strategy" in pages["richtlijnen/inkoop/index.html"].decode()
    assert [page for page in reference if pages.get(page) != reference[page]] == []
    assert len(tex) == 1 and tex == reference_tex


@pytest.mark.publication
def test_translated_doctrees_hold_only_their_own_document(make_app, tmp_path):
    project = copy_project(tmp_path / "project")
    app, _ = build(make_app, project, "html")
    doctree = app.env.get_doctree("richtlijnen/inkoop/index")
    assert "Define your procurement strategy" in doctree.astext()
    foreign = [node for node in doctree.findall() if node.__dict__.get("_document", doctree) is not doctree]
    assert foreign == []
    english = (app.doctreedir / "richtlijnen" / "inkoop" / "index.doctree").stat().st_size
    dutch_app, _ = build(make_app, copy_project(tmp_path / "dutch"), "html", language="nl")
    dutch = (dutch_app.doctreedir / "richtlijnen" / "inkoop" / "index.doctree").stat().st_size
    assert english < 1.5 * dutch, (english, dutch)  # was 3.3 times (145 KB against 44 KB)
