"""WCAG 2.2 AA beyond axe (issue 19): what an automatic scan cannot decide, tried in Debian's Chromium on the
site that the session fixture ``site`` builds. The checks themselves are in wcag_checks.py; the last part of
this module runs each of them on a deliberately broken page (tests/roots/test-wcag-broken/) to show it fails.

Views: widths 320, 768, 1024, 1280 and 1440 px (900 px high) and 200 % zoom (a 1280 x 900 window at 200 %:
640 x 450 CSS px at device scale 2). Every view runs with prefers-reduced-motion, so that what is measured is
the end state of furo's slides, not a frame half-way.

How the pages are sampled (the whole module should stay near two minutes of the CI budget):
- Every page of both editions and the site root's pages, at 320 px, 1280 px and 200 % zoom, one load each:
  1.4.10 reflow (320 px), 1.4.12 text spacing (320 and 1280 px), 1.4.4 resize text (1280 px against 200 %),
  nothing off-canvas or invisible takes focus (all three views: both drawers closed off-canvas, the page
  table of contents off-canvas, everything on screen), reduced motion, 3.1.2 language of parts, 3.2.6
  consistent help. These cost one page load and a few evaluations.
- Forced colours (1280 px): the four walked pages below, in both editions.
- The expensive walks, Tab through every focusable element (2.4.7 focus visible, 2.4.11 not obscured,
  2.1.2 no trap, 2.4.3 order), at every width and at 200 % on four pages that between them hold every kind
  of control: the home page (nl; page contents), a guideline page (en; action cards with a disabled
  button, related-guideline cards), the relations page (nl; the matrix in its scroll region) and the search
  page with results (en; search form, result list). Every page shares the same chrome (header, drawers,
  footer), so the chrome is walked at every width; what differs between pages is content of these kinds.
- Opening the drawers with the keyboard: on the guideline page, in every view in which a drawer is
  off-canvas.
- 4.1.3 status messages: each message in ``STATUS_MESSAGES``, in both editions.

Status messages that other work adds (the instrument overview's result count, the checklist's state
changes) are one line each in ``STATUS_MESSAGES``: the page, the element that shows the message and what the
reader does to change it. Their page can announce through ``handbook.announce(text)`` (source/_static/
handbook.js) or a live region of its own that is in the page from the start.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

import wcag_checks as checks
from browser_support import EDITIONS, edition_pages, launch, serve, site_pages
from wcag_checks import StatusMessage

pytestmark = pytest.mark.browser

WIDTHS = (320, 768, 1024, 1280, 1440)
VIEWS = {**{f"{width}px": {"viewport": {"width": width, "height": 900}} for width in WIDTHS},
         "200%": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2}}
WALKED_PAGES = ["nl/index.html", "en/richtlijnen/inkoop/index.html", "nl/richtlijnen/relaties.html",
                "en/search.html?q=open"]
DRAWER_PAGE = "en/richtlijnen/inkoop/index.html"
# furo moves a drawer off-canvas below these widths (63em and 82em)
DRAWER_OFF_CANVAS_BELOW = {".sidebar-drawer": 1008, ".toc-drawer": 1312}

STATUS_MESSAGES = [
    StatusMessage("search summary", "search.html?q=richtlijn", "#search-results p.search-summary"),
    StatusMessage("instrument count", "instrumenten.html", ".instrument-count",
                  act=lambda page: page.select_option("select[name=richtlijn]", "inkoop")),
    StatusMessage("checklist state", "fasen/bouw.html", ".checklist-status",
                  act=lambda page: page.locator("ul.checklist input[type=checkbox]").first.check()),
]
BROKEN = Path(__file__).parent / "roots" / "test-wcag-broken"


def new_context(browser, view: str, **options):
    return browser.new_context(**VIEWS[view], reduced_motion="reduce", **options)


def _without_scripts(route) -> None:
    """The site root's page sends a reader with JavaScript on to an edition at once; without scripts it
    stays, and that is the page checked (as in test_browser.py)."""
    response = route.fetch()
    route.fulfill(response=response, body=re.sub(r"<script\b.*?</script>", "", response.text(), flags=re.S))


SWEEP_VIEWS = ("320px", "1280px", "200%")


def sweep_view(view: str, base_url: str, paths: list[str]) -> dict[tuple[str, str], dict]:
    """Every page in one view, loaded once: the problems per check, and what the page offers."""
    results = {}
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        context = chromium.new_context(**VIEWS[view], reduced_motion="reduce")
        context.route(f"{base_url}index.html", _without_scripts)
        tab = context.new_page()
        for path in paths:
            tab.goto(base_url + path)
            found = {"hidden focusable": checks.hidden_focusable_problems(tab)}
            if view == "320px":
                found["reflow"] = checks.reflow_problems(tab)
            if view == "1280px":
                found["motion"] = checks.motion_problems(tab)
                found["language of parts"] = checks.language_of_parts_problems(tab)
                found["help"] = checks.help_place(tab)
            if view in ("1280px", "200%"):
                found["offer"] = checks.page_offer(tab)
            if view in ("320px", "1280px"):
                found["text spacing"] = checks.text_spacing_problems(tab)  # last: it changes the page's style
            results[view, path] = found
        chromium.close()
    return results


@pytest.fixture(scope="module")
def sweep(site, base_url) -> dict[tuple[str, str], dict]:
    """Every page in the sweep's views; the views side by side, each in a browser of its own (a thread with
    its own Playwright: the sync API belongs to the thread that started it)."""
    paths = site_pages(site)
    with ThreadPoolExecutor(max_workers=len(SWEEP_VIEWS)) as pool:
        parts = list(pool.map(lambda view: sweep_view(view, base_url, paths), SWEEP_VIEWS))
    return {key: found for part in parts for key, found in part.items()}


def report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{path}: {problem}" for path, problems in found.items() for problem in problems)


def problems_of(sweep, view: str, check: str) -> dict[str, list[str]]:
    return {path: found[check] for (v, path), found in sweep.items() if v == view and found.get(check)}


def test_every_page_is_swept(sweep, site):
    pages = site_pages(site)
    assert len(pages) >= 2 * 19 + 2  # both editions (17 documents, search and 404 each) and the site root
    assert {path for view, path in sweep} == set(pages)


def test_reflow_at_320_px(sweep):
    """1.4.10: nothing scrolls the page sideways; wide content scrolls in a named, focusable region."""
    assert not (found := problems_of(sweep, "320px", "reflow")), report(found)


@pytest.mark.parametrize("view", ["320px", "1280px"])
def test_text_spacing(sweep, view):
    """1.4.12: WCAG's text spacing cuts nothing off and makes no lines overlap."""
    assert not (found := problems_of(sweep, view, "text spacing")), report(found)


