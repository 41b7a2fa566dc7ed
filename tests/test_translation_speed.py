"""Translated messages kept light (_extensions/handbook/speedups/translation_parse.py): the English doctrees no
longer carry a throwaway document for every translated paragraph. (That the output is the same bytes as
without the speed-up: tests/test_speedups.py.)"""

from __future__ import annotations


import pytest

from conftest import copy_project


def build(make_app, project, builder: str, language: str = "en"):
    app = make_app(builder, srcdir=project / "source", confoverrides={"language": language}, freshenv=True)
    app.build()
    assert app.statuscode == 0
    suffix = {"html": "*.html", "latex": "*.tex"}[builder]
    return app, {p.relative_to(app.outdir).as_posix(): p.read_bytes() for p in sorted(app.outdir.rglob(suffix))}


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
