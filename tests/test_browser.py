"""The published site in a real browser: Debian's Chromium, driven by Playwright, against the site that the
session fixture ``site`` builds, served by the standard library's HTTP server on 127.0.0.1.

- Accessibility: axe-core (the copy bundled with axe-playwright-python) on every page of both editions and
  the site root, in light mode, in dark mode (the system setting; furo's default theme "auto" follows it)
  and at phone width (390 px): no violation of the WCAG 2.0, 2.1 and 2.2 A and AA rules, nor of the
  best-practice rules about landmarks, headings and the skip link (``EXTRA_RULES``). No rule is turned off.
  The same visits collect what other tests check: sideways scrolling, links that open a new tab, the page
  metadata, and where the language switch leads (followed once per page).
- The PDF link, search, the keyboard, accessible names of the cards, the sitemap and the "page not found"
  pages, as a reader (or a crawler) meets them; badge and button contrast in the theme chosen with furo's
  toggle.

External links open in the same tab (site_extras.py): a link with ``target="_blank"`` must carry
``rel="noopener noreferrer"`` and a visually hidden hint that it opens a new tab.
"""

from __future__ import annotations

import asyncio
import re
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import sources
from playwright.async_api import async_playwright

from browser_support import AXE_SCRIPT, AXE_TAGS, DESKTOP, EDITIONS, MODES, edition_pages, launch, site_pages

pytestmark = pytest.mark.browser

# best-practice rules (not WCAG criteria themselves) for what the issue names: landmarks, heading order, skip link
EXTRA_RULES = ["landmark-one-main", "landmark-unique", "landmark-no-duplicate-banner",
               "landmark-no-duplicate-contentinfo", "landmark-no-duplicate-main", "landmark-complementary-is-top-level",
               "page-has-heading-one", "heading-order", "skip-link", "region"]
SWEEP_WORKERS = 2  # pages checked at the same time: one per core of the CI machine
# the fixtures browser, base_url and page: conftest.py


# --- one visit per page and mode ----------------------------------------------------------------------------

PAGE_FACTS = """() => ({
  path: location.pathname,
  lang: document.documentElement.lang,
  title: document.title,
  heading: (document.querySelector("article h1, main h1")?.textContent ?? "").replace(/#$/, "").trim(),
  firstParagraph: (document.querySelector("article p:not(.action-card-status)")?.textContent ?? "")
    .split(/\\s+/).join(" ").trim(),
  meta: Object.fromEntries([...document.querySelectorAll('meta[property^="og:"], meta[name="description"]')]
    .map(m => [m.getAttribute("property") || m.getAttribute("name"), m.getAttribute("content")])),
  overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  newTabLinks: [...document.querySelectorAll('a[target="_blank"]')].map(a => ({
    href: a.getAttribute("href"), rel: [...a.relList],
    hint: [...a.querySelectorAll(".visually-hidden")].map(h => h.textContent.trim()).join(" "),
  })),
})"""


@dataclass
class Visit:
    violations: list[dict]
    facts: dict
    switched_to: tuple[str, str] | None = None  # (path, lang) after following the language switch


async def _visit(tab, base_url: str, path: str, axe_options: dict, follow_switch: bool) -> Visit:
    await tab.goto(base_url + path)
    report = await tab.evaluate("options => axe.run(document, options)", axe_options)
    visit = Visit(report["violations"], await tab.evaluate(PAGE_FACTS))
    if follow_switch:
        async with tab.expect_navigation():
            await follow_language_switch(tab, other(path.split("/")[0]))
        visit.switched_to = (urlsplit(tab.url).path, await tab.evaluate("document.documentElement.lang"))
    return visit


async def follow_language_switch(tab, language: str) -> None:
    """Click the switch to ``language``; with three or more editions it is in the language menu."""
    menu = tab.locator("details.language-menu summary:visible")
    if await menu.count():
        await menu.first.click()
    await tab.locator(f"a.language-switch[hreflang={language}]:visible").first.click()


async def _without_scripts(route) -> None:
    """The site root's page sends a reader with JavaScript on to an edition at once; what stays on screen
    is what readers without JavaScript get, so that is what is checked."""
    response = await route.fetch()
    await route.fulfill(response=response, body=re.sub(r"<script\b.*?</script>", "", await response.text(), flags=re.S))


