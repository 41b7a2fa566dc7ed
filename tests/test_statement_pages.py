"""The pages a Dutch government site must have (accessibility statement, privacy statement, reporting a
vulnerability), ``/.well-known/security.txt`` and the feedback links of every page, on the HTML site built
from a copy of the project with a repository and a published address configured; axe (WCAG 2.2 AA) in
Chromium on the new pages. The whole site's axe sweep: tests/test_browser.py."""

from __future__ import annotations

import datetime
import html as html_module
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from browser_support import AXE_SCRIPT, AXE_TAGS, MODES
from conftest import TEST_REPOSITORY, build_copy, copy_project, run_build

pytestmark = pytest.mark.browser
REPOSITORY = TEST_REPOSITORY  # every test build has it (conftest.BUILD_ENV); named here for what is checked
BASE = "https://example.org/handboek/"
EPOCH = 1764460800  # conftest's SOURCE_DATE_EPOCH
PAGES = {"toegankelijkheid": {"nl": "Toegankelijkheidsverklaring", "en": "Accessibility statement"},
         "privacy": {"nl": "Privacyverklaring", "en": "Privacy statement"},
         "kwetsbaarheid-melden": {"nl": "Kwetsbaarheid melden", "en": "Reporting a vulnerability"}}
LABELS = {"nl": ("Meld een probleem", "Bekijk de bron"), "en": ("Report a problem", "Suggest a change")}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("statements"))
    result = run_build(project, "--formats", "html",
                       env={"HANDBOOK_REPOSITORY": REPOSITORY, "HANDBOOK_BASE_URL": BASE})
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="module")
def site(project) -> Path:
    """This module's own site (published at an address), which conftest's ``base_url`` then serves."""
    return project / "build" / "site"


def conf_value(project: Path, name: str):
    namespace: dict = {}
    exec((project / "source" / "conf.py").read_text(), {"__file__": str(project / "source" / "conf.py")}, namespace)
    return namespace[name]


def test_security_txt_follows_rfc_9116(site, project):
    text = (site / ".well-known" / "security.txt").read_text()
    fields = [tuple(line.split(": ", 1)) for line in text.splitlines()]
    contact = conf_value(project, "handbook_contact")
    assert ("Contact", "mailto:" + contact["email"]) in fields
    assert ("Contact", contact["vulnerability_report"]) in fields
    assert ("Preferred-Languages", "nl, en") in fields
    assert ("Canonical", "https://example.org/.well-known/security.txt") in fields
    assert ("Policy", BASE + "nl/kwetsbaarheid-melden.html") in fields
    expires = datetime.datetime.strptime(dict(fields)["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
    built = datetime.datetime.fromtimestamp(EPOCH, datetime.UTC)
    assert built < expires <= built + datetime.timedelta(days=365), "RFC 9116: less than a year ahead"
    assert text.endswith("\n") and all(": " in line for line in text.splitlines())


@pytest.mark.parametrize("language", ["nl", "en"])
def test_statement_pages_in_both_editions_with_configured_contacts(site, project, language):
    contact = conf_value(project, "handbook_contact")
    for slug, titles in PAGES.items():
        html = (site / language / f"{slug}.html").read_text()
        assert re.search(rf"<h1[^>]*>{re.escape(titles[language])}<", html), slug
        assert "{{" not in html, f"{slug}: a substitution was not filled in"
        if slug != "kwetsbaarheid-melden":  # docutils hides the address from harvesters with entities
            assert 'href="mailto:' in html and contact["email"] in html_module.unescape(re.sub(r"<[^>]+>", "", html))
    vulnerability = (site / language / "kwetsbaarheid-melden.html").read_text()
    assert f'href="{contact["vulnerability_report"]}"' in vulnerability
    assert "Coordinated Vulnerability Disclosure" in vulnerability
    home = (site / language / "index.html").read_text()
    for slug in PAGES:
        assert f'href="{slug}.html"' in home, f"{slug} is not in the navigation"


def feedback_links(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('nav.page-feedback a')]
        .map(a => [a.textContent.trim(), a.href]))""")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_has_feedback_links_in_the_same_place(browser, base_url, site, project, language):
    report, source = LABELS[language]
    context = browser.new_context(**MODES["light"])
    page = context.new_page()
    for path in ("index.html", "richtlijnen/inkoop/index.html", "toegankelijkheid.html", "search.html"):
        page.goto(f"{base_url}{language}/{path}")
        links = feedback_links(page)
        issue = urlsplit(links[report])
        assert f"{issue.scheme}://{issue.netloc}{issue.path}" == REPOSITORY + "/issues/new"
        query = parse_qs(issue.query)
        # the page's title (generated pages such as search have none of their own: the handbook's title)
        title = re.split(r" [-—] ", page.title())[0].strip() if path != "search.html" else conf_value(
            project, "handbook_editions")[language]["project"]
        assert query["title"][0] == f"{title} ({language})", query
        assert query["body"][0].startswith(f"{BASE}{language}/{path}")
        # always the first thing in the footer: the same place on every page (WCAG 3.2.6)
        assert page.evaluate("document.querySelector('footer').firstElementChild.className") == "page-feedback"
        if path == "search.html":
            assert source not in links, "a generated page has no source"
            continue
        docname = path.removesuffix(".html")
        expected = (f"source/{docname}.md" if language == "nl" else f"locale/en/LC_MESSAGES/{docname}.po")
        assert links[source] == f"{REPOSITORY}/blob/main/{expected}"
        assert (project / expected).is_file()
    context.close()


@pytest.mark.parametrize("repository", ["", REPOSITORY])
def test_feedback_links_only_with_a_repository(make_app, tmp_path, repository):
    """Without a repository no page has the links; with one (the same small site) every page has them."""
    root = Path(__file__).parent / "roots" / "test-site-extras"
    app = build_copy(make_app, root, tmp_path / "site", "nl", handbook_repository=repository)
    pages = list(Path(app.outdir).glob("*.html"))
    shown = {page.name for page in pages if 'class="page-feedback"' in page.read_text()}
    assert pages and shown == ({page.name for page in pages} if repository else set())


@pytest.mark.parametrize("mode", ["light", "dark", "phone"])
def test_new_pages_pass_axe_wcag_22_aa(browser, base_url, mode):
    context = browser.new_context(**MODES[mode])
    context.add_init_script(path=str(AXE_SCRIPT))
    page = context.new_page()
    found = []
    for language in ("nl", "en"):
        for path in [f"{slug}.html" for slug in PAGES] + ["richtlijnen/inkoop/index.html"]:
            page.goto(f"{base_url}{language}/{path}")
            report = page.evaluate("o => axe.run(document, o)", {"runOnly": {"type": "tag", "values": AXE_TAGS},
                                                                 "resultTypes": ["violations"]})
            found += [f"{language}/{path}: {v['id']}: {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}"
                      for v in report["violations"]]
    context.close()
    assert not found, "\n".join(found)
