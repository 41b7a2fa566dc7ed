"""The search index is stemmed by PyStemmer (C) for speed, while the browser stems the reader's query with
Sphinx's JavaScript port of the pure-Python Snowball stemmers. Both must give the same stem for every
word of the handbook, or a search for a word on a page would miss that page."""

from __future__ import annotations

import re

import pytest
import snowballstemmer
import Stemmer
from snowballstemmer.dutch_stemmer import DutchStemmer
from snowballstemmer.english_stemmer import EnglishStemmer

from conftest import ROOT


def handbook_words() -> set[str]:
    files = [*(ROOT / "source").rglob("*.md"), *(ROOT / "locale").rglob("*.po")]
    return {word for path in files for word in re.findall(r"\w+", path.read_text(encoding="utf-8").lower())}


def test_sphinx_stems_with_the_c_stemmer():
    assert snowballstemmer.stemmer is Stemmer.Stemmer


@pytest.mark.parametrize(("algorithm", "pure_python"), [("dutch", DutchStemmer), ("english", EnglishStemmer)])
def test_c_stemmer_agrees_with_the_snowball_stemmer_on_every_word(algorithm, pure_python):
    words = handbook_words()
    assert len(words) > 3000
    fast, reference = Stemmer.Stemmer(algorithm), pure_python()
    assert [w for w in sorted(words) if fast.stemWord(w) != reference.stemWord(w)] == []
