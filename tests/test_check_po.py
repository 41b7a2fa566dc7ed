"""build_scripts/check_po.py (`make check-po`): every rule with a bad and a good translation, the
report (file, line, msgid, what differs), the exit code, and the real catalogues, which must be clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build_scripts"))

import check_po  # noqa: E402

LINK = "Lees [de regels](https://www.example.org/regels) en {doc}`de cloud </richtlijnen/cloud/index>`."

# rule, msgid, a translation that breaks the rule, one that keeps it
CASES = [
    ("role", LINK, "Read [the rules](https://www.example.org/regels) and {doc}`the cloud </richtlijnen/data/index>`.",
     "Read [the rules](https://www.example.org/regels) and {doc}`the cloud guideline </richtlijnen/cloud/index>`."),
    ("role", "Zie {doc}`/richtlijnen/cloud/index`.", "See {ref}`/richtlijnen/cloud/index`.",
     "See {doc}`/richtlijnen/cloud/index`."),
    ("role", "Een zin.", "A {sub}`smuggled` sentence.", "A sentence."),
    ("link", LINK, "Read [the rules](https://www.example.org/rules) and {doc}`the cloud </richtlijnen/cloud/index>`.",
     "Read {doc}`the cloud </richtlijnen/cloud/index>` and [the rules](https://www.example.org/regels)."),
    ("link", "Zie [de bron](https://example.org).", "See [the source](javascript:alert(1)).",
     "See [the source](https://example.org)."),
    ("link", "Zie de bron.", "See <https://evil.example>.", "See the source."),
    ("link", "Zie [de andere pagina](../cloud/index.md).", "See [the other page](../data/index.md).",
     "See [the other page](../cloud/index.md)."),
    ("code", "Typ `make html` en wacht.", "Type `make htm` and wait.", "Type `make html` and wait."),
    ("substitution", "Versie {{ versie }} van {percent}%.", "Version {{ version }} of {percent}%.",
     "Version {{ versie }} of {percent}%."),
    ("substitution", "Nog {percent}% te gaan.", "Still {procent}% to go.", "{percent}% still to go."),
    ("emphasis", "**Term**: uitleg.", "**Term: explanation.", "**Term**: explanation."),
    ("emphasis", "**Term**: uitleg.", "Term: explanation.", "**Term**: explanation."),
    ("emphasis", "Term: uitleg.", "*Term*: explanation.", "Term: explanation in snake_case, 5 * 3."),
    ("html", "Een zin.", "A <script>alert(1)</script> sentence.", "A sentence."),
    ("html", "Een zin.", "A sentence <img src=x onerror=alert(1)>.", "A sentence."),
    ("html", "Een zin.", "<div onclick=\"alert(1)\">\nA sentence.\n</div>", "A sentence."),
    ("html", "Een zin.", "A sentence<br>with a break.", "A sentence with a break."),
    ("block", "Een zin.", "--- A sentence.", "A sentence — with a dash."),
    ("block", "Een zin.", "```{raw} html\n<script>alert(1)</script>\n```", "A sentence."),
    ("block", "Een zin.", "A sentence.\n\n:::{danger}\nsmuggled\n:::", "A sentence."),
    ("block", "Een zin.", "- A sentence.", "A sentence - with a hyphen."),
    ("block", "Een zin.", "# A sentence.", "A sentence, #1."),
    ("block", "Een zin.", "A sentence.\n\nAnother paragraph.", "A sentence.\nStill the same paragraph."),
]


@pytest.mark.parametrize(("rule", "msgid", "bad", "good"), CASES)
def test_rule(rule, msgid, bad, good):
    found = check_po.check_message(msgid, bad)
    assert rule in {r for r, _ in found}, found
    assert check_po.check_message(msgid, good) == []


def test_a_changed_link_names_both_urls():
    [(rule, message)] = check_po.check_message("Zie [de bron](https://example.org/nl).",
                                               "See [the source](https://example.org/en).")
    assert rule == "link"
    assert "'https://example.org/nl' to 'https://example.org/en'" in message


def write_po(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n"MIME-Version: 1.0\\n"\n'
                    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n\n'
                    + body, encoding="utf-8")
    return path


BAD_CATALOGUE = '''#: ../../source/over.md:5
msgid "Een goede zin."
msgstr "A good sentence."

#: ../../source/over.md:13
msgid "De tekst valt onder [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.nl)."
msgstr "The text is licensed under [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.en)."

#, fuzzy
#| msgid "Oud."
msgid "Een vage zin met [link](https://example.org)."
msgstr "A fuzzy sentence <script>alert(1)</script>."

msgid "Een lege zin met **vet**."
msgstr ""

#~ msgid "Een verwijderde zin."
#~ msgstr "A removed sentence <b>with HTML</b>."
'''


def run_check(*paths: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build_scripts" / "check_po.py"), *map(str, paths)],
                          capture_output=True, text=True, cwd=cwd)


def test_report_names_file_line_msgid_and_difference(tmp_path):
    po = write_po(tmp_path / "locale" / "en" / "LC_MESSAGES" / "over.po", BAD_CATALOGUE)
    result = run_check(tmp_path / "locale", cwd=tmp_path)
    assert result.returncode == 1
    [line] = result.stdout.splitlines()  # fuzzy, empty and obsolete entries are not checked
    msgstr_line = po.read_text().splitlines().index(
        'msgstr "The text is licensed under [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.en)."') + 1
    assert line.startswith(f"locale/en/LC_MESSAGES/over.po:{msgstr_line}: [link] msgid 'De tekst valt onder [CC BY")
    assert "changes the link target 'https://creativecommons.org/licenses/by/4.0/deed.nl' to " \
           "'https://creativecommons.org/licenses/by/4.0/deed.en'" in line
    assert "1 finding(s) in 1 of 1 catalogue(s)" in result.stderr


def test_clean_catalogue_passes(tmp_path):
    good = BAD_CATALOGUE.replace("deed.en)", "deed.nl)")
    write_po(tmp_path / "over.po", good)
    result = run_check(tmp_path / "over.po")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 catalogue(s) checked" in result.stdout


def test_remembered_findings_follow_every_change(tmp_path):
    """build.py keeps the findings between builds (``remembered_in``): a catalogue edited since, or a new
    glossary, is checked again; an unchanged one gives the findings it gave."""
    good = BAD_CATALOGUE.replace("deed.en)", "deed.nl)")
    po = write_po(tmp_path / "locale" / "en" / "LC_MESSAGES" / "over.po", good)
    store = tmp_path / "cache" / "check-po.json"

    def findings():
        return [(f.line, f.rule) for f in check_po.check([tmp_path / "locale"], None, remembered_in=store)[1]]

    assert findings() == [] and store.exists()
    write_po(po, BAD_CATALOGUE)
    assert [rule for _, rule in findings()] == ["link"]
    assert [rule for _, rule in findings()] == ["link"]  # remembered, still reported
    write_po(po, good)
    assert findings() == []
    glossary = tmp_path / "en.tbx"
    shutil.copy(check_po.GLOSSARY, glossary)
    write_po(po, good + '\nmsgid "Onze inkoopstrategie."\nmsgstr "Our purchasing strategy."\n')
    assert findings() == []  # no glossary given
    with_glossary = check_po.check([tmp_path / "locale"], glossary, remembered_in=store)[1]
    assert [finding.rule for finding in with_glossary] == ["glossary"]


@pytest.mark.parametrize(("body", "expected"), [
    ('msgid "Een zin.\\n"\nmsgstr "A sentence."\n', "do not both end with '\\n'"),
    ('msgid "Een zin."\nmsgstr "A sentence."\n\nmsgid "Een zin."\nmsgstr "Again."\n', "duplicate message definition"),
    ('msgid "Een zin."\nmsgstr "A sentence.\n', "end-of-line within string"),
])
def test_syntax_as_msgfmt_judges_it(tmp_path, body, expected):
    po = write_po(tmp_path / "broken.po", body)
    findings = check_po.check_file(po)
    assert findings and all(f.rule == "syntax" for f in findings)
    assert any(expected in f.message for f in findings), [str(f) for f in findings]
    header_lines = 8
    assert all(f.line > header_lines for f in findings), [str(f) for f in findings]
    assert run_check(po).returncode == 1


def test_real_catalogues_have_no_findings():
    files = check_po.po_files(list(check_po.DEFAULT_PATHS))
    assert any(path.name == "over.po" for path in files)
    assert any(path.name == "handbook.po" for path in files)
    findings = [str(finding) for finding in check_po.check()[1]]  # markup, syntax and glossary
    assert findings == []
    result = run_check()
    assert result.returncode == 0, result.stdout + result.stderr