def test_resize_text_to_200_percent(sweep, site):
    """1.4.4: at 200 % every function and all the content's text of the page at 100 % are still there."""
    found = {}
    for path in site_pages(site):
        problems = checks.resize_text_problems(sweep["1280px", path]["offer"], sweep["200%", path]["offer"])
        if problems:
            found[path] = problems
    assert not found, report(found)


@pytest.mark.parametrize("view", SWEEP_VIEWS)
def test_nothing_off_screen_takes_focus(sweep, view):
    """2.4.7 / 2.4.11: closed drawers (off-canvas) and invisible elements take no focus."""
    assert not (found := problems_of(sweep, view, "hidden focusable")), report(found)


def test_nothing_moves_with_reduced_motion(sweep):
    assert not (found := problems_of(sweep, "1280px", "motion")), report(found)


def test_untranslated_text_is_marked_dutch(sweep):
    """3.1.2 (the build-level checks are in test_translation_workflow.py and test_translation_safety.py)."""
    assert not (found := problems_of(sweep, "1280px", "language of parts")), report(found)


def test_help_is_in_the_same_place_on_every_page(sweep, site):
    """3.2.6 consistent help: the feedback links (``nav.page-feedback``, shown when a repository is
    configured, as in the test builds: conftest.BUILD_ENV) on every page of both editions, in the same place."""
    places = {path: sweep["1280px", path]["help"] for language in EDITIONS for path in edition_pages(site, language)}
    assert not (problems := checks.consistent_help_problems(places)), "\n".join(problems)


