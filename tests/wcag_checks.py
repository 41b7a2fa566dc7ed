"""WCAG 2.2 AA checks that axe-core cannot decide, run in a real Chromium page (Playwright, sync API).

Each check looks at the page that is open and returns a list of problems (readable strings); an empty list
means the page passes. They know nothing about the handbook except the furo class names of its page parts
(``REGIONS``, ``DRAWERS``), so the same functions run on the published site (tests/test_wcag.py) and on the
deliberately broken pages in tests/roots/test-wcag-broken/ that prove each check can fail.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable

# page parts in the order keyboard focus must visit them (2.4.3), as furo marks them up
REGIONS = [("skip link", ".skip-to-content"), ("header", ".mobile-header"), ("navigation", ".sidebar-drawer"),
           ("content", ".content"), ("page contents", ".toc-drawer")]
# furo's drawers: (checkbox that opens it, the drawer)
DRAWERS = [("#__navigation", ".sidebar-drawer"), ("#__toc", ".toc-drawer")]
# WCAG 1.4.12's values; paragraph spacing is two times the font size
TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

# shared JavaScript: what is focusable, rendered, how to name an element in a report
JS_HELPERS = r"""
const FOCUSABLE = 'a[href], area[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), '
  + 'select:not([disabled]), textarea:not([disabled]), summary, iframe, [tabindex], [contenteditable="true"]';
