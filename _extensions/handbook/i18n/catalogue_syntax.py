"""A catalogue with a syntax error stops the build, before Sphinx compiles it.

Sphinx compiles the ``.po`` files of the build language with babel, which reads a broken line leniently: a
msgstr that lost its quotes is published cut short, and the only trace is "WARNING: Problem on line 41"
without a file name. Here every catalogue Sphinx is about to (re)compile is first checked with
``msgfmt --check``, as Poedit and ``make check-po`` judge it; an error names the file and the line.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util.i18n import CatalogRepository

MSGFMT_PATH = "/usr/bin:/bin"


class CatalogueSyntaxError(SphinxError):
    category = "Broken translation catalogue"


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def problems(po_file: Path) -> list[str]:
    """msgfmt's errors for one catalogue, as 'file:line: message' ([] when it is valid)."""
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po_file)], capture_output=True,
                            text=True, env={"LC_ALL": "C", "PATH": MSGFMT_PATH})
    if result.returncode == 0:
        return []
    lines = [line.replace(str(po_file), _shown(po_file), 1) for line in result.stderr.splitlines()
             if line.strip() and not line.startswith("msgfmt: found") and ": warning:" not in line]
    return lines or [f"{_shown(po_file)}: msgfmt --check failed"]


def check_catalogues(app: Sphinx) -> None:
    if not app.config.language or app.builder.name == "gettext":
        return
    repository = CatalogRepository(app.srcdir, app.config.locale_dirs, app.config.language,
                                   app.config.source_encoding)
    outdated = [Path(catalogue.po_path).resolve() for catalogue in repository.catalogs if catalogue.is_outdated()]
    if not outdated:
        return  # nothing to compile: every catalogue passed when its .mo was written
    if shutil.which("msgfmt", path=MSGFMT_PATH) is None:
        raise CatalogueSyntaxError("msgfmt not found, so the translation catalogues cannot be checked: install "
                                   "the Debian package 'gettext' (make installs it).")
    found = [problem for po_file in outdated for problem in problems(po_file)]
    if found:
        raise CatalogueSyntaxError(
            "a translation catalogue is not valid, so it is not used and nothing is built:\n  "
            + "\n  ".join(found)
            + "\nFix the line named (a msgstr must be one quoted string: msgstr \"...\"; write \\\" for a quote "
              "inside it), then build again. 'make check-po' checks every catalogue.")


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", check_catalogues)
