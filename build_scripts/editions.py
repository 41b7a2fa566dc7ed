"""The list of editions (source/_data/editions.toml), as every build script reads it: build, preview,
bench, update-po, stats, check-po and add-language. conf.py reads the same file for Sphinx.

The first edition is the source language; the others are translated in locale/<code>/LC_MESSAGES/.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "_extensions") not in sys.path:
    sys.path.insert(0, str(ROOT / "_extensions"))
from handbook.site.edition_keys import REQUIRED  # noqa: E402 (the extension checks the same keys)

EDITIONS_FILE = ROOT / "source" / "_data" / "editions.toml"
CODE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")


class EditionsError(Exception):
    """The editions file cannot be used; the message names the file, the line if known, and the fix."""


def load(path: Path = EDITIONS_FILE) -> dict[str, dict]:
    """code -> settings, in the file's order; raises EditionsError with file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise EditionsError(f"{path}: cannot be read ({exc.strerror}).") from exc
    try:
        editions = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise EditionsError(f"{path}: not valid TOML: {exc}. Every value needs quotes, "
                            f"e.g. language_name = \"Frysk\".") from exc
    if not editions:
        raise EditionsError(f"{path}: no edition; add a table such as [nl] with {', '.join(REQUIRED)}.")
    for code, edition in editions.items():
        line = _line_of(text, code)
        if not CODE.match(code):
            raise EditionsError(f"{path}:{line}: [{code}] is not a language code; use a code as in "
                                f"locale/<code>/, such as 'fy' or 'pt_BR'.")
        if not isinstance(edition, dict):
            raise EditionsError(f"{path}:{line}: '{code}' must be a table: write [{code}] and its keys below it.")
        missing = [key for key in REQUIRED if key not in edition]
        if missing:
            raise EditionsError(f"{path}:{line}: the edition [{code}] lacks {', '.join(missing)}.")
    if next(iter(editions.values())).get("draft"):
        raise EditionsError(f"{path}: the first edition is the source language and cannot be a draft.")
    return editions


def _line_of(text: str, code: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() == f"[{code}]":
            return number
    return 1


def codes(path: Path = EDITIONS_FILE) -> list[str]:
    return list(load(path))


def source_language(path: Path = EDITIONS_FILE) -> str:
    return codes(path)[0]


def translated(path: Path = EDITIONS_FILE) -> list[str]:
    """Every edition but the source language: the languages with catalogues."""
    return codes(path)[1:]