async def _visit_all(base_url: str, jobs: list[tuple[str, str]]) -> dict[tuple[str, str], Visit]:
    axe_options = {"runOnly": {"type": "tag", "values": AXE_TAGS},
                   "rules": {rule: {"enabled": True} for rule in EXTRA_RULES},
                   "resultTypes": ["violations"]}
    results: dict[tuple[str, str], Visit] = {}
    queue = list(jobs)
    async with async_playwright() as playwright:
        chromium = await launch(playwright)

        async def worker():
            # a context of its own per worker and mode: tabs of one context can share a renderer process,
            # and would then take turns on one core
            tabs = {}
            while queue:
                mode, path = queue.pop(0)
                if mode not in tabs:
                    context = await chromium.new_context(**MODES[mode])
                    await context.add_init_script(path=AXE_SCRIPT)  # compiled once, not per page
                    await context.route(f"{base_url}index.html", _without_scripts)
                    tabs[mode] = await context.new_page()
                follow_switch = mode == "light" and path.startswith(tuple(f"{e}/" for e in EDITIONS))
                results[mode, path] = await _visit(tabs[mode], base_url, path, axe_options, follow_switch)

        await asyncio.gather(*(worker() for _ in range(SWEEP_WORKERS)))
        await chromium.close()
    return results


@pytest.fixture(scope="module")
def visits(site, base_url) -> dict[tuple[str, str], Visit]:
    """Every page in every mode, visited once (in light mode the language switch is followed as well).
    Playwright's async API in a thread of its own, so that the visits run side by side without disturbing
    the module's synchronous browser."""
    jobs = [(mode, path) for mode in MODES for path in site_pages(site)]
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _visit_all(base_url, jobs)).result()


def describe_violations(found: list[tuple[str, dict]]) -> str:
    lines = []
    for path, violation in found:
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"{path}: {violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("mode", MODES)
def test_no_accessibility_violations(visits, site, mode):
    pages = site_pages(site)
    assert len(pages) >= 2 * 19 + 2  # both editions (17 documents, search and 404 each) and the site root
    assert [path for path in pages if visits[mode, path].facts["path"] != f"/{path}"] == [], "pages that went elsewhere"
    found = [(path, violation) for path in pages for violation in visits[mode, path].violations]
    assert not found, f"axe in {mode} mode:\n" + describe_violations(found)


def test_nothing_scrolls_sideways_on_a_phone(visits, site):
    overflow = {path: visits["phone", path].facts["overflow"] for path in site_pages(site)}
    assert {path: px for path, px in overflow.items() if px > 0} == {}, "pages wider than a 390 px screen (px)"


def test_links_that_open_a_new_tab_say_so(visits, site):
    offenders = [(path, link) for path in site_pages(site) for link in visits["light", path].facts["newTabLinks"]
                 if not {"noopener", "noreferrer"} <= set(link["rel"]) or not link["hint"]]
    assert offenders == []


# --- language switch, PDF, search ----------------------------------------------------------------------------

def other(language: str) -> str:
    return "en" if language == "nl" else "nl"


@pytest.mark.parametrize("language", EDITIONS)
def test_language_switch_leads_to_the_same_page(visits, site, language):
    for path in edition_pages(site, language):
        counterpart = f"{other(language)}/{path.split('/', 1)[1]}"
        assert visits["light", path].switched_to == (f"/{counterpart}", other(language)), path


@pytest.mark.parametrize("language", EDITIONS)
def test_pdf_link_downloads_the_handbook(page, base_url, language):
    page.goto(f"{base_url}{language}/richtlijnen/inkoop/index.html")
    link = page.locator("a.pdf-download").first
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(f"-{language}.pdf")
    assert Path(download.path()).read_bytes()[:5] == b"%PDF-"
    response = page.request.get(urljoin(page.url, link.get_attribute("href")))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"


# searchtools.js titles the results "Searching" with animated dots (a <span>), replaced by the plain title
# "Search Results" once every result is listed (its pulse flag is no signal: a pending tick restarts it)
SEARCH_DONE = """() => {
  const title = document.querySelector("#search-results > h2");
  return title !== null && title.children.length === 0;
}"""


def search(page, base_url: str, language: str, query: str) -> list[tuple[str, str]]:
    """Search with the form on the search page; the results as (path, title)."""
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(f"{base_url}{language}/search.html")
    page.fill("#handbook-search-query", query)
    with page.expect_navigation():
        page.press("#handbook-search-query", "Enter")
    page.wait_for_function(SEARCH_DONE)
    assert errors == [], "the search page stopped with an error"
    results = page.eval_on_selector_all("#search-results ul.search li > a",
                                        "links => links.map(a => [a.href, a.textContent.trim()])")
    return [(urlsplit(href).path, title) for href, title in results]


def test_search_finds_guideline_12_in_dutch(page, base_url):
    results = search(page, base_url, "nl", "inkoopstrategie")
    assert ("/nl/richtlijnen/inkoop/index.html", "12. Definieer je inkoopstrategie") in results
    summary = page.inner_text("#search-results p.search-summary")
    assert summary == f"Zoeken voltooid: {len(results)} pagina's gevonden.", summary


