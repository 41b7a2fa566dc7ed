"""Which pages an incremental build rewrites: the pages that show what changed, and no others.

- Every page's navigation shows the title of every page: a changed title rewrites every page (Sphinx on its
  own would rewrite only the pages whose toctree lists the changed one, and leave stale navigation elsewhere).
- The list pages (home, overview, relations, phase pages, "related guidelines" sections) show the
  guidelines' numbers, summaries and relations: they are rewritten when one of those changes. The phase
  pages also show every guideline's phases (goal, outcomes): they alone are rewritten when those change.
- Sphinx also rewrites every page whose toctree includes a page it read again; ``speedups.toctree_parents``
  skips that when nothing they show changed.

What a page showed is remembered when the build starts (env-get-outdated), before the changed documents
are read again, in attributes of ``app``: they describe this build only and are not pickled.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..model.domain import HandbookDomain

SHOWN_ON_LIST_PAGES = ("slug", "number", "summary", "relations")


def _shown_on_list_pages(env: BuildEnvironment) -> dict[str, tuple]:
    return {docname: tuple(repr(info.get(key)) for key in SHOWN_ON_LIST_PAGES)
            for docname, info in HandbookDomain.of(env).guidelines.items()}


def _shown_on_phase_pages(env: BuildEnvironment) -> dict[str, str]:
    return {docname: repr(phases) for docname, phases in HandbookDomain.of(env).data["phases"].items()}


def titles(env: BuildEnvironment) -> dict[str, str]:
    return {docname: title.astext() for docname, title in env.titles.items()}


def tables_of_contents(env: BuildEnvironment) -> dict[str, str]:
    return {docname: toc.astext() for docname, toc in env.tocs.items()}


def _start_build(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    app.handbook_before = {"shown": _shown_on_list_pages(env), "phases": _shown_on_phase_pages(env),
                           "titles": titles(env),
                           "tocs": tables_of_contents(env)}
    app.handbook_reading = set()
    return []


def _remember_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    app.handbook_reading = set(docnames)


def _pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    before = getattr(app, "handbook_before", None)
    if before is None:
        return []
    reading = app.handbook_reading
    if titles(env) != before["titles"]:
        return sorted(env.found_docs - reading)
    domain = HandbookDomain.of(env)
    rewrite = set()
    if _shown_on_list_pages(env) != before["shown"]:
        rewrite |= domain.list_pages
    if _shown_on_phase_pages(env) != before["phases"]:
        rewrite |= domain.phase_pages
    return sorted(rewrite - reading)


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", _start_build)
    app.connect("env-before-read-docs", _remember_reading)
    app.connect("env-updated", _pages_to_rewrite)