def test_forced_colours(browser, base_url):
    """Badges, buttons, fields, the disabled button and focus rings in Chromium's forced-colours emulation,
    on the walked pages in both editions (between them every kind of control)."""
    context = new_context(browser, "1280px", forced_colors="active")
    tab = context.new_page()
    found = {}
    for language in EDITIONS:
        for path in [f"{language}/{walked.split('/', 1)[1]}" for walked in WALKED_PAGES]:
            tab.goto(base_url + path)
            if problems := checks.forced_colours_problems(tab):
                found[path] = problems
    context.close()
    assert not found, report(found)


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("path", WALKED_PAGES)
def test_keyboard_walk(browser, base_url, path, view):
    """2.4.7, 2.4.11, 2.1.2, 2.4.3: Tab through every focusable element of the page."""
    context = new_context(browser, view)
    tab = context.new_page()
    tab.goto(base_url + path)
    if "search.html" in path:
        tab.wait_for_selector("#search-results p.search-summary:not(:empty)")
    seen, problems = checks.tab_walk(tab)
    context.close()
    assert len(seen) >= 15, [state["name"] for state in seen]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("view", "drawer"), [(view, drawer) for view, options in VIEWS.items()
                                             for drawer, below in DRAWER_OFF_CANVAS_BELOW.items()
                                             if options["viewport"]["width"] < below])
def test_drawer_opens_with_the_keyboard(browser, base_url, view, drawer):
    """A closed drawer takes no focus (test_nothing_off_screen_takes_focus); opened from the keyboard its
    links take focus, on screen, and it closes again once focus leaves it."""
    toggle = dict((d, t) for t, d in checks.DRAWERS)[drawer]
    context = new_context(browser, view)
    tab = context.new_page()
    tab.goto(base_url + DRAWER_PAGE)
    problems = checks.drawer_problems(tab, toggle, drawer)
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", EDITIONS)
@pytest.mark.parametrize("status", STATUS_MESSAGES, ids=lambda status: status.name)
def test_status_messages_are_announced(browser, base_url, status, language):
    """4.1.3: status messages reach screen readers through a live region."""
    context = new_context(browser, "1280px")
    problems = checks.status_message_problems(context.new_page(), status, f"{base_url}{language}/{status.path}")
    context.close()
    assert not problems, "\n".join(problems)


# --- every check fails on a deliberately broken page -------------------------------------------------------

@pytest.fixture(scope="module")
def broken_url():
    with serve(BROKEN) as url:
        yield url


def open_broken(browser, broken_url: str, name: str, view: str = "1280px", **options):
    context = new_context(browser, view, **options)
    tab = context.new_page()
    tab.goto(f"{broken_url}{name}.html")
    return context, tab


def assert_reports(problems: list[str], *expected: str) -> None:
    for fragment in expected:
        assert any(fragment in problem for problem in problems), f"{fragment!r} not reported in {problems}"


def test_reflow_check_finds_sideways_scrolling(browser, broken_url):
    context, tab = open_broken(browser, broken_url, "reflow", "320px")
    problems = checks.reflow_problems(tab)
    context.close()
    assert_reports(problems, "the page scrolls sideways", 'div.matrix "Matrix1',
                   "has no role and accessible name", "text outside the page")


