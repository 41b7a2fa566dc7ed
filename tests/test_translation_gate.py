"""The translation gate (issue 15): on a copy of the project, a broken catalogue stops `make`
(build_scripts/build.py), a plain sphinx-build and a build in the live preview, naming the catalogue and the
line, and the last good site stays; a translation that misses a glossary term stops `make check-po`, naming
the term; a translator's justified exception is accepted; the glossary itself is usable by Weblate."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build

sys.path.insert(0, str(ROOT / "build_scripts"))
import check_po  # noqa: E402
import glossary  # noqa: E402

PRIVACY = Path("locale/en/LC_MESSAGES/richtlijnen/privacy/index.po")
TRUST = ('msgstr "**Trust**: Citizens cannot turn to a different government. Handling their data with care is '
         'a precondition for trust in digital public services."')
AP_LINK = ('msgstr "[Autoriteit Persoonsgegevens](https://www.autoriteitpersoonsgegevens.nl): the Dutch Data '
           'Protection Authority, with guidance on the GDPR, DPIAs and data breaches."')

# what a translator might do to one msgstr line -> the words the report must hold
BREAKAGES = {
    "syntax error (the quotes lost)": (TRUST, TRUST.replace('msgstr "', "msgstr ", 1)[:-1], "syntax"),
    "bold lost": (TRUST, TRUST.replace("**Trust**", "Trust"), "lacks 1 bold text of the source"),
    "link lost": (AP_LINK, AP_LINK.replace("[Autoriteit Persoonsgegevens](https://www.autoriteitpersoonsgegevens.nl)",
                                           "Autoriteit Persoonsgegevens"),
                  "lacks the link target 'https://www.autoriteitpersoonsgegevens.nl'"),
    "role added": (TRUST, TRUST.replace("**Trust**:", "**Trust** {sup}`1`:"), "has the role {sup}"),
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("gate") / "project")


def break_catalogue(project: Path, before: str, after: str) -> int:
    """Replace one msgstr line of the privacy catalogue; its line number."""
    path = project / PRIVACY
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index(before)
    lines[number] = after
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


@pytest.fixture
def project(pristine, tmp_path) -> Path:
    """A fresh copy per test (cheap: the gate stops before anything is built), with a 'last good site'."""
    copy = tmp_path / "project"
    subprocess.run(["cp", "-a", str(pristine), str(copy)], check=True)
    site = copy / "build" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("the last good site")
    return copy


@pytest.mark.parametrize("case", BREAKAGES)
def test_make_stops_with_file_and_line(project, case):
    before, after, what = BREAKAGES[case]
    line = break_catalogue(project, before, after)
    result = run_build(project, "--formats", "html", "--languages", "en")
    assert result.returncode != 0
    assert f"{PRIVACY}:{line}:" in result.stderr, result.stderr
    assert what in result.stderr
    assert "BUILD FAILED" in result.stderr and "The previous site" in result.stderr
    assert (project / "build" / "site" / "index.html").read_text() == "the last good site"
    assert not (project / "build" / "cache" / "en" / "html").exists()  # stopped before Sphinx started


def test_sphinx_build_itself_stops_on_a_syntax_error(project):
    """Also without build.py (a plain sphinx-build, the preview's warm worker): the extension checks each
    catalogue before Sphinx compiles it, where babel would publish the cut msgstr with a bare warning."""
    before, after, _ = BREAKAGES["syntax error (the quotes lost)"]
    line = break_catalogue(project, before, after)
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-D", "language=en", "source", "build/plain"],
        cwd=project, capture_output=True, text=True, stdin=subprocess.DEVNULL,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1764460800"})
    assert result.returncode != 0
    assert f"{PRIVACY}:{line}:" in result.stderr, result.stderr
    assert "Broken translation catalogue" in result.stderr
    assert not (project / "build" / "plain" / "richtlijnen" / "privacy" / "index.html").exists()


def test_the_preview_shows_the_error_and_keeps_the_last_pages(project, capsys):
    import preview  # noqa: PLC0415

    small = project / "small"
    small.mkdir()
    (small / "conf.py").write_text("extensions = []\n")
    (small / "index.rst").write_text("Start\n=====\n")
    out = project / "build" / "serve-small"
    builder = preview.WarmBuilder([str(small), str(out), "-q"], url_host="127.0.0.1:0",
                                  pre_build_commands=[], post_build_commands=[])
    builder.catalogues = [project / "locale"]
    try:
        builder(changed_paths=[])
        assert (out / "index.html").exists()
        good = (out / "index.html").read_text()
        before, after, _ = BREAKAGES["bold lost"]
        line = break_catalogue(project, before, after)
        (small / "index.rst").write_text("Start\n=====\n\nNieuwe zin.\n")
        builder(changed_paths=[project / PRIVACY])
        printed = capsys.readouterr().out
        assert f"{PRIVACY}:{line}:" in printed and "lacks 1 bold text" in printed
        assert "Not built: the translation check" in printed and "Serving on" in printed
        assert (out / "index.html").read_text() == good  # the last good page is still served
        break_catalogue(project, after, before)  # fixed: the next save builds again
        builder(changed_paths=[project / PRIVACY])
        assert "Nieuwe zin." in (out / "index.html").read_text()
    finally:
        if builder.worker is not None:
            builder.worker.close()


def test_a_glossary_violation_names_the_term(project):
    path = project / "locale/en/LC_MESSAGES/richtlijnen/inkoop/index.po"
    text = path.read_text(encoding="utf-8")
    assert 'msgstr "Define your procurement strategy"' in text
    path.write_text(text.replace('msgstr "Define your procurement strategy"',
                                 'msgstr "Define your purchasing strategy"'), encoding="utf-8")
    line = text.split("\n").index('msgstr "Define your procurement strategy"') + 1
    result = subprocess.run([sys.executable, "build_scripts/check_po.py"], cwd=project, capture_output=True,
                            text=True)
    assert result.returncode == 1
    [finding] = result.stdout.splitlines()
    assert finding.startswith(f"locale/en/LC_MESSAGES/richtlijnen/inkoop/index.po:{line}: [glossary]")
    assert "uses 'purchasing strategy' for 'inkoopstrategie': write 'procurement strategy'" in finding
    assert run_build(project, "--formats", "html", "--languages", "en").returncode != 0  # and stops the build


EXCEPTION_PO = '''msgid ""
msgstr ""
"Language: en\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

{comment}msgid "Het inkoopbeleid van de gemeente: de inkoop van laptops."
msgstr "The council's buying of laptops."
'''


@pytest.mark.parametrize(("comment", "expected"), [
    ("", ["'inkoop'", "'gemeente'"]),
    ("# glossary-exception: inkoop, gemeente; the sentence quotes a press release word for word\n", []),
    ("# glossary-exception: inkoop\n", ["gives no reason", "'gemeente'"]),
    ("# glossary-exception: inkoopp, gemeente; a reason\n", ["'inkoopp', which is not a term", "'inkoop'"]),
])
def test_a_translator_marks_a_justified_exception(tmp_path, comment, expected):
    po = tmp_path / "page.po"
    po.write_text(EXCEPTION_PO.format(comment=comment), encoding="utf-8")
    findings = check_po.check([po])[1]
    assert all(f.rule == "glossary" and f.line == 7 + comment.count("\n") for f in findings)
    for words in expected:
        assert any(words in f.message for f in findings), [str(f) for f in findings]
    assert len(findings) == len(expected)


def test_update_po_keeps_the_exception_comment(tmp_path):
    """`make update-po` rewrites catalogues: the translator's comment must survive it."""
    from io import BytesIO  # noqa: PLC0415

    from babel.messages.pofile import read_po  # noqa: PLC0415

    import update_po  # noqa: PLC0415

    comment = "# glossary-exception: inkoop, gemeente; the sentence quotes a press release word for word\n"
    text = EXCEPTION_PO.format(comment=comment)
    catalog = read_po(BytesIO(text.encode()), locale="en")
    template = read_po(BytesIO(text.encode()))
    update_po.merge(catalog, template, {})
    updated = tmp_path / "updated.po"
    updated.write_text(update_po.render(catalog), encoding="utf-8")
    assert "the sentence quotes a press release" in updated.read_text()  # babel wraps it at 76 columns
    assert check_po.check([updated])[1] == []  # and it still counts


@pytest.mark.parametrize(("dutch", "english", "ok"), [
    ("De richtlijnen gelden.", "The guidelines apply.", True),
    ("Volgens de richtlijn.", "According to the guideline's text.", True),
    ("Veel gemeenten doen mee.", "Many municipalities take part.", True),
    ("Veel gemeenten doen mee.", "Many councils take part.", False),
    ("ICT-inkoop bij PIANOo", "ICT procurement at PIANOo", True),
    ("ICT-inkoop bij PIANOo", "ICT purchasing at PIANOo", False),
    ("De AVG en de Uitvoeringswet AVG", "The GDPR and the Uitvoeringswet AVG", True),
    ("De AVG geldt.", "The AVG (GDPR) applies.", False),
    ("Een aanbesteding", "A tendering procedure", True),
    ("Het inkoopproces", "The buying process", True),  # a compound the glossary does not name
])
def test_terms_are_found_with_their_inflections(dutch, english, ok):
    terms = glossary.load(check_po.GLOSSARY)
    assert (glossary.check(terms, dutch, english) == []) == ok, glossary.check(terms, dutch, english)


def test_the_glossary_is_a_tbx_file_weblate_reads():
    """Weblate takes the target language from the file name, the Dutch term from langSet nl, the English one
    from langSet en, the explanation from descrip, forbidden forms from administrativeStatus."""
    assert check_po.GLOSSARY.name == "en.tbx"
    root = ET.parse(check_po.GLOSSARY).getroot()
    assert root.tag == "martif" and root.get("type") == "TBX"
    entries = list(root.iter("termEntry"))
    ids = [entry.get("id") for entry in entries]
    assert len(ids) == len(set(ids))  # Weblate's context: one per entry
    terms = glossary.load(check_po.GLOSSARY)
    assert 40 <= len(terms) <= 80
    for term in ("inkoop", "AVG", "Forum Standaardisatie", "pas toe of leg uit", "verwerkingsregister",
                 "Handelsregister", "Goede praktijken", "Kernonderdelen", "Logius", "richtlijn", "aanbesteding", "BIO"):
        assert any(t.dutch == term for t in terms), term


def test_the_real_catalogues_use_the_glossary():
    files, findings = check_po.check()
    assert len(files) >= 20
    assert [str(f) for f in findings] == []
