"""The speed-ups (_extensions/handbook/speedups/) are a debt kept in one place: each is active on the pinned
versions of the libraries it patches, ``HANDBOOK_SPEEDUPS=0`` turns them all off, and the whole publication
(both sites, both PDFs) is the same bytes with and without them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from myst_parser.parsers import sphinx_ as myst_sphinx
from sphinx.transforms import i18n as sphinx_i18n

from conftest import build_copy, copy_project, run_build
from handbook import speedups


def test_every_speedup_matches_the_pinned_versions():
    assert {speedups.short_name(module): speedups.mismatches(module) for module in speedups.SPEEDUPS} == {
        speedups.short_name(module): {} for module in speedups.SPEEDUPS}


def test_every_speedup_is_active_on_the_pinned_versions(make_app, rootdir, tmp_path):
    app = build_copy(make_app, rootdir / "test-relations", tmp_path / "src", "nl")
    assert app.handbook_speedups == ["myst_parse", "translation_parse", "navigation", "template_cache",
                                     "toctree_parents"]
    assert getattr(sphinx_i18n._publish_msgstr, "handbook_once", False)
    assert getattr(myst_sphinx.create_md_parser, "handbook_speedup", False)
    assert app.builder.handbook_navigation is not None  # the navigation was made once, by the speed-up
    assert (Path(app.doctreedir) / "jinja").is_dir()  # compiled templates kept


def test_the_switch_turns_them_all_off(make_app, rootdir, tmp_path, monkeypatch):
    monkeypatch.setenv(speedups.SWITCH, "0")
    app = build_copy(make_app, rootdir / "test-relations", tmp_path / "src", "nl")
    assert app.handbook_speedups == []
    assert getattr(app.builder, "handbook_navigation", None) is None
    assert not (Path(app.doctreedir) / "jinja").exists()


def _digests(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.mark.publication
def test_the_publication_is_the_same_bytes_without_speedups(site: Path, tmp_path):
    project = copy_project(tmp_path / "project")
    result = run_build(project, env={speedups.SWITCH: "0"})
    assert result.returncode == 0, result.stdout + result.stderr
    with_speedups, without = _digests(site), _digests(project / "build" / "site")
    assert len(with_speedups) > 40 and any(name.endswith(".pdf") for name in with_speedups)
    assert [name for name in sorted(set(with_speedups) | set(without))
            if with_speedups.get(name) != without.get(name)] == []