const rendered = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true});
const clippedAway = el => {  // visually hidden on purpose (clip / clip-path on the element or an ancestor)
  for (let e = el; e && e !== document.body; e = e.parentElement) {
    const s = getComputedStyle(e);
    if ((s.clip && s.clip !== "auto") || (s.clipPath && s.clipPath !== "none")) return true;
  }
  return false;
};
const describe = el => {
  if (!el || el.nodeType !== 1) return String(el);
  let s = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + [...el.classList].map(c => "." + c).join("");
  const text = (el.getAttribute("aria-label") || el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
  return text ? `${s} "${text}"` : s;
};
const inFixed = el => {
  for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).position === "fixed") return true;
  return false;
};
const scrollsSideways = el => {
  const s = getComputedStyle(el);
  return ["auto", "scroll"].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1;
};
const accessibleName = el => {
  const labelledby = (el.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean)
    .map(id => document.getElementById(id)?.textContent.trim() || "").join(" ").trim();
  return labelledby || (el.getAttribute("aria-label") || "").trim();
};
const textRects = root => {  // the line boxes of every visible text node under root, with their element
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || ["SCRIPT", "STYLE", "NOSCRIPT"].includes(el.tagName)) continue;
    if (el.closest("svg") || !rendered(el) || clippedAway(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) out.push({node, el, r});
  }
  return out;
};
"""


def _run(page, body: str, arg=None):
    """Evaluate ``body`` (JavaScript with ``arg`` in scope) after the shared helpers."""
    return page.evaluate(f"(arg) => {{ {JS_HELPERS}\n{body} }}", arg)


# --- 1.4.10 reflow ----------------------------------------------------------------------------------------------

REFLOW = r"""
const problems = [];
const width = document.documentElement.clientWidth;
const sideways = document.documentElement.scrollWidth - width;
if (sideways > 0) problems.push(`the page scrolls sideways by ${sideways} px at ${innerWidth} px wide`);
const scrollers = [...document.querySelectorAll("body *")].filter(el => rendered(el) && scrollsSideways(el));
for (const el of scrollers) {
  const reasons = [];
  if (el.getAttribute("tabindex") !== "0") reasons.push("cannot be reached with the keyboard (no tabindex=0)");
  if (!el.getAttribute("role") || !accessibleName(el)) reasons.push("has no role and accessible name");
  if (reasons.length) problems.push(`${describe(el)} scrolls sideways but ${reasons.join(" and ")}`);
}
// text cut off at the side of the page (an ancestor hides the overflow), unless it is in a scrolling region
for (const {el, r} of textRects(document.body)) {
  const left = r.left + scrollX, right = r.right + scrollX;
  if ((right <= width + 1 && left >= -1) || scrollers.some(s => s.contains(el))) continue;
  if (inFixed(el)) continue;  // drawers and bars fixed to the window: the focus checks cover them
  problems.push(`text outside the page (x ${Math.round(left)}..${Math.round(right)} of ${width} px): ${describe(el)}`);
  if (problems.length > 20) break;
}
return problems;
"""


def reflow_problems(page) -> list[str]:
    """1.4.10: the page never scrolls sideways; a region that does scroll sideways is reachable with the
    keyboard (tabindex=0) and has a role and an accessible name; no text is pushed off the side."""
    return _run(page, REFLOW)


# --- 1.4.12 text spacing -------------------------------------------------------------------------------------

TEXT_SPACING = r"""
const problems = [];
for (const el of document.querySelectorAll("body *")) {
  if (!rendered(el) || clippedAway(el) || el.closest("svg")) continue;
  const s = getComputedStyle(el);
  const hides = v => v === "hidden" || v === "clip";
  if (!hides(s.overflowX) && !hides(s.overflowY) && s.textOverflow !== "ellipsis") continue;
  if (el.clientWidth < 3 || el.clientHeight < 3 || !el.textContent.trim()) continue;
  const cutX = hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1;
  const cutY = hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
  if ((cutX || cutY) && textRects(el).some(({r}) => {
    const box = el.getBoundingClientRect();
    return r.right > box.right + 1 || r.bottom > box.bottom + 1 || r.left < box.left - 1 || r.top < box.top - 1;
  })) problems.push(`text cut off by ${describe(el)}`);
}
// overlapping lines of text from different text nodes (sorted by top, compared with the lines near them);
// bars and buttons fixed to the window lie over the text on purpose (2.4.11 is checked on focus)
const rects = textRects(document.body).filter(({el}) => !inFixed(el)).sort((a, b) => a.r.top - b.r.top);
const seen = new Set();
for (let i = 0; i < rects.length; i++) {
  for (let j = i + 1; j < rects.length && rects[j].r.top < rects[i].r.bottom; j++) {
    const a = rects[i], b = rects[j];
    if (a.node === b.node) continue;
    const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
    const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
    if (w > 2 && h > 2) {
      const key = describe(a.el) + " / " + describe(b.el);
      if (!seen.has(key)) { seen.add(key); problems.push(`text overlaps: ${key}`); }
    }
  }
}
return problems;
"""


def text_spacing_problems(page) -> list[str]:
    """1.4.12: with WCAG's spacing (line height 1.5, paragraphs 2, letters 0.12, words 0.16 times the font
    size) no text is cut off by a box that hides its overflow, and no two lines of text overlap."""
    to_top_of_page(page)  # nothing focused, nothing scrolled under the sticky header
    page.evaluate("() => document.activeElement?.blur()")
    page.add_style_tag(content=TEXT_SPACING_CSS)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return _run(page, TEXT_SPACING)


# --- 1.4.4 resize text: what a page offers ---------------------------------------------------------------------

OFFER = r"""
// every function (link, button, field) and the text of the content, as a reader can get at them: rendered,
// or inside a closed drawer whose toggle is on screen and can be focused
const drawerOpenable = {};
for (const [toggle, drawer] of arg) {
  const labels = [...document.querySelectorAll(`label[for="${toggle.slice(1)}"]`)].filter(l => !l.matches(".overlay"));
  drawerOpenable[drawer] = labels.some(l => rendered(l) && l.tabIndex >= 0);
}
const functions = [];
for (const el of document.querySelectorAll(FOCUSABLE)) {
  if (el.tabIndex < 0 || el.closest("[inert]")) continue;
  const drawer = arg.map(([, d]) => d).find(d => el.closest(d));
  const reachable = (rendered(el) && !clippedAway(el)) || (drawer && drawerOpenable[drawer]);
  if (!reachable) continue;
  functions.push(`${el.tagName.toLowerCase()} ${el.getAttribute("href") || ""} ${(el.textContent || el.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ")}`.trim());
}
const main = document.querySelector('[role="main"], main');
return {functions: [...new Set(functions)].sort(), text: main ? main.innerText.replace(/\s+/g, " ").trim() : ""};
"""


def page_offer(page) -> dict:
    return _run(page, OFFER, [list(d) for d in DRAWERS])


def resize_text_problems(normal: dict, zoomed: dict) -> list[str]:
    """1.4.4: at 200 % zoom the content's text and every function of the page at 100 % are still there
    (on screen, or in a drawer that a visible control opens)."""
    problems = [f"missing at 200 %: {name}" for name in normal["functions"] if name not in zoomed["functions"]]
    if normal["text"] != zoomed["text"]:
        problems.append("the content's text differs at 200 %")
    return problems


# --- 2.4.7 / 2.4.11 / 2.1.2 / 2.4.3: the keyboard -----------------------------------------------------------------

FOCUS_STATE = r"""
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return null;
const r = el.getBoundingClientRect();
const s = getComputedStyle(el);
const vw = document.documentElement.clientWidth, vh = innerHeight;
const visW = Math.max(0, Math.min(r.right, vw) - Math.max(r.left, 0));
const visH = Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
const shown = r.width * r.height > 0 ? (visW * visH) / (Math.min(r.width, vw) * Math.min(r.height, vh)) : 0;
let coveredBy = null;
if (visW > 0 && visH > 0) {
  const x = Math.max(r.left, 0) + visW / 2, y = Math.max(r.top, 0) + visH / 2;
  const hit = document.elementFromPoint(x, y);
  if (hit && hit !== el && !el.contains(hit) && !hit.contains(el)) coveredBy = describe(hit);
}
const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 && !/rgba\(.*, 0\)$/.test(s.outlineColor);
const region = arg.findIndex(([, selector]) => el.closest(selector));
return {
  id: describe(el) + "@" + [...document.querySelectorAll("*")].indexOf(el),
  name: describe(el), rendered: rendered(el), shown, coveredBy, region,
  indicator: outline || (s.boxShadow && s.boxShadow !== "none"),
  top: r.top + scrollY, left: r.left + scrollX,
  box: {x: r.left, y: r.top, width: r.width, height: r.height},
};
"""


def to_top_of_page(page) -> None:
    """Scroll to the top and let the next Tab start at the beginning of the document (after a blur(),
    Chromium would go on from the element that had focus)."""
    page.evaluate("""() => {
      const start = document.createElement("span");
      start.tabIndex = -1;
      document.body.prepend(start);
      start.focus({preventScroll: true});
      start.remove();
      window.scrollTo(0, 0);
    }""")


def _indicator_by_picture(page, box: dict) -> bool:
    """No outline or shadow in the computed style: compare pictures of the element with and without focus."""
    viewport = page.viewport_size
    x, y = max(box["x"] - 6, 0), max(box["y"] - 6, 0)
    clip = {"x": x, "y": y, "width": max(min(box["width"] + 12, viewport["width"] - x), 1),
            "height": max(min(box["height"] + 12, viewport["height"] - y), 1)}
    focused = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("() => { window.__wcagFocused = document.activeElement; document.activeElement.blur(); }")
    unfocused = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("() => window.__wcagFocused.focus()")
    return focused != unfocused


def tab_walk(page, limit: int = 600) -> tuple[list[dict], list[str]]:
    """Tab from the top of a freshly loaded page (or one where an element has focus) to its end. The
    focused elements in order, and the problems:
    2.4.7 focus visible (a focus indicator: outline, shadow, or a visible change), 2.4.11 focus not obscured
    (inside the viewport, centre not covered by another element such as a sticky header, drawer or the
    back-to-top button), 2.1.2 no keyboard trap (the walk reaches the end), 2.4.3 focus order (the page parts
    in ``REGIONS`` order, starting with the skip link; in the content, never back up the page)."""
    if page.evaluate("() => document.activeElement !== document.body"):
        to_top_of_page(page)  # fresh from goto() the first Tab goes to the first element in tab order
    seen: list[dict] = []
    problems: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = _run(page, FOCUS_STATE, REGIONS)
        if state is None:
            break  # focus left the document: the end of the page
        if seen and state["id"] == seen[0]["id"]:
            break  # wrapped round to the start
        if any(state["id"] == earlier["id"] for earlier in seen):
            problems.append(f"keyboard trap: focus came back to {state['name']} before the end of the page")
            break
        seen.append(state)
        where = f"{state['name']}"
        if not state["rendered"]:
            problems.append(f"focus on an invisible element: {where}")
            continue
        if state["shown"] < 0.5:
            problems.append(f"focused element outside the viewport: {where} at {state['box']}")
            continue
        if state["coveredBy"]:
            problems.append(f"focused element covered by {state['coveredBy']}: {where}")
        if not state["indicator"] and not _indicator_by_picture(page, state["box"]):
            problems.append(f"no visible focus indicator: {where}")
    else:
        problems.append(f"keyboard trap: no end of the page after {limit} presses of Tab")
    problems += focus_order_problems(seen)
    return seen, problems


def focus_order_problems(seen: list[dict]) -> list[str]:
    problems = []
    if seen and seen[0]["region"] != 0:
        problems.append(f"the first Tab stop is {seen[0]['name']}, not the skip link")
    names = [name for name, _selector in REGIONS]
    for before, after in zip(seen, seen[1:]):
        if after["region"] < 0:
            problems.append(f"focus order: {after['name']} is outside the page parts {names}")
        elif after["region"] < before["region"]:
            problems.append(f"focus order: {after['name']} ({names[after['region']]}) comes after "
                            f"{before['name']} ({names[before['region']]})")
        elif after["region"] == before["region"] == names.index("content") and after["top"] < before["top"] - 48:
            problems.append(f"focus order: {after['name']} is higher up the page than {before['name']}, before it")
    return problems


# --- closed drawers take no focus, open ones do --------------------------------------------------------------------

HIDDEN_FOCUSABLE = r"""
// every element that accepts focus must be on the page: not off-canvas, not of zero size, not invisible
const problems = [];
const before = document.activeElement;
const width = document.documentElement.scrollWidth, height = document.documentElement.scrollHeight;
const onPage = el => {
  const r = el.getBoundingClientRect(), left = r.left + scrollX, top = r.top + scrollY;
  return rendered(el) && r.width * r.height > 0 && left + r.width > 0 && left < width && top + r.height > 0 && top < height;
};
// elements in a scrolling box that is itself on the page are scrolled into view on focus
const scrollers = [...document.querySelectorAll("body *")].filter(el => {
  const s = getComputedStyle(el);
  return (["auto", "scroll"].includes(s.overflowX) || ["auto", "scroll"].includes(s.overflowY)) && onPage(el);
});
for (const el of document.querySelectorAll(FOCUSABLE)) {
  if (el.tabIndex < 0) continue;
  el.focus({preventScroll: true});
  if (document.activeElement !== el) continue;
  if (clippedAway(el) && !el.matches(":focus-within")) continue;
  if (scrollers.some(s => s.contains(el))) continue;
  if (!onPage(el)) {
    const r = el.getBoundingClientRect();
    problems.push(`takes focus but is not on the page: ${describe(el)} (x ${Math.round(r.left)}, width ${innerWidth})`);
  }
}
before?.focus?.({preventScroll: true});
if (before === document.body) document.activeElement?.blur();
return problems;
"""


def hidden_focusable_problems(page) -> list[str]:
    """2.4.7 / 2.4.11: nothing that is off-canvas (a closed drawer), of zero size or invisible accepts focus
    (elements hidden only for the eye, with ``clip``, count when they show themselves on focus)."""
    return _run(page, HIDDEN_FOCUSABLE)


def drawer_problems(page, toggle: str, drawer: str) -> list[str]:
    """An open drawer's links take focus: the drawer's toggle is reached with Tab and opens on Enter,
    focus moves into the drawer, Tab walks its links (each one on screen), Escape closes it and gives
    focus back to the toggle."""
    label = f'label[for="{toggle.lstrip("#")}"]:not(.overlay)'
    reached, _presses = tab_walk_until(page, label)
    if not reached:
        return [f"the control that opens {drawer} cannot be reached with Tab"]
    page.keyboard.press("Enter")
    page.wait_for_timeout(50)
    problems = []
    if not page.evaluate(f"() => document.querySelector('{toggle}').checked"):
        return [f"Enter on the toggle does not open {drawer}"]
    inside = 0
    for _ in range(80):
        state = _run(page, FOCUS_STATE, REGIONS)
        in_drawer = page.evaluate(f"() => !!document.activeElement.closest('{drawer}')")
        if not in_drawer:
            break
        inside += 1
        if state["shown"] < 0.5 or state["coveredBy"]:
            problems.append(f"in the open drawer, {state['name']} is not on screen or covered by {state['coveredBy']}")
        page.keyboard.press("Tab")
    if inside == 0:
        problems.append(f"focus does not move into the open drawer {drawer}")
    if page.evaluate(f"() => document.querySelector('{toggle}').checked"):
        problems.append(f"{drawer} stays open (over the page) once focus has left it")
    return problems


def tab_walk_until(page, selector: str, limit: int = 200) -> tuple[bool, int]:
    to_top_of_page(page)
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return True, presses
        if page.evaluate("() => document.activeElement === document.body"):
            break
    return False, limit


# --- 4.1.3 status messages --------------------------------------------------------------------------------------

# an init script: live regions that exist when the document has loaded (a live region added together with
# its message is not announced reliably); page scripts registered later run after it
MARK_LIVE_REGIONS = """
document.addEventListener("DOMContentLoaded", () => {
  const live = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]';
  for (const region of document.querySelectorAll(live)) region.dataset.wcagLiveAtLoad = "";
});
"""


@dataclass
class StatusMessage:
    """A message that tells the reader what happened: ``path`` (from the edition's root, {lang} not needed),
    ``act`` what the reader does on that page (nothing: the message comes with the page, as search results
    do), ``message`` the element that shows it."""
    name: str
    path: str
    message: str
    act: Callable | None = None


def status_message_problems(page, status: StatusMessage, url: str) -> list[str]:
    """4.1.3: once ``status.act`` is done, the message's text is read out: it is in a live region
    (aria-live, role=status/alert/log) that was already there when the page loaded."""
    page.context.add_init_script(MARK_LIVE_REGIONS)
    page.goto(url)
    before = ""  # a message that comes with the page (search results) may be complete once goto() returns
    if status.act:
        before = page.evaluate("s => document.querySelector(s)?.textContent.trim() ?? ''", status.message)
        status.act(page)
    page.wait_for_function("([s, before]) => { const t = document.querySelector(s)?.textContent.trim() ?? '';"
                           " return t !== '' && t !== before; }", arg=[status.message, before], timeout=15000)
    text = page.evaluate("s => document.querySelector(s).textContent.replace(/\\s+/g, ' ').trim()", status.message)
    try:
        page.wait_for_function("text => [...document.querySelectorAll('[data-wcag-live-at-load]')].some("
                               "r => r.textContent.replace(/\\s+/g, ' ').includes(text))", arg=text, timeout=3000)
    except Exception:  # playwright's TimeoutError: reported as a problem, not an error
        return [f"{status.name}: {text!r} is not in a live region that was there when the page loaded"]
    return []


# --- forced colours, reduced motion, language of parts, consistent help ----------------------------------------------

FORCED_COLOURS = r"""
const problems = [];
const edge = el => {
  const s = getComputedStyle(el);
  const side = ["Top", "Right", "Bottom", "Left"].some(d => s[`border${d}Style`] !== "none" && parseFloat(s[`border${d}Width`]) >= 1);
  return side || (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1);
};
const controls = ['.sd-badge', '.sd-btn', 'button', '[role="button"]', 'input[type="submit"]', 'input[type="search"]',
                  'input[type="text"]', 'select', 'textarea', 'input[type="checkbox"]', 'input[type="radio"]'];
for (const el of document.querySelectorAll(controls.join(", "))) {
  if (!rendered(el) || clippedAway(el) || el.closest("label.nav-overlay-icon, label.toc-overlay-icon, .theme-toggle-container")) continue;
  if (el.matches('input[type="checkbox"], input[type="radio"]')) {
    if (getComputedStyle(el).appearance === "none" && !edge(el)) problems.push(`checkbox without an edge: ${describe(el)}`);
    continue;
  }
  if (!edge(el)) problems.push(`no border or outline in forced colours, so not told apart from text: ${describe(el)}`);
}
const enabled = [...document.querySelectorAll(".sd-btn:not([disabled]):not([aria-disabled='true']), button:not([disabled])")]
  .filter(rendered);
const enabledColours = new Set(enabled.map(el => getComputedStyle(el).color));
enabledColours.add(getComputedStyle(document.body).color);
for (const el of document.querySelectorAll("button[disabled], .sd-btn[aria-disabled='true']")) {
  if (rendered(el) && enabledColours.has(getComputedStyle(el).color))
    problems.push(`disabled control looks like an enabled one (${getComputedStyle(el).color}): ${describe(el)}`);
}
return problems;
"""

FOCUS_RING = r"""
// keyboard focus on each kind of control; in forced colours a shadow is not drawn, so the ring is an outline
const problems = [];
const kinds = new Map();
for (const el of document.querySelectorAll(FOCUSABLE)) {
  if (el.tabIndex < 0 || !rendered(el) || clippedAway(el)) continue;
  const kind = el.tagName + "." + [...el.classList].sort().join(".");
  if (!kinds.has(kind)) kinds.set(kind, el);
}
for (const el of kinds.values()) {
  el.focus({preventScroll: true});
  if (document.activeElement !== el) continue;
  const s = getComputedStyle(el);
  if (s.outlineStyle === "none" || parseFloat(s.outlineWidth) < 1)
    problems.push(`no focus outline in forced colours: ${describe(el)}`);
}
document.activeElement?.blur();
return problems;
"""


def forced_colours_problems(page) -> list[str]:
    """Forced colours (Chromium's emulation, as Windows' contrast themes): badges, buttons, fields and
    checkboxes keep an edge, a disabled control has another colour than the enabled ones, and every kind
    of focusable element gets a focus outline (backgrounds and shadows are dropped in this mode)."""
    problems = _run(page, FORCED_COLOURS)
    page.keyboard.press("Tab")  # keyboard modality, so that focus() below shows :focus-visible styles
    return problems + _run(page, FOCUS_RING)


MOTION = r"""
const problems = [];
const seconds = v => Math.max(...v.split(",").map(t => parseFloat(t) * (t.trim().endsWith("ms") ? 0.001 : 1)));
const moving = new Set();
for (const el of [document.documentElement, ...document.querySelectorAll("body *")]) {
  for (const pseudo of [null, "::before", "::after"]) {
    const s = getComputedStyle(el, pseudo);
    const what = describe(el) + (pseudo || "");
    if (s.animationName !== "none" && seconds(s.animationDuration) > 0.01) moving.add(`animation ${s.animationName}: ${what}`);
    if (s.transitionProperty !== "none" && seconds(s.transitionDuration) > 0.01) moving.add(`transition of ${s.transitionProperty}: ${what}`);
    if (!pseudo && s.scrollBehavior === "smooth") moving.add(`smooth scrolling: ${what}`);
  }
}
for (const animation of document.getAnimations()) {
  if (animation.playState === "running") moving.add(`running animation on ${describe(animation.effect?.target)}`);
}
return [...moving];
"""


def motion_problems(page) -> list[str]:
    """Reduced motion: with prefers-reduced-motion nothing animates, slides or scrolls smoothly (computed
    animation and transition durations of every element and its ::before/::after, and running animations)."""
    return _run(page, MOTION)


LANGUAGE_OF_PARTS = r"""
const problems = [];
for (const el of document.querySelectorAll(".untranslated")) {
  const lang = el.closest("[lang]")?.getAttribute("lang");
  if (lang !== arg) problems.push(`untranslated text marked lang=${JSON.stringify(lang)}, not "${arg}": ${describe(el)}`);
}
return problems;
"""


def language_of_parts_problems(page, source_language: str = "nl") -> list[str]:
    """3.1.2: text shown untranslated (the translation fallback marks it ``untranslated``) carries the
    source language, so that a screen reader pronounces it in Dutch."""
    return _run(page, LANGUAGE_OF_PARTS, source_language)


HELP_PLACE = r"""
// where the help link sits: its chain of parents (tag and classes) up to body, the same on every page
return [...document.querySelectorAll(".page-feedback")].filter(rendered).map(el => {
  const chain = [];
  for (let e = el; e && e !== document.body; e = e.parentElement)
    chain.unshift(e.tagName.toLowerCase() + [...e.classList].sort().map(c => "." + c).join(""));
  return chain.join(" > ");
});
"""


def help_place(page) -> list[str]:
    return _run(page, HELP_PLACE)


def consistent_help_problems(places: dict[str, list[str]]) -> list[str]:
    """3.2.6: the help (feedback) link is on every page and in the same place: ``places`` maps each page
    to where its help links sit (help_place)."""
    problems = [f"{path}: no help link" for path, found in places.items() if not found]
    layouts = Counter(tuple(found) for found in places.values() if found)
    if len(layouts) > 1:
        usual = layouts.most_common(1)[0][0]
        problems += [f"{path}: help link at {found}, on the other pages at {list(usual)}"
                     for path, found in places.items() if found and tuple(found) != usual]
    return problems
