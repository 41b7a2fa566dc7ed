"""The translators' workflow.

- `make update-po` on a copy of the project: no churn on a clean tree; a changed Dutch message (also a
  front-matter title or summary) becomes fuzzy with its old translation and the previous Dutch text; a new
  one arrives empty (not pre-filled with a look-alike's translation); a removed one is kept as obsolete and
  comes back when the sentence does; the result is valid PO, unwrapped, and stable on a second run.
- The English page of that copy shows the Dutch sentences marked lang="nl" and the notice; once translated,
  neither.
- The notice and the lang marks on a small test project (tests/roots/test-translation-notice): a complete
  page, a partial one, a page without catalogue, a guideline with action cards, the Dutch edition, and a
  German edition whose interface is not translated.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import build_copy, copy_project, run_build

ROOT = Path(__file__).resolve().parent.parent
NOTICE_ROOT = Path(__file__).parent / "roots" / "test-translation-notice"
NOTICE_EN = "Part of this page has not been translated yet and is shown in Dutch"

OLD_PUBLISHER = "Het handboek wordt samengesteld door de redactie"
NEW_PUBLISHER = "Het handboek wordt geschreven door de redactie"
CONTRIBUTING = ("Verbeteringen zijn welkom. Auteurs schrijven de richtlijnen in Nederlandse Markdown; elke "
                "richtlijn heeft metadata met een samenvatting en de verwijzingen naar gerelateerde richtlijnen. "
                "Bij een fout in die metadata stopt de bouw met een melding die het bestand, de regel en de "
                "oplossing noemt.")
ADDED = "De Engelse tekst van het handboek valt onder dezelfde licentie als de Nederlandse tekst."
# a new list item that looks like its neighbours: babel alone would pre-fill it with one of their translations
ADDED_ITEM = "**Kostenbeheersing**: Je houdt de kosten van een aankoop over de hele levensduur in beeld."
OLD_SUMMARY = "Een doordachte inkoopstrategie laat zien"
NEW_SUMMARY = "Een goed doordachte inkoopstrategie laat zien"


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path}: expected {old!r} once; the page changed, adapt this test"
    path.write_text(text.replace(old, new), encoding="utf-8")


def update_po(project: Path) -> str:
    result = subprocess.run([sys.executable, str(project / "build_scripts" / "update_po.py")], cwd=project,
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def catalogues(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted((project / "locale").rglob("*.po"))}


def entry(po: polib.POFile, msgid_start: str) -> polib.POEntry:
    found = [e for e in po if e.msgid.startswith(msgid_start)]  # obsolete entries included
    assert len(found) == 1, f"{len(found)} entries start with {msgid_start!r}"
    return found[0]


def build_english(project: Path) -> Path:
    result = run_build(project, "--formats", "html", "--languages", "en")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "build" / "site" / "en"


def notice_percent(html: str) -> int | None:
    match = re.search(r'<div class="translation-notice" role="note">\s*<p>' + NOTICE_EN + r" \((\d+)% translated\)",
                      html)
    return int(match.group(1)) if match else None


@pytest.fixture(scope="module")
def workflow(tmp_path_factory) -> dict:
    """One round trip on a copy of the project; the tests below look at its stages."""
    project = copy_project(tmp_path_factory.mktemp("workflow"))
    stages: dict = {"project": project}
    before = catalogues(project)
    stages["clean_run_output"] = update_po(project)
    stages["clean_run_unchanged"] = catalogues(project) == before

    over, inkoop = project / "source" / "over.md", project / "source" / "richtlijnen" / "inkoop" / "index.md"
    replace_once(over, "title: Over dit handboek", "title: Over het handboek")
    replace_once(over, OLD_PUBLISHER, NEW_PUBLISHER)
    replace_once(over, CONTRIBUTING + "\n", "")
    replace_once(over, "## Licentie\n", f"## Licentie\n\n{ADDED}\n")
    replace_once(inkoop, OLD_SUMMARY, NEW_SUMMARY)
    replace_once(inkoop, "- **Strategische aansluiting**:", f"- {ADDED_ITEM}\n- **Strategische aansluiting**:")
    update_po(project)
    over_po = project / "locale" / "en" / "LC_MESSAGES" / "over.po"
    stages["over_text"] = over_po.read_text(encoding="utf-8")
    stages["over"] = polib.pofile(str(over_po))
    stages["inkoop"] = polib.pofile(str(over_po.parent / "richtlijnen" / "inkoop" / "index.po"))
    stages["msgfmt"] = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(over_po)],
                                      capture_output=True, text=True)
    after_first = catalogues(project)
    update_po(project)
    stages["second_run_unchanged"] = catalogues(project) == after_first
    stages["stats"] = subprocess.run(
        [sys.executable, str(project / "build_scripts" / "po_stats.py"), "--require", "100"],
        cwd=project, capture_output=True, text=True)

    site = build_english(project)
    stages["over_html"] = (site / "over.html").read_text(encoding="utf-8")
    stages["index_html"] = (site / "index.html").read_text(encoding="utf-8")

    # the removed paragraph comes back: so does its translation
    replace_once(over, "## Vertalen\n", f"{CONTRIBUTING}\n\n## Vertalen\n")
    update_po(project)
    stages["revived"] = polib.pofile(str(over_po))

    # the translator does the rest by hand: the notice goes away
    text = over_po.read_text(encoding="utf-8")
    text = re.sub(r"^#, fuzzy\n#\| msgid .*\n", "", text, flags=re.M)
    text = text.replace(f'msgid "{ADDED}"\nmsgstr ""',
                        f'msgid "{ADDED}"\nmsgstr "The English text is under the same licence."')
    text = text.replace("msgstr \"The handbook is compiled", "msgstr \"The handbook is written")
    over_po.write_text(text, encoding="utf-8")
    stages["translated_over_html"] = (build_english(project) / "over.html").read_text(encoding="utf-8")
    return stages


@pytest.mark.publication  # builds the English edition of a project copy
def test_update_po_on_a_clean_tree_changes_nothing(workflow):
    assert workflow["clean_run_unchanged"]
    assert workflow["clean_run_output"] == ""


@pytest.mark.publication  # builds the English edition of a project copy
def test_changed_message_is_fuzzy_with_old_translation_and_previous_text(workflow):
    changed = entry(workflow["over"], NEW_PUBLISHER)
    assert changed.fuzzy
    assert changed.msgstr.startswith("The handbook is compiled by the editorial team")
    assert changed.previous_msgid.startswith(OLD_PUBLISHER)
    assert changed.previous_msgid.replace("samengesteld", "geschreven") == changed.msgid


@pytest.mark.publication  # builds the English edition of a project copy
def test_front_matter_title_and_summary_are_messages(workflow):
    title = entry(workflow["over"], "Over het handboek")
    assert title.fuzzy and title.previous_msgid == "Over dit handboek" and title.msgstr == "About this handbook"
    summary = entry(workflow["inkoop"], NEW_SUMMARY)
    assert summary.fuzzy and summary.previous_msgid.startswith(OLD_SUMMARY)
    assert summary.msgstr.startswith("A well-considered procurement strategy")


@pytest.mark.publication  # builds the English edition of a project copy
def test_new_message_arrives_empty(workflow):
    for po, msgid in ((workflow["over"], ADDED), (workflow["inkoop"], ADDED_ITEM)):
        new = entry(po, msgid)
        if new.msgstr:  # only a message that left the source may lend its translation, as a fuzzy suggestion
            in_source = {e.msgid for e in po if not e.obsolete}
            assert new.fuzzy and new.previous_msgid and new.previous_msgid not in in_source, new
        else:
            assert not new.fuzzy and new.previous_msgid is None


@pytest.mark.publication  # builds the English edition of a project copy
def test_removed_message_is_kept_as_obsolete(workflow):
    removed = entry(workflow["over"], CONTRIBUTING[:40])
    assert removed.obsolete
    assert removed.msgstr.startswith("Improvements are welcome.")
    assert workflow["over_text"].rstrip().endswith(f'#~ msgstr "{removed.msgstr}"')


@pytest.mark.publication  # builds the English edition of a project copy
def test_a_returning_message_gets_its_translation_back(workflow):
    back = entry(workflow["revived"], CONTRIBUTING[:40])
    assert not back.obsolete and not back.fuzzy
    assert back.msgstr.startswith("Improvements are welcome.")


@pytest.mark.publication  # builds the English edition of a project copy
def test_catalogue_is_valid_unwrapped_and_stable(workflow):
    assert workflow["msgfmt"].returncode == 0, workflow["msgfmt"].stderr
    lines = workflow["over_text"].splitlines()
    assert f'#| msgid "{OLD_PUBLISHER}' in "\n".join(lines)
    header_end = lines.index("")
    continuation = [line for line in lines[header_end:] if line.startswith(('"', "#| \"", "#~ \""))]
    assert continuation == [], "an entry was wrapped over several lines"
    assert not any(line.startswith("# |") for line in lines)  # no previous msgid turned into a comment
    assert workflow["second_run_unchanged"]


@pytest.mark.publication  # builds the English edition of a project copy
def test_stats_report_the_work_left(workflow):
    stats = workflow["stats"]
    assert stats.returncode == 1
    row = next(line.split() for line in stats.stdout.splitlines() if line.startswith("over "))
    assert row[1:5] == [str(len([e for e in workflow["over"] if not e.obsolete])),
                        str(len(workflow["over"].translated_entries())), "2", "1"]


@pytest.mark.publication  # builds the English edition of a project copy
def test_english_page_shows_the_dutch_text_and_the_notice(workflow):
    html = workflow["over_html"]
    over = workflow["over"]
    total = len([e for e in over if not e.obsolete])
    expected = math.floor(100 * len(over.translated_entries()) / total)
    assert notice_percent(html) == expected < 100
    # the notice sits at the top of the first section, right after the title
    assert re.search(r'<h1 class="untranslated" lang="nl">Over het handboek<a[^>]*>#</a></h1>\s*'
                     r'<div class="translation-notice"', html)
    assert re.search(r'<p class="untranslated" lang="nl">' + NEW_PUBLISHER, html)
    assert f'<p class="untranslated" lang="nl">{ADDED}</p>' in html
    assert "The handbook is compiled" not in html  # a fuzzy translation is not used
    assert "Improvements are welcome" not in html
    assert re.search(r'<p class="translated">This handbook describes', html)  # no lang: it is English
    assert notice_percent(workflow["index_html"]) is None
    assert "translation-notice" not in workflow["index_html"]


@pytest.mark.publication  # builds the English edition of a project copy
def test_fully_translated_page_has_no_notice_and_no_dutch(workflow):
    html = workflow["translated_over_html"]
    assert "translation-notice" not in html
    assert 'class="untranslated' not in html
    assert "The handbook is written by the editorial team" in html


# --- the notice and the lang marks on a small test project -------------------------------------------------

def build_root(make_app, tmp_path: Path, language: str):
    app = build_copy(make_app, NOTICE_ROOT, tmp_path / language, language)
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    return app.outdir


@pytest.fixture
def english(make_app, tmp_path) -> Path:
    return build_root(make_app, tmp_path, "en")


def test_complete_page_has_no_notice(english):
    html = (english / "index.html").read_text()
    assert "This page is fully translated." in html
    assert "translation-notice" not in html and 'lang="nl"' not in html


def test_partial_page_notice_and_dutch_paragraphs(english):
    html = (english / "gedeeltelijk.html").read_text()
    # 3 of 7 messages translated (the fuzzy one is not used): 42.8%, shown rounded down
    assert notice_percent(html) == 42
    assert re.search(r'<h1 class="translated">Partly translated<a[^>]*>¶</a></h1>\s*'
                     r'<div class="translation-notice"', html)
    assert '<p class="translated">First sentence, translated.</p>' in html
    for dutch in ("Derde", "Vierde", "Vijfde", "Zesde"):
        assert f'<p class="untranslated" lang="nl">{dutch} zin, nog in het Nederlands.</p>' in html
    assert "Third sentence." not in html


def test_page_without_catalogue_is_all_dutch(english):
    html = (english / "zonder-catalogus.html").read_text()
    assert notice_percent(html) == 0
    assert '<p class="untranslated" lang="nl">Voor deze pagina is nog geen vertaalbestand gemaakt.</p>' in html


def test_guideline_notice_after_summary_and_dutch_button(english):
    html = (english / "richtlijnen" / "proef" / "index.html").read_text()
    # 12 of 14: title, summary, introduction, heading, one paragraph left; and 3 cards of 3 registry texts
    # (name, description, verb), one verb left
    assert notice_percent(html) == 85
    assert re.search(r'<div class="guideline-summary[^"]*">\s*<p class="translated">A short summary of the trial '
                     r'guideline\.</p>\s*</div>\s*<div class="translation-notice"', html)
    assert '<p class="untranslated" lang="nl">Deze alinea is nog niet vertaald.</p>' in html
    assert '<span lang="nl">Binnenkort</span>' in html  # an instrument's button text, not in the catalogue
    assert ">View<" in html and 'lang="nl">View' not in html


def test_dutch_edition_has_no_notice_and_no_marks(make_app, tmp_path):
    outdir = build_root(make_app, tmp_path, "nl")
    for page in ("index.html", "gedeeltelijk.html", "zonder-catalogus.html", "richtlijnen/proef/index.html"):
        html = (outdir / page).read_text()
        assert "translation-notice" not in html and "translated" not in html, page
        body = html[html.index("<body"):]
        assert 'lang="nl"' not in body, page


def test_untranslated_interface_shows_the_notice_in_dutch(make_app, tmp_path):
    """A German edition without a German handbook.po: the notice itself is Dutch, and marked as such."""
    outdir = build_root(make_app, tmp_path, "de")
    html = (outdir / "gedeeltelijk.html").read_text()
    assert ('<p lang="nl">Een deel van deze pagina is nog niet vertaald en wordt in het Nederlands getoond '
            "(28% vertaald).</p>") in html
    assert '<p class="translated">Erster Satz, übersetzt.</p>' in html
    card_page = (outdir / "richtlijnen" / "proef" / "index.html").read_text()
    assert re.search(r'<p class="sd-card-title[^"]*"><span lang="nl">Eerste kaart</span>', card_page)
