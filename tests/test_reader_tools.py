"""What readers do with the instrument overview and the phase checklists, in Chromium on the built site:
filters (with and without JavaScript, by keyboard, in the address, announced), and checklists (tick, reload,
clear, keyboard only, without JavaScript, kept in localStorage only, announced)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

import sources
from browser_support import MODES

pytestmark = pytest.mark.browser


def visible_instruments(page) -> set[str]:
    return set(page.eval_on_selector_all("li.instrument:not([hidden])", "items => items.map(i => i.dataset.instrument)"))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_filters_narrow_the_list_at_once_and_keep_it_in_the_address(page, base_url, language):
    page.goto(f"{base_url}{language}/instrumenten.html")
    every = {card.id for card in sources.instruments()}
    assert visible_instruments(page) == every
    count = page.locator(".instrument-count")
    assert count.get_attribute("role") == "status" and count.get_attribute("aria-live") == "polite"

    page.select_option("select[name=richtlijn]", "inkoop")
    expected = {card.id for card in sources.instruments_of("inkoop")}
    assert visible_instruments(page) == expected
    assert count.text_content().startswith(str(len(expected)))
    assert page.locator("section.instrument-group:not([hidden])").count() == 1
    page.select_option("select[name=status]", "in ontwikkeling")
    expected = {card.id for card in sources.instruments_of("inkoop") if card.status == "in ontwikkeling"}
    assert visible_instruments(page) == expected and expected
    assert parse_qs(urlsplit(page.url).query) == {"richtlijn": ["inkoop"], "status": ["in ontwikkeling"]}

    # a shared address opens the same view
    page.goto(page.url)
    assert page.input_value("select[name=richtlijn]") == "inkoop"
    assert visible_instruments(page) == expected
    page.click("button[type=reset]")
    page.wait_for_function("document.querySelectorAll('li.instrument[hidden]').length === 0")
    assert urlsplit(page.url).query == ""


def test_filters_by_phase_and_kind_by_keyboard(page, base_url):
    page.goto(f"{base_url}nl/instrumenten.html")
    page.focus("select[name=fase]")
    page.keyboard.press("ArrowDown")  # Chromium changes a closed select with the arrow keys
    phase = page.input_value("select[name=fase]")
    assert phase == "verkenning"
    expected = {card.id for card in sources.instruments() if not card.phases or phase in card.phases}
    assert visible_instruments(page) == expected
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "soort"


def test_without_javascript_the_overview_is_the_full_list(browser, base_url):
    context = browser.new_context(**MODES["light"], java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}en/instrumenten.html?richtlijn=inkoop")
    assert page.locator("form.instrument-filters").is_hidden()
    assert page.locator("li.instrument").count() == sum(len(sources.instruments_of(g.slug)) for g in sources.guidelines())
    assert page.locator("li.instrument:visible").count() == page.locator("li.instrument").count()
    context.close()


def boxes(page):
    return page.locator("#fase-ontwerp ul.checklist input[type=checkbox]")


def test_checklist_ticks_survive_a_reload_and_can_be_cleared(page, base_url):
    page.goto(f"{base_url}nl/richtlijnen/inkoop/index.html")
    assert boxes(page).count() >= 3
    first, second = boxes(page).nth(0), boxes(page).nth(1)
    label = page.locator("#fase-ontwerp ul.checklist label").nth(0)
    assert label.get_attribute("for") == first.get_attribute("id")  # each box has its label
    label.click()  # the label ticks the box
    second.check()
    status = page.locator("#fase-ontwerp .checklist-status")
    assert status.text_content() == f"2 van {boxes(page).count()} afgevinkt"
    page.wait_for_function("document.getElementById('handbook-status').textContent.includes('2 van')")
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('handbook-checklist:'))")
    assert len(stored) == 1 and stored[0].endswith("#fase-ontwerp")
    assert page.evaluate("document.cookie") == ""

    page.reload()
    assert boxes(page).nth(0).is_checked() and boxes(page).nth(1).is_checked() and not boxes(page).nth(2).is_checked()
    assert not page.locator("#fase-verkenning ul.checklist input").nth(0).is_checked()  # one list per phase
    page.click("#fase-ontwerp .checklist-clear")
    assert not any(boxes(page).nth(i).is_checked() for i in range(boxes(page).count()))
    page.reload()
    assert not boxes(page).nth(0).is_checked()
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('handbook-checklist:'))") == []


def test_checklist_works_with_the_keyboard_only(page, base_url):
    page.goto(f"{base_url}en/fasen/bouw.html")
    first = page.locator("ul.checklist input[type=checkbox]").first
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    # a checkbox with a name (its label) and its state, as assistive technology reads it
    label = page.evaluate("box => box.labels[0].textContent.trim()", first.element_handle())
    assert label and page.get_by_role("checkbox", name=label, checked=True).count() == 1
    page.keyboard.press("Space")
    assert not first.is_checked()


def test_without_javascript_the_checklist_is_a_plain_list(browser, base_url):
    context = browser.new_context(**MODES["light"], java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}en/richtlijnen/inkoop/index.html")
    items = page.locator("#fase-ontwerp ul.checklist > li")
    assert items.count() >= 3 and page.locator("#fase-ontwerp input[type=checkbox]").count() == 0
    assert items.first.is_visible()
    context.close()


def test_printing_shows_the_ticks(page, base_url):
    page.goto(f"{base_url}nl/richtlijnen/inkoop/index.html")
    boxes(page).nth(0).check()
    page.emulate_media(media="print")
    assert boxes(page).nth(0).is_visible() and boxes(page).nth(0).get_attribute("checked") == "checked"
    assert page.locator("#fase-ontwerp .checklist-clear").is_hidden()
