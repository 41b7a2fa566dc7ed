// Checklists of the phases (render/phases.py). The HTML is a plain list; this script turns each item into
// a labelled checkbox, keeps the ticks in this browser only (localStorage: no cookie, no server; one entry
// per list of this page), adds a button that clears them, and tells screen readers how many are ticked
// (through the page's live region, handbook.announce in handbook.js; the line under the list shows it).
(function () {
  "use strict";
  let storage = null;
  try {
    storage = window.localStorage;
    storage.getItem("handbook-test");
  } catch (error) {
    storage = null; // storage blocked: the boxes still work, they are just not remembered
  }
  const page = location.pathname.replace(/index\.html$/, "");

  document.querySelectorAll("ul.checklist").forEach(function (list, listIndex) {
    const key = "handbook-checklist:" + page + "#" + list.dataset.checklist;
    let ticked = [];
    try {
      ticked = JSON.parse((storage && storage.getItem(key)) || "[]");
    } catch (error) {
      ticked = [];
    }
    const boxes = [];
    Array.from(list.children).forEach(function (item, index) {
      const paragraph = item.querySelector("p") || item;
      const id = "checklist-" + listIndex + "-" + index;
      const box = document.createElement("input");
      box.type = "checkbox";
      box.id = id;
      box.checked = ticked.includes(index);
      if (box.checked) box.setAttribute("checked", "checked"); // printed pages show the tick too
      const label = document.createElement("label");
      label.htmlFor = id;
      while (paragraph.firstChild) label.appendChild(paragraph.firstChild);
      paragraph.appendChild(box);
      paragraph.appendChild(label);
      item.classList.add("checklist-item");
      boxes.push(box);
    });
    list.classList.add("checklist--interactive");

    const controls = document.createElement("div");
    controls.className = "checklist-controls";
    const status = document.createElement("p");
    status.className = "checklist-status";
    const clear = document.createElement("button");
    clear.type = "button";
    clear.className = "checklist-clear";
    clear.textContent = list.dataset.clear;
    controls.appendChild(clear);
    controls.appendChild(status);
    list.after(controls);

    function describe() {
      const checked = boxes.filter((box) => box.checked).length;
      return list.dataset.done.replace("{checked}", checked).replace("{total}", boxes.length);
    }
    function save() {
      const indexes = boxes.map((box, index) => (box.checked ? index : -1)).filter((index) => index >= 0);
      boxes.forEach((box) => (box.checked ? box.setAttribute("checked", "checked") : box.removeAttribute("checked")));
      try {
        if (!storage) return;
        if (indexes.length) storage.setItem(key, JSON.stringify(indexes));
        else storage.removeItem(key);
      } catch (error) {
        // full or blocked: nothing to do
      }
    }
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        save();
        tell(describe());
      });
    });
    clear.addEventListener("click", function () {
      boxes.forEach((box) => (box.checked = false));
      save();
      tell(describe());
    });
    function tell(text) {
      status.textContent = text;
      if (window.handbook && window.handbook.announce) window.handbook.announce(text);
    }
  });
})();
