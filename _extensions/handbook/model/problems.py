"""Errors in the authors' input: logged with file and line as they are found, collected in the
environment, and turned into a failed build once all documents have been read, so that an author sees
every problem of a build at once, with or without ``-W``."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util import logging

logger = logging.getLogger(__name__)


class HandbookInputError(SphinxError):
    category = "Handbook input error"


def _store(env: BuildEnvironment) -> dict[str, list[str]]:
    if not hasattr(env, "handbook_problems"):
        env.handbook_problems = {}
    return env.handbook_problems


def report(env: BuildEnvironment, docname: str, line: int | None, message: str) -> None:
    """Log one problem at ``docname:line`` and remember it, so the build fails after reading."""
    logger.error(message, location=(docname, line), type="handbook", subtype="input")
    _store(env).setdefault(docname, []).append(message)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _store(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    theirs = _store(other)
    for docname in docnames:
        if docname in theirs:
            _store(env)[docname] = theirs[docname]


def fail_if_any(env: BuildEnvironment, more: int = 0) -> None:
    """Stop the build when any document had a problem; ``more`` counts problems found across documents."""
    count = more + sum(len(found) for found in _store(env).values())
    if count:
        raise HandbookInputError(
            f"{count} problem(s) in the sources, listed above with file and line; "
            "fix them and build again."
        )


def setup(app: Sphinx) -> None:
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