def test_search_finds_guideline_12_in_english_and_no_dutch_pages(page, base_url):
    results = search(page, base_url, "en", "procurement")
    assert ("/en/richtlijnen/inkoop/index.html", "12. Define your procurement strategy") in results
    assert all(path.startswith("/en/") for path, _title in results), results
    dutch_titles = set(search_titles(page, base_url, "nl")) - set(search_titles(page, base_url, "en"))
    assert not [title for _path, title in results if title in dutch_titles]


def search_titles(page, base_url: str, language: str) -> list[str]:
    response = page.request.get(f"{base_url}{language}/searchindex.js")
    assert response.status == 200
    return re.findall(r'"([^"]+)"', re.search(r'"titles":\[(.*?)\]', response.text()).group(1))


# --- keyboard ------------------------------------------------------------------------------------------------

ACTIVE = """() => {
  const element = document.activeElement;
  return {tag: element.tagName.toLowerCase(), classes: [...element.classList],
          inMain: !!element.closest('[role="main"]'), href: element.getAttribute("href"),
          text: element.textContent.trim()};
}"""


def test_skip_link_reaches_the_content(page, base_url):
    page.goto(f"{base_url}nl/richtlijnen/inkoop/index.html")
    page.keyboard.press("Tab")
    first = page.evaluate(ACTIVE)
    assert "skip-to-content" in first["classes"], first
    page.wait_for_function("document.activeElement.getBoundingClientRect().top >= 0", timeout=2000)
    page.keyboard.press("Enter")
    assert urlsplit(page.url).fragment == "furo-main-content"
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE)["inMain"], "Tab after the skip link does not continue in the content"


def tab_through(page, limit: int = 400) -> list[dict]:
    """Tab from the top of the page to the end (or ``limit`` presses); the focused elements in order."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active["tag"] == "body" or (seen and active == seen[0]):
            break
        seen.append(active)
    return seen


def focus_is_visible(page, selector: str) -> bool:
    """The element looks different with keyboard focus than without: compare two pictures of it."""
    element = page.locator(selector).first
    element.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus, so that :focus-visible applies
    box = element.evaluate("e => e.getBoundingClientRect().toJSON()")  # in the viewport, as screenshot() wants
    clip = {"x": max(box["x"] - 8, 0), "y": max(box["y"] - 8, 0),
            "width": box["width"] + 16, "height": box["height"] + 16}
    focused = page.screenshot(clip=clip)
    page.evaluate("document.activeElement.blur()")
    return focused != page.screenshot(clip=clip)


@pytest.mark.parametrize("language", EDITIONS)
def test_switch_and_card_buttons_are_reachable_by_tab_and_visibly_focused(page, base_url, language):
    page.goto(f"{base_url}{language}/richtlijnen/inkoop/index.html")
    reached = tab_through(page)
    card_links = page.eval_on_selector_all("a.action-card-button", "links => links.map(a => a.getAttribute('href'))")
    related = page.eval_on_selector_all(".related-guidelines a.sd-stretched-link",
                                        "links => links.map(a => a.getAttribute('href'))")
    assert card_links and related
    # the language switch: a link to the other edition, or with three or more editions the menu's button
    language_control = ("language-switch", "language-menu-button")
    assert any(set(language_control) & set(element["classes"]) for element in reached)
    reached_links = {element["href"] for element in reached}
    assert set(card_links) <= reached_links, "action card buttons not reachable by Tab"
    assert set(related) <= reached_links, "related guideline cards not reachable by Tab"
    for selector in ("a.language-switch, summary.language-menu-button", "a.pdf-download", "a.action-card-button",
                     ".related-guidelines a.sd-stretched-link"):
        assert focus_is_visible(page, selector), f"{selector}: no visible focus"


# --- accessible names ----------------------------------------------------------------------------------------

def accessibility_tree(page) -> list[dict]:
    """What Chromium hands to screen readers: role, name and states of every node."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    tree = []
    for node in nodes:
        if node.get("ignored"):
            continue
        properties = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
        name = " ".join(node.get("name", {}).get("value", "").split())
        tree.append({"role": node.get("role", {}).get("value"), "name": name,
                     "disabled": bool(properties.get("disabled"))})
    return tree


CARDS = """() => [...document.querySelectorAll('.action-card')].map(card => ({
  title: card.querySelector('.sd-card-title').textContent.trim(),
  label: card.querySelector('.action-card-button > span').textContent.trim(),
  disabled: card.querySelector('button.action-card-button') !== null,
}))"""


