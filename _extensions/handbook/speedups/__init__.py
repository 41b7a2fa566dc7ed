"""Speed-ups that patch private APIs of Sphinx, MyST, furo and docutils: a debt, kept in one place.

Each module names the versions it was written and measured against (``PINNED``, distribution -> version)
and is applied only when exactly those are installed; any other version runs the libraries' own code.
``HANDBOOK_SPEEDUPS=0`` in the environment turns them all off. The output is the same bytes either way
(tests/test_speedups.py builds the whole publication both ways).

- ``myst_parse``: one docutils settings object and one markdown-it parser for all msgstr parses;
- ``translation_parse``: Sphinx's Locale transform parses each msgstr once instead of twice, and the
  parsed nodes drop their throwaway documents;
- ``navigation``: furo's sidebar navigation made once per build, not once per page;
- ``template_cache``: furo's Jinja templates compiled once, kept next to the doctrees;
- ``toctree_parents``: an edited page does not rewrite its toctree parents when they show nothing new.
"""

from __future__ import annotations

import os
from importlib.metadata import version

from sphinx.application import Sphinx
from sphinx.util import logging

from . import myst_parse, navigation, template_cache, toctree_parents, translation_parse

logger = logging.getLogger(__name__)

SPEEDUPS = (myst_parse, translation_parse, navigation, template_cache, toctree_parents)
SWITCH = "HANDBOOK_SPEEDUPS"


def enabled() -> bool:
    return os.environ.get(SWITCH, "1").strip() not in ("0", "false", "no", "off")


def short_name(module) -> str:
    return module.__name__.rsplit(".", 1)[-1]


def mismatches(module) -> dict[str, tuple[str, str]]:
    """distribution -> (pinned, installed) for every version that differs from the measured one."""
    found = {}
    for distribution, pinned in module.PINNED.items():
        installed = version(distribution)
        if installed != pinned:
            found[distribution] = (pinned, installed)
    return found


def setup(app: Sphinx) -> list[str]:
    """Apply every speed-up whose versions match; return the names of those applied."""
    active: list[str] = []
    if enabled():
        for module in SPEEDUPS:
            differ = mismatches(module)
            if differ:
                logger.info("speed-up %s not applied: written for %s", short_name(module),
                            ", ".join(f"{name} {pinned} (installed: {installed})"
                                      for name, (pinned, installed) in differ.items()))
                continue
            module.setup(app)
            active.append(short_name(module))
    app.handbook_speedups = active
    return active
