"""The sidebar navigation made once per build (_extensions/handbook/speedups/navigation.py) is, on every page of
both editions, the same as the navigation furo makes for that page itself."""

from __future__ import annotations

import furo.navigation
import pytest

from conftest import copy_project
from handbook.speedups import navigation


@pytest.mark.publication
@pytest.mark.parametrize("language", ["nl", "en"])
def test_navigation_equals_furos_own_on_every_page(make_app, tmp_path, language):
    project = copy_project(tmp_path / "project")
    app = make_app("html", srcdir=project / "source", confoverrides={"language": language}, freshenv=True)
    compared, different = [], []

    def compare(app, pagename, templatename, context, doctree) -> None:
        # after the handbook's navigation (550), before the edition translates furo's labels (600)
        if pagename != app.config.notfound_pagename:  # its toctree is sphinx-notfound-page's: furo's own
            assert isinstance(app.builder.handbook_navigation, navigation.Navigation)  # made once, reused
        furos_own = furo.navigation.get_navigation_tree(context["toctree"](**navigation.FURO_ARGUMENTS))
        compared.append(pagename)
        if context["furo_navigation_tree"] != furos_own:
            different.append(pagename)

    app.connect("html-page-context", compare, priority=560)
    app.build()
    assert len(compared) >= 19 and "richtlijnen/inkoop/index" in compared and "search" in compared
    assert different == []
    page = (app.outdir / "richtlijnen" / "inkoop" / "index.html").read_text()
    assert 'class="toctree-l2 current current-page"><a class="current reference internal" href="#">' in page


def test_navigation_marks_the_branch_of_the_page():
    neutral = ('<ul>\n<li class="toctree-l1 has-children"><a class="reference internal" href="a/index.html">A</a>'
               '<input aria-label="Toggle navigation of A" class="toctree-checkbox" id="toctree-checkbox-1"/>'
               '<ul>\n<li class="toctree-l2"><a class="reference internal" href="a/b.html">B</a></li>\n</ul>\n</li>\n'
               '<li class="toctree-l1"><a class="reference internal" href="c.html">C</a></li>\n</ul>\n')
    tree = navigation.Navigation(neutral)
    assert tree.for_page("search.html") == neutral
    assert tree.for_page("a/b.html") == (
        '<ul class="current">\n<li class="toctree-l1 current has-children"><a class="reference internal" href="index.html">A</a>'
        '<input aria-label="Toggle navigation of A" checked="" class="toctree-checkbox" id="toctree-checkbox-1"/>'
        '<ul class="current">\n<li class="toctree-l2 current current-page"><a class="current reference internal" href="#">B</a></li>\n</ul>\n</li>\n'
        '<li class="toctree-l1"><a class="reference internal" href="../c.html">C</a></li>\n</ul>\n')
