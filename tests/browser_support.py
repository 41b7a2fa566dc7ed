"""What the browser tests share: Debian's Chromium launched through Playwright, a local static host for a
built site (with its "page not found" pages, as a static host serves them), the browser modes and axe-core.
The fixtures built on them (``browser``, ``base_url``, ``page``) are in conftest.py."""

from __future__ import annotations

import contextlib
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import axe_playwright_python
import pytest

CHROMIUM = Path("/usr/bin/chromium")  # Debian's; Playwright's own browser download is not used
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
EDITIONS = ("nl", "en")
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
MODES = {
    "light": {**DESKTOP, "color_scheme": "light"},
    "dark": {**DESKTOP, "color_scheme": "dark"},
    "phone": {"viewport": {"width": 390, "height": 844}, "color_scheme": "light", "is_mobile": True,
              "has_touch": True, "device_scale_factor": 1},
}
AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")  # the axe-core that package bundles
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]  # WCAG 2.0, 2.1 and 2.2, A and AA


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site as a static host does, with its "page not found" pages: the edition's own under
    /nl/ and /en/, the bilingual one elsewhere."""

    def log_message(self, format, *args):  # noqa: A002 (the standard library's name)
        pass

    def send_error(self, code, message=None, explain=None):
        edition = self.path.lstrip("/").split("/", 1)[0]
        page = Path(self.directory) / (f"{edition}/404.html" if edition in EDITIONS else "404.html")
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(directory: Path):
    """``directory`` on 127.0.0.1 at a free port; yields the base URL (ending in /)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def launch(playwright):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does, as root: "
                    "python3 build_scripts/system_packages.py --tests)")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def site_pages(site: Path) -> list[str]:
    """Every page of both editions and the site root's pages, as paths from the site root."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "_static" not in p.parts)


def edition_pages(site: Path, language: str) -> list[str]:
    return [p for p in site_pages(site) if p.startswith(f"{language}/")]
