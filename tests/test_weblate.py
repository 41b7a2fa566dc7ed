"""Translators in Weblate: a real round trip through a running Weblate (build_scripts/weblate/).

A copy of the project becomes a git repository with a bare upstream; Weblate (its own virtualenv, PostgreSQL,
runserver, all on 127.0.0.1) imports it with the project's set-up. An author changes a Dutch sentence and
adds one (update_po, push); Weblate pulls; a translator translates the new sentence and confirms the fuzzy
one through the REST API; Weblate commits and pushes. The tests check what arrived in git.

The first run installs Weblate into build/weblate-venv (see TRANSLATING.md for the time it takes).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib
import pytest
from conftest import ROOT, copy_project, run_build

sys.path.insert(0, str(ROOT / "build_scripts" / "weblate"))
import weblate_project  # noqa: E402
from weblate_instance import Instance  # noqa: E402
from weblate_venv import ensure_venv  # noqa: E402

pytestmark = pytest.mark.weblate

GLOSSARY = Path(__file__).parent / "roots" / "weblate" / "glossary.tbx"
OVER = "locale/en/LC_MESSAGES/over.po"
# the author's changes to source/over.md: one word in a paragraph, and a new paragraph after it
REST = " De Nederlandse tekst is de brontekst; de Engelse editie is een vertaling daarvan."
OLD_SENTENCE = "Het handboek wordt samengesteld door de redactie Richtlijnen voor digitale systemen." + REST
NEW_SENTENCE = "Het handboek wordt geschreven door de redactie Richtlijnen voor digitale systemen." + REST
OLD_EN = ("The handbook is compiled by the editorial team of the Guidelines for digital systems. The Dutch text "
          "is the source text; the English edition is a translation of it.")
ADDED = "Wie een fout vindt, meldt die bij de redactie."
# the translator's work in Weblate
ADDED_EN = "If you find a mistake, report it to the editorial team."
CONFIRMED_EN = OLD_EN.replace("compiled", "written")
# header fields Weblate owns (TRANSLATING.md); every other header line stays as update_po wrote it
WEBLATE_HEADER_FIELDS = ("PO-Revision-Date", "Last-Translator", "Language-Team", "X-Generator")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL).stdout


def run_tool(project: Path, script: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(project / "build_scripts" / script)], cwd=project,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def units(weblate: Instance, component: str) -> dict[str, dict]:
    return {unit["source"][0]: unit for unit in weblate.all_pages(
        f"/api/translations/{weblate_project.PROJECT}/{component}/en/units/")}


def changed_lines(diff: str) -> list[str]:
    return [line for line in diff.splitlines()
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


@pytest.fixture(scope="module")
def repos(tmp_path_factory) -> tuple[Path, Path]:
    """A working copy of the project (the authors' side) and its bare upstream (Weblate's remote)."""
    base = tmp_path_factory.mktemp("weblate")
    work = copy_project(base / "work")
    (work / ".gitignore").write_text((ROOT / ".gitignore").read_text())
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "-c", "user.name=Author", "-c", "user.email=author@localhost", "commit", "-qm", "Handbook")
    upstream = base / "upstream.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(upstream)], check=True)
    git(work, "remote", "add", "origin", str(upstream))
    git(work, "fetch", "-q", "origin")
    git(work, "branch", "-q", "--set-upstream-to=origin/main")
    return work, upstream


@pytest.fixture(scope="module")
def weblate(repos, tmp_path_factory):
    """A running Weblate with the handbook imported; stopped (server and PostgreSQL) however the tests end."""
    work, upstream = repos
    started = time.monotonic()
    venv = ensure_venv().parent.parent
    # not under pytest's tmp folder: as root, PostgreSQL runs as the postgres user, who cannot enter it
    data = Path(tempfile.mkdtemp(prefix="handbook-weblate-"))
    data.chmod(0o755)
    instance = Instance(venv, data)
    try:
        instance.start()
        components = weblate_project.configure(instance, f"file://{upstream}", "main", glossary=GLOSSARY)
        instance.components = components
        instance.setup_seconds = time.monotonic() - started
        yield instance
    finally:
        instance.stop()
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="module")
def round_trip(repos, weblate) -> dict:
    """The whole cycle; what each step produced, for the tests below."""
    work, _ = repos
    seen: dict = {}
    # 1. An author changes a sentence and adds one; update_po; the change reaches upstream.
    replace_once(work / "source" / "over.md", OLD_SENTENCE, f"{NEW_SENTENCE}\n\n{ADDED}")
    assert run_tool(work, "update_po.py").returncode == 0
    git(work, "-c", "user.name=Author", "-c", "user.email=author@localhost", "commit", "-qam", "Dutch text")
    git(work, "push", "-q", "origin", "main")
    weblate_project.pull(weblate)
    over = units(weblate, "over")
    seen["fuzzy"] = over[NEW_SENTENCE]
    seen["new"] = over[ADDED]
    # 2. The translator's work, through the REST API: state 20 is "translated".
    weblate.api("PATCH", f"/api/units/{over[ADDED]['id']}/", {"target": [ADDED_EN], "state": 20})
    weblate.api("PATCH", f"/api/units/{over[NEW_SENTENCE]['id']}/", {"target": [CONFIRMED_EN], "state": 20})
    # 3. Weblate commits and pushes; the authors pull.
    before = git(work, "rev-parse", "HEAD").strip()
    weblate_project.commit_and_push(weblate)
    git(work, "pull", "-q", "--ff-only")
    seen["commits"] = git(work, "log", "--format=%an|%s", f"{before}..HEAD").splitlines()
    seen["files"] = git(work, "diff", "--name-only", before, "HEAD").split()
    seen["diff"] = git(work, "diff", before, "HEAD", "--", OVER)
    # 4. update_po and check-po on Weblate's result.
    seen["update_po"] = run_tool(work, "update_po.py")
    seen["status_after_update_po"] = git(work, "status", "--porcelain")
    seen["check_po"] = run_tool(work, "check_po.py")
    # 5. The English page.
    seen["build"] = run_build(work, "--formats", "html", "--languages", "en")
    return seen


def test_a_changed_dutch_sentence_reaches_weblate_as_fuzzy_with_the_previous_source(round_trip):
    fuzzy, new = round_trip["fuzzy"], round_trip["new"]
    assert fuzzy["state"] == 10, fuzzy  # 10: needs editing (fuzzy)
    assert fuzzy["previous_source"] == OLD_SENTENCE
    assert fuzzy["target"] == [OLD_EN]
    assert new["state"] == 0 and new["target"] == [""], new


def test_weblate_commits_and_pushes_only_the_touched_entries(round_trip):
    assert round_trip["files"] == [OVER], round_trip["files"]
    assert round_trip["commits"], "Weblate pushed no commit"
    allowed = re.compile(r'^[+-]"(%s): ' % "|".join(WEBLATE_HEADER_FIELDS))
    touched = [line for line in changed_lines(round_trip["diff"]) if not allowed.match(line)]
    assert sorted(touched) == sorted([
        "-#, fuzzy",
        f"-#| msgid \"{OLD_SENTENCE}\"",
        f'-msgstr "{OLD_EN}"',
        f'+msgstr "{CONFIRMED_EN}"',
        '-msgstr ""',
        f'+msgstr "{ADDED_EN}"',
    ]), round_trip["diff"]


def test_update_po_after_a_weblate_commit_changes_nothing(round_trip):
    assert round_trip["update_po"].returncode == 0, round_trip["update_po"].stderr
    assert round_trip["status_after_update_po"] == ""


def test_check_po_passes_on_weblates_result(round_trip):
    assert round_trip["check_po"].returncode == 0, round_trip["check_po"].stdout + round_trip["check_po"].stderr


def test_the_english_page_shows_the_translations_made_in_weblate(repos, round_trip):
    work, _ = repos
    assert round_trip["build"].returncode == 0, round_trip["build"].stderr[-3000:]
    html = (work / "build" / "site" / "en" / "over.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert ADDED_EN in text and CONFIRMED_EN in text
    assert ADDED not in text and NEW_SENTENCE not in text


def test_the_catalogue_weblate_wrote_is_a_valid_po_file(repos, round_trip):
    work, _ = repos
    catalogue = polib.pofile(str(work / OVER))
    assert catalogue.find(ADDED).msgstr == ADDED_EN
    assert not catalogue.find(NEW_SENTENCE).fuzzy


def test_the_glossary_is_imported(weblate):
    glossary = weblate_project.glossary_component(weblate)["slug"]
    terms = {unit["source"][0]: unit["target"][0] for unit in weblate.all_pages(
        f"/api/translations/{weblate_project.PROJECT}/{glossary}/en/units/")}
    assert terms.get("redactie") == "editorial team", terms
    assert terms.get("handboek") == "handbook", terms


# the first two break the same entry: the web address first, as md-link does not look at it
@pytest.mark.parametrize(("component", "kept", "broken", "check"), [
    ("over", "(https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12)",
     "(https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12-en)", "placeholders"),
    ("over", "[Creative Commons Attribution 4.0 International (CC BY 4.0)]"
     "(https://creativecommons.org/licenses/by/4.0/deed.nl)", "Creative Commons", "md-link"),
    ("index", "{doc}`relationship overview <richtlijnen/relaties>`", "relationship overview", "placeholders"),
])
def test_weblate_flags_a_translation_that_breaks_a_link_or_a_role(round_trip, weblate, component, kept,
                                                                  broken, check):
    """After the round trip (nothing is committed any more): a translation that drops a link, changes its
    target or drops a role is flagged by Weblate's check."""
    unit = next(u for u in units(weblate, component).values() if kept in u["target"][0])
    failing = f"/api/translations/{weblate_project.PROJECT}/{component}/en/units/?q=check:{check}"
    assert unit["id"] not in [u["id"] for u in weblate.all_pages(failing)]
    target = unit["target"][0].replace(kept, broken)
    weblate.api("PATCH", f"/api/units/{unit['id']}/", {"target": [target], "state": 20})
    assert unit["id"] in [u["id"] for u in weblate.all_pages(failing)]
