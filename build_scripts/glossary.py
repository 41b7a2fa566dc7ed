"""The handbook's terminology: one English term for each Dutch term, kept in a TBX file that Weblate imports
as a glossary (locale/glossary/en.tbx), and the check that a translation uses it.

In the TBX file every ``termEntry`` holds a Dutch term (``langSet xml:lang="nl"``), its English term
(``langSet xml:lang="en"``) and an explanation (``descrip``). An entry whose English term has the
administrative status ``forbidden`` names a form translators must not use; Weblate shows it as a forbidden
translation, and this check reports it.

A translated message whose Dutch text holds a glossary term must hold its English term; inflection is
allowed on both sides (richtlijn/richtlijnen, guideline/guidelines/guideline's). Link targets, roles and
inline code are not read. A translator marks a justified exception with a translator comment on the entry::

    # glossary-exception: inkoop; the sentence quotes the title of an English report
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EXCEPTION = re.compile(r"^\s*(?P<terms>[^;]*?)\s*(?:;\s*(?P<reason>.*?))?\s*$")  # after "glossary-exception:"
# endings a term may take: Dutch plurals and adjective forms, English plurals and possessives
DUTCH_ENDINGS = r"(?:en|s|'s|’s|e|n)?"
ENGLISH_ENDINGS = r"(?:s|es|ing|ed|'s|’s|s'|s’)?"


@dataclass
class Term:
    dutch: str
    english: str
    note: str = ""
    forbidden: list[str] = field(default_factory=list)  # English forms not to use for this Dutch term

    # compiled when first used: a build whose catalogues were all checked before never needs them
    @cached_property
    def in_dutch(self) -> re.Pattern:
        return _pattern(self.dutch, DUTCH_ENDINGS)

    @cached_property
    def in_english(self) -> re.Pattern:
        return _pattern(self.english, ENGLISH_ENDINGS)

    @cached_property
    def forbidden_patterns(self) -> list[tuple[str, re.Pattern]]:
        return [(form, _pattern(form, ENGLISH_ENDINGS)) for form in self.forbidden]


def _pattern(term: str, endings: str) -> re.Pattern:
    """The term as a whole word (or words: a space also matches a hyphen or a line break), with endings.
    A term with a capital (a name, an abbreviation) matches only as written; a lower-case term in any case."""
    words = r"[\s\u00a0-]+".join(re.escape(word) for word in term.split())
    if endings == ENGLISH_ENDINGS and re.search(r"[^aeiou]y$", term):
        words = words[:-1] + "(?:y|ies|ie)"  # municipality, municipalities
    flags = 0 if any(character.isupper() for character in term) else re.IGNORECASE
    return re.compile(rf"(?<!\w){words}{endings}(?!\w)", flags)  # also in "ICT-inkoop"


def load(path: Path, source: str = "nl", target: str = "en") -> list[Term]:
    """The terms of a TBX file; ValueError names the file and the entry when the file is not usable."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise ValueError(f"{path}: not a readable TBX file: {exc}") from exc
    terms: dict[str, Term] = {}
    forbidden: list[tuple[str, str]] = []
    for number, entry in enumerate(root.iter("termEntry"), start=1):
        words = {}
        status = ""
        for lang_set in entry.iter("langSet"):
            term = lang_set.find("tig/term")
            if term is not None and term.text:
                words[lang_set.get(XML_LANG)] = " ".join(term.text.split())
            note = lang_set.find("tig/termNote[@type='administrativeStatus']")
            if note is not None and lang_set.get(XML_LANG) == target:
                status = (note.text or "").strip()
        if source not in words or target not in words:
            raise ValueError(f"{path}: termEntry {entry.get('id') or number} lacks a {source!r} or {target!r} term")
        if status in ("forbidden", "obsolete", "deprecatedTerm-admn-sts"):
            forbidden.append((words[source], words[target]))
            continue
        if words[source] in terms:
            raise ValueError(f"{path}: {words[source]!r} has two English terms; keep one, mark others forbidden")
        explanation = entry.find("descrip")
        terms[words[source]] = Term(words[source], words[target],
                                    " ".join((explanation.text or "").split()) if explanation is not None else "")
    for dutch, english in forbidden:
        if dutch not in terms:
            raise ValueError(f"{path}: the forbidden form {english!r} is for {dutch!r}, which has no English term")
        terms[dutch].forbidden.append(english)
    return sorted(terms.values(), key=lambda term: -len(term.dutch))  # longest first: "Uitvoeringswet AVG" before "AVG"


def exceptions(translator_comment: str) -> tuple[set[str], list[str]]:
    """The Dutch terms a translator comment excepts, and what is wrong with the exception. The comment may
    run over several lines: babel (`make update-po`) wraps translator comments at 76 columns."""
    if "glossary-exception:" not in translator_comment:
        return set(), []
    match = EXCEPTION.match(" ".join(translator_comment.split("glossary-exception:", 1)[1].split()))
    problems = []
    if not match.group("reason"):
        problems.append("the glossary-exception gives no reason; write "
                        "'# glossary-exception: <Dutch term>; <why the agreed English does not fit here>'")
    return {term.strip() for term in match.group("terms").split(",") if term.strip()}, problems


def _blank(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda match: " " * len(match.group()), text)


def check(terms: list[Term], dutch: str, english: str, excepted: set[str] = frozenset()) -> list[tuple[str, str]]:
    """(term, what is wrong) for one message: its Dutch and English running text (markup removed)."""
    found = []
    known = {term.dutch for term in terms}
    for name in sorted(excepted - known):
        found.append((name, f"the glossary-exception names {name!r}, which is not a term of the glossary"))
    for term in terms:  # longest first, so that a longer term hides the shorter one inside it
        if not term.in_dutch.search(dutch):
            continue
        dutch = _blank(dutch, term.in_dutch)
        if term.dutch in excepted:
            continue
        searched = _blank(english, term.in_english)
        for other in terms:  # a Dutch name quoted in the English ("Uitvoeringswet AVG") is not a use of "AVG"
            if other is not term and term.dutch in other.dutch:
                searched = _blank(searched, other.in_dutch)
        used = [form for form, pattern in term.forbidden_patterns if pattern.search(searched)]
        if used:
            found.append((term.dutch, f"uses {used[0]!r} for {term.dutch!r}: write {term.english!r}"))
        elif not term.in_english.search(english):
            found.append((term.dutch, f"the msgid has {term.dutch!r}: the agreed English is {term.english!r}"
                                      + (f" ({term.note})" if term.note else "")))
    return found
