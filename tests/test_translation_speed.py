"""Translated messages parsed once (_extensions/handbook/translation_speed.py): the English edition comes
out byte for byte as with Sphinx's own two parses per message."""

from __future__ import annotations

import pytest
from sphinx.transforms import i18n as sphinx_i18n

from conftest import copy_project
from handbook import translation_speed


def build_english(make_app, project):
    app = make_app("html", srcdir=project / "source", confoverrides={"language": "en"}, freshenv=True)
    app.build()
    assert app.statuscode == 0
    return {p.relative_to(app.outdir).as_posix(): p.read_bytes() for p in sorted(app.outdir.rglob("*.html"))}


@pytest.mark.publication
def test_one_parse_per_message_gives_the_same_pages(make_app, tmp_path, monkeypatch):
    before = getattr(sphinx_i18n._publish_msgstr, "parsed", 0), getattr(sphinx_i18n._publish_msgstr, "reused", 0)
    pages = build_english(make_app, copy_project(tmp_path / "fast"))
    fast = sphinx_i18n._publish_msgstr
    assert getattr(fast, "handbook_once", False), "the handbook extension did not install the single parse"
    assert fast.reused - before[1] > 500 and fast.parsed - before[0] > 500  # English: ~600 parses saved

    monkeypatch.setattr(translation_speed, "MEASURED_VERSION", "not this one")  # setup() leaves Sphinx alone
    monkeypatch.setattr(sphinx_i18n, "_publish_msgstr", fast.__wrapped__)
    reference = build_english(make_app, copy_project(tmp_path / "reference"))
    assert sphinx_i18n._publish_msgstr is fast.__wrapped__
    assert len(pages) >= 19 and "Define your purchasing strategy" in pages["richtlijnen/inkoop/index.html"].decode()
    assert [page for page in reference if pages.get(page) != reference[page]] == []
