"""`make add-language CODE=fy NAME=Frysk` on a copy of the handbook, then a build of the new edition
(issue 16): the edition is in the one list, every catalogue a translator needs exists and is empty, the
tools that read the list see it, and `build.py` gives its site and its PDF."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import polib
import pytest

from conftest import run_build
from project_files import copy_project


def add_language(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(project / "build_scripts" / "add_language.py"), *args],
                          cwd=project, capture_output=True, text=True, stdin=subprocess.DEVNULL)


def without_edition(project: Path, code: str) -> None:
    """The handbook as it was before ``code`` was added (when the working tree has it already)."""
    editions = project / "source" / "_data" / "editions.toml"
    kept, skipping = [], False
    for line in editions.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("["):
            skipping = line.strip() == f"[{code}]"
        if not skipping:
            kept.append(line)
    editions.write_text("".join(kept).rstrip("\n") + "\n", encoding="utf-8")
    for folder in (project / "locale" / code, project / "_extensions" / "handbook" / "i18n" / "locale" / code):
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def frisian(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    project = copy_project(tmp_path_factory.mktemp("add-language") / "project")
    without_edition(project, "fy")
    return project, add_language(project, "fy", "Frysk")


def test_the_edition_joins_the_list_as_a_draft(frisian):
    project, result = frisian
    assert result.returncode == 0, result.stderr
    editions = tomllib.loads((project / "source" / "_data" / "editions.toml").read_text(encoding="utf-8"))
    assert list(editions)[:2] == ["nl", "en"] and list(editions)[-1] == "fy"
    assert editions["fy"]["language_name"] == "Frysk" and editions["fy"]["draft"] is True
    assert editions["fy"]["latex_babel"] == "westernfrisian"  # from TeX Live's babel-fy.ini
    assert "What the translator does next" in result.stdout and "make stats" in result.stdout


def test_every_catalogue_exists_and_is_empty(frisian):
    project, _ = frisian
    templates = project / "build" / "gettext"
    pages = {pot.relative_to(templates).with_suffix(".po") for pot in templates.rglob("*.pot")}
    catalogues = project / "locale" / "fy" / "LC_MESSAGES"
    assert {po.relative_to(catalogues) for po in catalogues.rglob("*.po")} == pages  # incl. sphinx.po
    assert Path("instrumentenregister.po") in pages
    for relative in pages:
        catalogue = polib.pofile(str(catalogues / relative))
        assert catalogue.metadata["Language"] == "fy"
        assert len(catalogue) and not catalogue.translated_entries(), relative
    # the interface: every string the Dutch edition translates, also those no template holds
    interface = {entry.msgid for entry in polib.pofile(str(catalogues / "sphinx.po"))}
    assert {e.msgid for e in polib.pofile(str(project / "locale" / "nl" / "LC_MESSAGES" / "sphinx.po"))} <= interface
    # the extension's labels: every message the English catalogue has
    extension = project / "_extensions" / "handbook" / "i18n" / "locale"
    labels = polib.pofile(str(extension / "fy" / "LC_MESSAGES" / "handbook.po"))
    assert {e.msgid for e in polib.pofile(str(extension / "en" / "LC_MESSAGES" / "handbook.po"))} <= {
        e.msgid for e in labels}
    assert not labels.translated_entries()


def test_the_tools_read_the_new_edition(frisian):
    project, _ = frisian
    run = lambda *args: subprocess.run([sys.executable, *args], cwd=project, capture_output=True, text=True)  # noqa: E731
    before = {po: po.read_bytes() for po in (project / "locale").rglob("*.po")}
    update = run("build_scripts/update_po.py")
    assert update.returncode == 0, update.stderr
    assert {po: po.read_bytes() for po in (project / "locale").rglob("*.po")} == before  # already up to date
    stats = run("build_scripts/po_stats.py")
    assert stats.returncode == 0 and "\nfy\n" in stats.stdout and "0.0%" in stats.stdout
    gate = run("build_scripts/check_po.py")
    assert gate.returncode == 0, gate.stdout + gate.stderr


def test_an_edition_is_added_once(frisian):
    project, _ = frisian
    editions = (project / "source" / "_data" / "editions.toml").read_text(encoding="utf-8")
    again = add_language(project, "fy", "Frysk")
    assert again.returncode == 2 and "there is an edition 'fy' already" in again.stderr
    wrong = add_language(project, "Frysk", "fy")
    assert wrong.returncode == 2 and "not a language code" in wrong.stderr
    assert (project / "source" / "_data" / "editions.toml").read_text(encoding="utf-8") == editions


def test_the_new_edition_builds_its_site_and_pdf(frisian):
    project, _ = frisian
    # what an earlier LaTeX run left behind that stops the next one (build.py cleans up and runs again)
    latex = project / "build" / "cache" / "fy" / "latex"
    latex.mkdir(parents=True)
    (latex / "richtlijnen-digitale-systemen-1.0.0-fy.aux").write_text("\\relax\n\\commandofanolderversion\n")
    # the last good site of the other editions: building one edition keeps their pages and PDFs
    last = project / "build" / "site"
    (last / "nl").mkdir(parents=True)
    (last / "nl" / "index.html").write_text("the last good Dutch site")
    (last / "downloads").mkdir()
    (last / "downloads" / "richtlijnen-digitale-systemen-1.0.0-nl.pdf").write_text("the last good Dutch PDF")
    (last / "downloads" / "handbook-1.0.0-xx.pdf").write_text("an edition that is gone")
    result = run_build(project, "--languages", "fy")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "building it once more without the files of earlier LaTeX runs" in result.stderr
    assert (last / "nl" / "index.html").read_text() == "the last good Dutch site"
    assert (last / "downloads" / "richtlijnen-digitale-systemen-1.0.0-nl.pdf").read_text() == "the last good Dutch PDF"
    assert not (last / "downloads" / "handbook-1.0.0-xx.pdf").exists()
    assert "no hyphenation patterns for westernfrisian" in result.stdout  # and what it falls back to
    site = project / "build" / "site"
    page = (site / "fy" / "richtlijnen" / "inkoop" / "index.html").read_text(encoding="utf-8")
    assert 'class="translation-notice"' in page and "(0%" in page  # the notice with its percentage
    assert '<meta name="robots" content="noindex">' in page  # a draft
    assert 'lang="nl"' in page
    assert not (site / "fy" / "sitemap.xml").exists()
    assert (site / "downloads" / "richtlijnen-digitale-systemen-1.0.0-fy.pdf").stat().st_size > 100_000
    assert 'hreflang="fy"' in (site / "index.html").read_text(encoding="utf-8")  # listed at the root
    assert "Frysk" in (site / "index.html").read_text(encoding="utf-8")
