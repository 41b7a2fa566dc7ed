"""Each translated message parsed once instead of twice. Sphinx's Locale transform goes over a page's
messages in two passes: the first parses every translated message to update the targets of section titles
and glossary terms, and throws the result away for every other message; the second parses those messages
again, with the same text and line, to put them in the page. Here the second pass gets a copy of the first
parse (taken before anything changed it). The English edition's ~1,400 msgstr parses become ~800; the
output is the same bytes (tests/test_translation_speed.py).

This reaches into Sphinx's internals, so it applies only to the pinned version it was written against.
"""

from __future__ import annotations

import sphinx
from sphinx.application import Sphinx
from sphinx.transforms import i18n as sphinx_i18n

MEASURED_VERSION = "9.0.4"


def setup(app: Sphinx) -> None:
    if sphinx.__version__ != MEASURED_VERSION or getattr(sphinx_i18n._publish_msgstr, "handbook_once", False):
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