@pytest.mark.parametrize("language", EDITIONS)
def test_cards_have_accessible_names(page, base_url, language):
    page.goto(f"{base_url}{language}/richtlijnen/inkoop/index.html")
    tree = accessibility_tree(page)
    cards = page.evaluate(CARDS)
    assert len(cards) == len(sources.instruments_of("inkoop")) and any(card["disabled"] for card in cards)
    for card in cards:
        expected = {"role": "button" if card["disabled"] else "link", "name": f"{card['label']} ({card['title']})",
                    "disabled": card["disabled"]}
        assert expected in tree, f"no {expected} in the accessibility tree"
    related = page.eval_on_selector_all(".related-guidelines a.sd-stretched-link",
                                        "links => links.map(a => a.textContent.trim())")
    for title in related:
        assert re.fullmatch(r"\d+\. .+", title)
        assert {"role": "link", "name": title, "disabled": False} in tree


@pytest.mark.parametrize("language", EDITIONS)
def test_relations_diagram_has_a_name(page, base_url, language):
    page.goto(f"{base_url}{language}/richtlijnen/relaties.html")
    images = [node for node in accessibility_tree(page) if node["role"] == "image"]
    expected = {"nl": "Diagram van de relaties", "en": "Diagram of the relations"}[language]
    assert any(node["name"].startswith(expected) for node in images), images


# --- sitemap, page metadata, page not found -------------------------------------------------------------------

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@pytest.mark.parametrize("language", EDITIONS)
def test_sitemap_lists_every_page_with_its_alternates(page, site, base_url, language):
    response = page.request.get(f"{base_url}{language}/sitemap.xml")
    assert response.status == 200
    urlset = ET.fromstring(response.body())
    listed = {}
    for url in urlset.findall("s:url", SITEMAP):
        loc = url.find("s:loc", SITEMAP).text
        listed[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", SITEMAP)}
    content = {f"/{path}" for path in edition_pages(site, language)} - {
        f"/{language}/{name}" for name in ("404.html", "search.html", "genindex.html")}
    assert set(listed) == content
    for loc, alternates in listed.items():
        relative = loc.split("/", 2)[2]
        assert alternates == {"nl": f"/nl/{relative}", "en": f"/en/{relative}", "x-default": f"/nl/{relative}"}
        for href in alternates.values():
            assert page.request.head(base_url.rstrip("/") + href).status == 200, href


@pytest.mark.parametrize("language", EDITIONS)
def test_opengraph_metadata_in_the_language_of_the_page(visits, site, language):
    locales = {"nl": "nl_NL", "en": "en_GB"}
    for path in edition_pages(site, language):
        facts = visits["light", path].facts
        meta = facts["meta"]
        assert facts["lang"] == language
        assert (meta["og:locale"], meta["og:locale:alternate"]) == (locales[language], locales[other(language)])
        assert meta["og:site_name"] == facts["title"].split(" - ")[-1]
        assert meta["og:title"] == facts["heading"], path
        if path.endswith(("search.html", "genindex.html")):
            continue  # no text of their own
        assert meta["og:description"] == meta["description"], path
        assert facts["firstParagraph"].startswith(meta["og:description"].removesuffix("…")), path


@pytest.mark.parametrize(("address", "language", "heading"), [
    ("nl/richtlijnen/bestaat-niet/index.html", "nl", "Pagina niet gevonden"),
    ("en/richtlijnen/gone/deeper/index.html", "en", "Page not found"),
    ("gone.html", "nl", "Pagina niet gevonden"),
])
def test_page_not_found(page, base_url, address, language, heading):
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 and
            response.url != base_url + address else None)
    response = page.goto(base_url + address)
    assert response.status == 404
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("h1").first.text_content().rstrip("#").strip() == heading
    assert failed == [], "styles, scripts or images that did not load"
    links = page.eval_on_selector_all("a[href]:not([href^='#'])", "links => links.map(a => a.href)")
    targets = {href.split("#")[0] for href in links if href.startswith(base_url)}
    assert targets
    for target in sorted(targets):
        assert page.request.head(target).status == 200, f"{address}: link to {target}"
    if address.startswith(("nl/", "en/")):
        with page.expect_navigation():
            menu = page.locator("details.language-menu summary:visible")
            if menu.count():
                menu.first.click()
            page.locator(f"a.language-switch[hreflang={other(language)}]:visible").first.click()
        assert urlsplit(page.url).path == f"/{other(language)}/404.html"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_badges_and_buttons_have_contrast_in_the_chosen_theme(browser, base_url, theme):
    """The theme chosen with furo's toggle (body[data-theme]), against the opposite system setting."""
    context = browser.new_context(**DESKTOP, color_scheme="dark" if theme == "light" else "light")
    context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    tab = context.new_page()
    tab.goto(f"{base_url}en/richtlijnen/inkoop/index.html")
    assert tab.evaluate("document.body.dataset.theme") == theme
    tab.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    report = tab.evaluate("() => axe.run('.action-cards', {runOnly: ['color-contrast'], resultTypes: ['violations']})")
    context.close()
    assert report["violations"] == []
