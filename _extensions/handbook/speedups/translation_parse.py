"""Translated messages: parsed once instead of twice, and kept light.

Parsed once. Sphinx's Locale transform goes over a page's messages in two passes: the first parses every
translated message to update the targets of section titles and glossary terms, and throws the result away
for every other message; the second parses those messages again, with the same text and line, to put them
in the page. Here the second pass gets a copy of the first parse (taken before anything changed it). The
English edition's ~1,400 msgstr parses become ~800; the output is the same bytes
(tests/test_translation_speed.py).


Kept light. Every node parsed from a msgstr keeps a reference to the throwaway document it was parsed in
(docutils' ``Node._document``), with that document's settings, reporter and id tables. Pickled with the
page, those documents made an English doctree three times the size of the Dutch one, and the LaTeX build,
which holds every page at once, took 650 MB at ten times the guidelines. After the Locale transform the
nodes point at the page's own document, as nodes parsed with the page do (docutils' private ``_document`` attribute).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms import i18n as sphinx_i18n

PINNED = {"sphinx": "9.0.4"}


class AdoptTranslatedNodes(SphinxTransform):
    """Point the nodes parsed from msgstrs at the page's document, not at their throwaway ones."""

    default_priority = 22  # after Locale (20) and the translation check (21)

    def apply(self, **kwargs) -> None:
        page = self.document
        for node in page.findall():
            if node.__dict__.get("_document", page) is not page:
                node._document = page


def setup(app: Sphinx) -> None:
    app.add_transform(AdoptTranslatedNodes)
    _parse_once()


def _parse_once() -> None:
    if getattr(sphinx_i18n._publish_msgstr, "handbook_once", False):
        return
    publish = sphinx_i18n._publish_msgstr
    first_pass: dict[tuple, object] = {}  # the current page's parses, waiting for the second pass
    page: list = [None]

    def publish_once(source, source_path, source_line, *, config, env, registry, settings):
        key = (source, source_line, id(env), id(settings))
        if page[0] != (source_path, id(env)):
            first_pass.clear()
            page[0] = (source_path, id(env))
        if key in first_pass:
            publish_once.reused += 1
            return first_pass.pop(key)
        patch = publish(source, source_path, source_line, config=config, env=env, registry=registry,
                        settings=settings)
        publish_once.parsed += 1
        first_pass[key] = patch.deepcopy()
        return patch

    publish_once.handbook_once = True
    publish_once.parsed = publish_once.reused = 0  # counted for the tests
    publish_once.__wrapped__ = publish
    sphinx_i18n._publish_msgstr = publish_once
