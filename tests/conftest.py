"""Shared fixtures. Extension tests use sphinx.testing with the small projects in tests/roots/;
publication tests build a copy of the whole project once per session; the browser tests share Chromium and
a local host for the built site (browser_support.py)."""

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


# A repository, so that the test builds show the feedback links on every page as a publisher's build does
# (site/contact.py; without one they are left out, and the WCAG 3.2.6 check would have nothing to check).
# Clearly not the real one: the links are checked, never followed.
TEST_REPOSITORY = "https://github.com/example/handboek"
BUILD_ENV = {"SOURCE_DATE_EPOCH": "1764460800", "HANDBOOK_REPOSITORY": TEST_REPOSITORY}


def run_build(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """build.py on a copy of the project, with ``BUILD_ENV`` (``env`` adds to it or overrides it)."""
    return subprocess.run(
        [sys.executable, str(project / "build_scripts" / "build.py"), *args],
        cwd=project, capture_output=True, text=True, stdin=subprocess.DEVNULL,
        env={**os.environ, **BUILD_ENV, **(env or {})},
    )


@pytest.fixture(scope="session")
def project_copy(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="session")
def site_build(project_copy: Path) -> subprocess.CompletedProcess:
    """The whole publication (both editions, HTML and PDF), built once from a copy of the project: what
    build.py printed."""
    result = run_build(project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="session")
def site(project_copy: Path, site_build) -> Path:
    return project_copy / "build" / "site"


# --- the browser tests (test_browser, test_wcag, test_statement_pages, test_reader_tools) --------------------

@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, through Playwright (browser_support.launch)."""
    from browser_support import launch  # noqa: PLC0415 (Playwright only for the tests that ask for it)
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def base_url(site: Path):
    """The ``site`` fixture's site (the session's, or the module's own) on 127.0.0.1."""
    from browser_support import serve  # noqa: PLC0415

    with serve(site) as url:
        yield url


@pytest.fixture
def page(browser):
    """A fresh desktop tab in light mode."""
    from browser_support import MODES  # noqa: PLC0415

    # reduced motion: furo scrolls smoothly otherwise (handbook.css turns that off on request), and an element
    # that is still moving cannot be photographed
    context = browser.new_context(**MODES["light"], reduced_motion="reduce")
    yield context.new_page()
    context.close()
