/* Handbook behaviour on top of furo, for keyboard and screen-reader users (WCAG 2.2 AA; tests/test_wcag.py):
   - handbook.announce(text): a status message, read out through the page's live region (4.1.3);
   - the search summary is announced when the search has finished;
   - furo's drawers (navigation, "on this page") open and close with the keyboard, take focus when opened and
     close when focus leaves them (2.1.1, 2.4.3, 2.4.11);
   - a table wider than the column scrolls in a region of its own that has a name and takes focus (1.4.10). */
(function () {
  "use strict";
  var handbook = (window.handbook = window.handbook || {});

  // One live region per page (page.html), there from the start: a region added together with its message
  // is not read out reliably. Emptied first, so that the same message twice is still announced.
  handbook.announce = function (text) {
    var region = document.getElementById("handbook-status");
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 100);
  };

  // Sphinx's searchtools.js writes "N pages found" into p.search-summary once every result is listed.
  function announceSearchSummary() {
    var results = document.getElementById("search-results");
    if (!results) return;
    var last = "";
    new MutationObserver(function () {
      var summary = results.querySelector("p.search-summary");
      var text = summary ? summary.textContent.trim() : "";
      if (text && text !== last) {
        last = text;
        handbook.announce(text);
      }
    }).observe(results, {childList: true, subtree: true, characterData: true});
  }

  // furo opens its drawers with <label for="__navigation"> / <label for="__toc"> on a hidden checkbox,
  // which neither takes focus nor tells a screen reader what it does: make each label a button.
  function keyboardDrawer(checkboxId, drawerSelector) {
    var checkbox = document.getElementById(checkboxId);
    var drawer = document.querySelector(drawerSelector);
    if (!checkbox || !drawer) return;
    var toggles = document.querySelectorAll('label[for="' + checkboxId + '"]:not(.overlay)');
    // the first control that takes focus (furo hides some links, such as the page's own title in its contents)
    function focusFirst() {
      var candidates = drawer.querySelectorAll("a[href], input:not([type=hidden]), button");
      for (var i = 0; i < candidates.length; i++) {
        candidates[i].focus();
        if (document.activeElement === candidates[i]) return;
      }
    }
    var lastToggle = null;
    function sync() {
      toggles.forEach(function (toggle) { toggle.setAttribute("aria-expanded", String(checkbox.checked)); });
    }
    function close(returnFocus) {
      if (!checkbox.checked) return;
      checkbox.checked = false;
      sync();
      if (returnFocus && lastToggle) lastToggle.focus();
    }
    toggles.forEach(function (toggle) {
      toggle.setAttribute("role", "button");
      toggle.setAttribute("tabindex", "0");
      toggle.setAttribute("aria-label", checkbox.getAttribute("aria-label"));
      if (drawer.id) toggle.setAttribute("aria-controls", drawer.id);
      toggle.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        lastToggle = toggle;
        checkbox.click();
        // open: focus its first link once it is visible (the drawer becomes visible at once, then slides)
        if (checkbox.checked) window.requestAnimationFrame(focusFirst);
      });
    });
    checkbox.addEventListener("change", sync);
    sync();
    drawer.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close(true);
    });
    // focus leaving an open drawer (to the page, or past its last link out of the page) closes it: the drawer
    // and its overlay would otherwise cover what has focus
    drawer.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (next && (drawer.contains(next) || next.matches('label[for="' + checkboxId + '"]'))) return;
      close(false);
    });
  }

  // A table wider than its column scrolls sideways in its own region; it is named after its caption or the
  // heading above it, and takes focus so that keyboard users can scroll it (only while it does scroll).
  function scrollRegions() {
    document.querySelectorAll('[role="main"] table').forEach(function (table) {
      var region = table.parentElement;
      if (!region.classList.contains("table-wrapper")) {
        region = document.createElement("div");
        region.className = "table-wrapper container";
        table.parentNode.insertBefore(region, table);
        region.appendChild(table);
      }
      region.classList.add("handbook-scroll-region");
      var caption = table.querySelector("caption");
      var section = table.closest("section");
      var heading = section && section.querySelector("h1, h2, h3, h4, h5, h6");
      var name = ((caption || heading || {}).textContent || "").trim().replace(/#$/, "").trim();
      function update() {
        if (region.scrollWidth > region.clientWidth + 1) {
          region.setAttribute("tabindex", "0");
          region.setAttribute("role", "region");
          region.setAttribute("aria-label", name);
        } else {
          ["tabindex", "role", "aria-label"].forEach(function (attribute) { region.removeAttribute(attribute); });
        }
      }
      // Chromium leaves a focused link that is partly scrolled out of the region where it is: bring it in whole
      region.addEventListener("focusin", function (event) {
        if (event.target !== region) event.target.scrollIntoView({block: "nearest", inline: "nearest"});
      });
      new ResizeObserver(update).observe(region);
      update();
    });
  }

  // The language menu (three or more editions): Escape closes it and returns focus to its button, as
  // a menu button does; so does a click elsewhere.
  function languageMenus() {
    document.querySelectorAll("details.language-menu").forEach(function (menu) {
      menu.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && menu.open) { menu.open = false; menu.querySelector("summary").focus(); }
      });
      document.addEventListener("click", function (event) {
        if (menu.open && !menu.contains(event.target)) menu.open = false;
      });
    });
  }

  function ready() {
    announceSearchSummary();
    languageMenus();
    keyboardDrawer("__navigation", ".sidebar-drawer");
    keyboardDrawer("__toc", ".toc-drawer");
    scrollRegions();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