def test_text_spacing_check_finds_clipped_and_overlapping_text(browser, broken_url):
    context, tab = open_broken(browser, broken_url, "text-spacing")
    problems = checks.text_spacing_problems(tab)
    context.close()
    assert_reports(problems, "text cut off by div.fixed-box", "text overlaps")


def test_resize_text_check_finds_what_is_gone_at_200_percent(browser, broken_url):
    context, tab = open_broken(browser, broken_url, "zoom")
    normal = checks.page_offer(tab)
    context.close()
    context, tab = open_broken(browser, broken_url, "zoom", "200%")
    zoomed = checks.page_offer(tab)
    context.close()
    assert_reports(checks.resize_text_problems(normal, zoomed), "missing at 200 %: a wide-only.html Wide only",
                   "the content's text differs")


def test_focus_checks_find_hidden_uncovered_and_unmarked_focus(browser, broken_url):
    context, tab = open_broken(browser, broken_url, "focus")
    _seen, walked = checks.tab_walk(tab)
    hidden = checks.hidden_focusable_problems(tab)
    context.close()
    assert_reports(hidden, 'takes focus but is not on the page: a "Off-canvas link"')
    assert_reports(walked, 'focused element outside the viewport: a "Off-canvas link"',
                   'no visible focus indicator: a.no-ring "No ring"',
                   'covered by header.sticky', 'focus on an invisible element: a.transparent')


def test_focus_order_check_finds_a_trap_and_a_wrong_order(browser, broken_url):
    context, tab = open_broken(browser, broken_url, "order")
    _seen, problems = checks.tab_walk(tab)
    context.close()
    assert_reports(problems, "the first Tab stop is", "not the skip link", "is higher up the page than",
                   "comes after", "keyboard trap")


def test_drawer_check_finds_a_drawer_the_keyboard_cannot_open(browser, broken_url):
    context, tab = open_broken(browser, broken_url, "drawer", "320px")
    problems = checks.drawer_problems(tab, "#__toc", ".toc-drawer")
    context.close()
    assert_reports(problems, "the control that opens .toc-drawer cannot be reached with Tab")


def test_status_check_finds_a_message_outside_a_live_region(browser, broken_url):
    context = new_context(browser, "1280px")
    status = StatusMessage("search summary", "search.html", "p.search-summary")
    problems = checks.status_message_problems(context.new_page(), status, f"{broken_url}search.html")
    context.close()
    assert_reports(problems, "search summary: '3 pages found.' is not in a live region")


def test_forced_colours_check_finds_lost_edges_and_rings(browser, broken_url):
    context, tab = open_broken(browser, broken_url, "forced-colours", forced_colors="active")
    problems = checks.forced_colours_problems(tab)
    context.close()
    assert_reports(problems, 'no border or outline in forced colours, so not told apart from text: span.sd-badge',
                   "no border or outline in forced colours, so not told apart from text: button.flat",
                   "disabled control looks like an enabled one", "no focus outline in forced colours: a.shadow-ring")


def test_motion_check_finds_animations(browser, broken_url):
    context, tab = open_broken(browser, broken_url, "motion")
    problems = checks.motion_problems(tab)
    context.close()
    assert_reports(problems, "animation spin", "transition of transform", "smooth scrolling", "running animation")


def test_language_check_finds_unmarked_dutch(browser, broken_url):
    context, tab = open_broken(browser, broken_url, "language")
    problems = checks.language_of_parts_problems(tab)
    context.close()
    assert_reports(problems, 'untranslated text marked lang="en", not "nl"')


def test_help_check_finds_a_moved_or_missing_help_link(browser, broken_url):
    context = new_context(browser, "1280px")
    tab = context.new_page()
    places = {}
    for name in ("help-footer", "help-header", "language"):
        tab.goto(f"{broken_url}{name}.html")
        places[name] = checks.help_place(tab)
    context.close()
    assert_reports(checks.consistent_help_problems(places), "language: no help link",
                   "help link at ['header.top > nav.page-feedback']")
