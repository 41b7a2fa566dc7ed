"""The PDF's language for babel, for every edition, also one that docutils does not know.

Sphinx takes babel's name of a language from docutils' table (``docutils.writers.latex2e.Babel``), which
lacks several languages that TeX Live's babel has as ``.ini`` locales, such as Western Frisian (``fy``:
babel's ``westernfrisian``). For such a language Sphinx warns "no Babel option known" (a failed build
under ``-W``) and sets the PDF in English. An edition names babel's language in ``latex_babel``; it is added
to docutils' table (the table is the documented lookup of that class; the same entry would be the upstream
fix), and babel is loaded with ``provide=*`` so that it imports the ``.ini`` locale.

Hyphenation: babel hyphenates with the language's patterns when TeX Live's format has them
(``language.def``); otherwise it falls back to English patterns. ``hyphenation_note`` says so, for the build
to print.
"""

from __future__ import annotations

import functools
import re
import subprocess

from docutils.writers.latex2e import Babel

_DOCUTILS_LANGUAGES = dict(Babel.language_codes)  # as docutils ships it


def babel_name(code: str, edition: dict) -> str | None:
    """babel's name of the edition's language: ``latex_babel`` if set, else docutils' table."""
    if edition.get("latex_babel"):
        return edition["latex_babel"]
    return Babel.language_codes.get(code.lower().replace("_", "-")) or Babel.language_codes.get(code[:2].lower())


def babel_package(code: str, edition: dict) -> str:
    r"""The ``babel`` LaTeX element of the edition. Not polyglossia: with polyglossia the Dutch "ij" becomes
    one glyph and the PDF text can no longer be searched for words like "bij"."""
    if not _provided(code, edition):
        return r"\usepackage{babel}"
    Babel.language_codes[code.lower().replace("_", "-")] = edition["latex_babel"]
    return r"\usepackage[provide=*]{babel}"


def _provided(code: str, edition: dict) -> bool:
    """Is the language one docutils does not know (before this module added it), loaded from an .ini?"""
    name = edition.get("latex_babel")
    return bool(name) and _DOCUTILS_LANGUAGES.get(code.lower().replace("_", "-")) != name


ENGLISH = frozenset({"english", "american", "usenglish", "british", "ukenglish"})  # language 0: always there


def provided_captions(code: str, edition: dict, contents: str) -> str:
    r"""Captions a babel ``.ini`` locale may lack (Western Frisian's has no "contents": the table of contents
    would be headed "?contents?"), from the edition's interface catalogue. Empty for a language babel
    loads the usual way."""
    if not _provided(code, edition):
        return ""
    return "\\AtBeginDocument{\\setlocalecaption{%s}{contents}{%s}}\n" % (edition["latex_babel"], contents)


@functools.cache
def _languages_with_patterns() -> frozenset[str]:
    try:
        path = subprocess.run(["kpsewhich", "language.def"], capture_output=True, text=True, check=True).stdout.strip()
        text = open(path, encoding="utf-8", errors="replace").read()
    except (OSError, subprocess.CalledProcessError):
        return frozenset()
    names = re.findall(r"\\addlanguage\s*\{([^}]+)\}\{(?!zerohyph)", text)
    return frozenset(name.lower() for name in names) | ENGLISH


def hyphenation_note(code: str, edition: dict) -> str | None:
    """None when TeX Live hyphenates the edition's language; otherwise what the PDF falls back to."""
    name = babel_name(code, edition)
    if name is None:
        return (f"the '{code}' edition names no babel language and docutils knows none for '{code}': the PDF is "
                f"set as English. Set latex_babel in source/_data/editions.toml (babel's name, e.g. "
                f"westernfrisian for fy).")
    if name.lower() in ENGLISH and not code.startswith("en"):
        return f"babel has no locale for the '{code}' edition's language: its PDF is set as English."
    available = _languages_with_patterns()
    if not available or name.lower() in available:
        return None
    return (f"TeX Live has no hyphenation patterns for {name} (the '{code}' edition): babel hyphenates its PDF "
            f"with English patterns.")
