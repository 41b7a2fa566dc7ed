"""build_scripts/po_stats.py (`make stats`): the numbers on a hand-made catalogue, the table, JSON, the
--require exit code, and a run on the real catalogues."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build_scripts"))

import po_stats  # noqa: E402

HEADER = '''msgid ""
msgstr ""
"Language: en\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

'''

# page a: 4 messages: 1 translated, 1 fuzzy (4 words: the URL is not a word), 2 untranslated (5 and 3
# words: the role name and its target are not words), and an obsolete entry that does not count
PAGE_A = HEADER + '''msgid "Een twee drie."
msgstr "One two three."

#, fuzzy
#| msgid "Vet woord met [link](https://example.org/lang-pad)."
msgid "**Vet** woord met [link](https://example.org/lang-pad)."
msgstr "Bold word with [link](https://example.org/lang-pad)."

msgid "Nog niet vertaald, vier woorden?"
msgstr ""

msgid "Zie {doc}`de cloud </richtlijnen/cloud/index>`."
msgstr ""

#~ msgid "Een verwijderde zin met vijf woorden."
#~ msgstr "A removed sentence."
'''
# page b: 2 messages, both translated
PAGE_B = HEADER + '''msgid "Alfa."
msgstr "Alpha."

msgid "Beta."
msgstr "Beta."
'''


@pytest.fixture
def locale(tmp_path: Path) -> Path:
    catalogues = tmp_path / "locale" / "en" / "LC_MESSAGES"
    (catalogues / "sub").mkdir(parents=True)
    (catalogues / "a.po").write_text(PAGE_A, encoding="utf-8")
    (catalogues / "sub" / "b.po").write_text(PAGE_B, encoding="utf-8")
    return tmp_path / "locale"


def run_stats(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build_scripts" / "po_stats.py"), *args],
                          capture_output=True, text=True)


def test_numbers_per_document_and_in_total(locale):
    documents, total = po_stats.collect(locale / "en" / "LC_MESSAGES")
    assert [d.as_dict() for d in documents] == [
        {"document": "a", "messages": 4, "translated": 1, "fuzzy": 1, "untranslated": 2, "words_left": 12,
         "percent": 25.0},
        {"document": "sub/b", "messages": 2, "translated": 2, "fuzzy": 0, "untranslated": 0, "words_left": 0,
         "percent": 100.0},
    ]
    assert total.as_dict() == {"document": "total", "messages": 6, "translated": 3, "fuzzy": 1,
                               "untranslated": 2, "words_left": 12, "percent": 50.0}


def test_percent_is_rounded_down():
    assert po_stats.Progress("x", messages=3, translated=2).percent == 66.6
    assert po_stats.Progress("x", messages=2000, translated=1999).percent == 99.9
    assert po_stats.Progress("x").percent == 100.0  # a page without messages has nothing left to do


def test_words_are_the_dutch_text_without_markup():
    assert po_stats.count_words("Zie {doc}`de cloud </richtlijnen/cloud/index>` en [dit](https://a.nl/b-c).") == 5
    assert po_stats.count_words("**Open-source** software") == 2


def test_table(locale):
    result = run_stats("--locale-dir", str(locale))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["document", "messages", "translated", "fuzzy", "untranslated", "percent",
                                "words", "left"]
    assert lines[2].split() == ["a", "4", "1", "1", "2", "25.0%", "12"]
    assert lines[3].split() == ["sub/b", "2", "2", "0", "0", "100.0%", "0"]
    assert lines[-1].split() == ["total", "6", "3", "1", "2", "50.0%", "12"]


def test_json(locale):
    result = run_stats("--locale-dir", str(locale), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["language"] == "en"
    assert [d["document"] for d in data["documents"]] == ["a", "sub/b"]
    assert data["total"] == {"document": "total", "messages": 6, "translated": 3, "fuzzy": 1, "untranslated": 2,
                             "words_left": 12, "percent": 50.0}


@pytest.mark.parametrize(("required", "code"), [("50", 0), ("50.1", 1), ("100", 1)])
def test_require_sets_the_exit_code(locale, required, code):
    result = run_stats("--locale-dir", str(locale), "--require", required)
    assert result.returncode == code, result.stderr
    if code:
        assert "50.0% of the 'en' messages is translated" in result.stderr
        assert "1 fuzzy and 2 untranslated" in result.stderr and "12 Dutch words" in result.stderr


def test_missing_language_is_an_error(locale):
    result = run_stats("--locale-dir", str(locale), "--language", "fr")
    assert result.returncode == 2
    assert "fr" in result.stderr and "update-po" in result.stderr


def test_real_catalogues():
    result = run_stats("--json", "--language", "en")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    pages = {d["document"] for d in data["documents"]}
    assert {"index", "over", "richtlijnen/inkoop/index"} <= pages
    for key in ("messages", "translated", "fuzzy", "untranslated", "words_left"):
        assert data["total"][key] == sum(d[key] for d in data["documents"])
    assert data["total"]["messages"] == (data["total"]["translated"] + data["total"]["fuzzy"]
                                         + data["total"]["untranslated"])
