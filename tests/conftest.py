"""Shared fixtures. Extension tests use sphinx.testing with the small projects in tests/roots/;
publication tests build a copy of the whole project once per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_extensions"))
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(ROOT / "build_scripts"))

from project_files import PROJECT_PARTS, copy_project  # noqa: E402,F401 (shared with bench.py)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


def build_copy(make_app, root: Path, srcdir: Path, language: str, **overrides):
    """Build a copy of the test root ``root`` (a build writes into its source folder) as HTML in
    ``language``; the application, for its output folder and warnings."""
    shutil.copytree(root, srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides={"language": language, **overrides})
    app.build()
    return app


def run_build(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(project / "build_scripts" / "build.py"), *args],
        cwd=project, capture_output=True, text=True, stdin=subprocess.DEVNULL,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1764460800", **(env or {})},
    )


@pytest.fixture(scope="session")
def project_copy(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="session")
def site(project_copy: Path) -> Path:
    """The whole publication (both editions, HTML and PDF), built once from a copy of the project."""
    result = run_build(project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    return project_copy / "build" / "site"
