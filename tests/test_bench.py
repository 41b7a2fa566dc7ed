"""build_scripts/bench.py: the synthetic scaling of the guidelines, and a quick run (one run each, no PDFs)
on a copy of the project that must report every measurement. No timing is asserted: only that each
number was measured and that the edits of the incremental builds really reached the pages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polib
import pytest
import yaml

from conftest import ROOT, copy_project

sys.path.insert(0, str(ROOT / "build_scripts"))
import bench  # noqa: E402

QUICK_SCENARIOS = {"cold-html", "noop-html", "edit-en-msgstr", "edit-en-only", "edit-nl-para", "edit-relation",
                   "edit-registry",
                   "edit-en-warm"}
SPREAD = ("median", "min", "max")


def front_matter(page: Path) -> dict:
    return yaml.safe_load(bench.split_front_matter(page.read_text(encoding="utf-8"), page)[0])


def test_scaled_copy_has_unique_numbers_relations_within_the_copy_and_catalogues(tmp_path):
    project = copy_project(tmp_path / "project")
    base = bench.guideline_slugs(project)
    bench.scale_project(project, 3)
    slugs = bench.guideline_slugs(project)
    assert len(slugs) == 3 * len(base)
    pages = {slug: front_matter(project / "source" / "richtlijnen" / slug / "index.md") for slug in slugs}
    assert sorted(meta["number"] for meta in pages.values()) == list(range(1, len(slugs) + 1))
    copy = pages["inkoop-3"]
    assert copy["relations"] and all(r.endswith("-3") and r in pages for r in copy["relations"])
    assert copy["title"] == pages["inkoop"]["title"] + " (kopie 3)"
    toctree = (project / "source" / "richtlijnen" / "index.md").read_text(encoding="utf-8")
    assert "inkoop-3/index" in toctree
    catalogue = polib.pofile(str(project / "locale/en/LC_MESSAGES/richtlijnen/inkoop-3/index.po"))
    title = catalogue.find(copy["title"])
    assert title is not None and title.msgstr.endswith("(copy 3)")
    body = (project / "source" / "richtlijnen" / "inkoop-3" / "index.md").read_text(encoding="utf-8")
    assert "/richtlijnen/cloud-3/index" in body and "/richtlijnen/cloud/index" not in body


@pytest.mark.publication
def test_quick_bench_reports_every_measurement(tmp_path):
    project = copy_project(tmp_path / "project")
    report = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(project / "build_scripts" / "bench.py"), "--runs", "1", "--quick", "--scale", "2",
         "--json", str(report), "--workdir", str(tmp_path / "work")],
        cwd=project, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "== targets ==" in result.stdout
    data = json.loads(report.read_text())

    base, scaled = data["scales"]["1"], data["scales"]["2"]
    assert set(base["scenarios"]) == QUICK_SCENARIOS
    assert set(scaled["scenarios"]) == {"cold-html", "edit-en-msgstr"}
    assert scaled["guidelines"] == 2 * base["guidelines"]
    for scenarios in (base["scenarios"], scaled["scenarios"]):
        for name, scenario in scenarios.items():
            for key in ("seconds", "cpu_seconds", "cores_used", "peak_process_mb", "peak_total_mb"):
                assert all(scenario[key][part] > 0 for part in SPREAD), (name, key, scenario[key])
                assert len(scenario[key]["runs"]) == 1

    def changed(name: str, language: str) -> float:
        return base["scenarios"][name]["pages_changed"][language]["median"]

    assert changed("edit-en-msgstr", "en") >= 1 and changed("edit-en-msgstr", "nl") == 0
    assert changed("edit-en-only", "en") >= 1
    assert changed("edit-en-warm", "en") >= 1  # the warm worker of the live preview really built it
    # one msgstr: only the page that shows it (Sphinx's search page aside, which it writes every build)
    assert base["scenarios"]["edit-en-warm"]["pages_rewritten"]["en"]["median"] == 1
    assert base["scenarios"]["edit-en-only"]["pages_rewritten"]["nl"]["median"] == 0  # not built
    assert changed("edit-nl-para", "nl") >= 1
    assert changed("edit-relation", "nl") >= 2  # the page itself and the page it no longer refers to
    assert base["scenarios"]["noop-html"]["pages_total"]["en"] > 10

    for language in ("nl", "en"):
        weight = base["page_weight"][language]
        assert all(weight["bytes"][kind] > 0 for kind in ("html", "css", "js")), weight
        assert weight["total_kb"] > 0 and weight["missing"] == []
    assert "pdfs" not in base  # --quick skips the PDFs

    assert set(data["growth"]) == {"cold-html", "edit-en-msgstr"}
    assert all(g["time_ratio"] > 0 and g["memory_ratio"] > 0 for g in data["growth"].values())
    assert data["targets"] and all(isinstance(t["met"], bool) for t in data["targets"])


@pytest.mark.publication
def test_against_a_revision_alternates_the_two_versions_run_by_run(tmp_path):
    """--against: each scenario's runs alternate between this tree and the revision (the machine's load
    falls on both), and each side gets its own figures."""
    report = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "build_scripts" / "bench.py"), "--runs", "2", "--against", "HEAD",
         "--scenarios", "noop-html,edit-registry", "--json", str(report), "--workdir", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr[-4000:]
    data = json.loads(report.read_text())
    assert set(data["scales"]) == {"1", "1 @HEAD"}
    for side in data["scales"].values():
        assert set(side["scenarios"]) == {"noop-html", "edit-registry"}
        assert len(side["scenarios"]["noop-html"]["seconds"]["runs"]) == 2
        assert side["scenarios"]["edit-registry"]["pages_changed"]["nl"]["median"] >= 1
    runs = [line.split(":")[0].strip() for line in result.stderr.splitlines() if " run " in line]
    assert runs[:4] == ["noop-html run 1", "noop-html (@HEAD) run 1", "noop-html run 2", "noop-html (@HEAD) run 2"]


def test_the_draft_scenario_builds_untagged_pdfs(tmp_path):
    """cold-pdf-draft sets HANDBOOK_PDF_TAGGING=0 (source/conf.py) for its builds, and measured() passes it."""
    [draft] = [s for s in bench.SCENARIOS if s.name == "cold-pdf-draft"]
    log = tmp_path / "child.log"
    bench.measured([sys.executable, "-c", "import os; print(os.environ['HANDBOOK_PDF_TAGGING'])"], tmp_path, log,
                   draft.env)
    assert log.read_text().strip() == "0"
    assert 'os.environ.get("HANDBOOK_PDF_TAGGING", "1") != "0"' in (ROOT / "source" / "conf.py").read_text()
