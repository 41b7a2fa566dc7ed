// Filters of the instrument overview. Without this script the page is the full list; with it the list
// narrows at once, the address keeps the filter (?richtlijn=inkoop&fase=bouw), and the live region says
// how many instruments are shown.
(function () {
  "use strict";
  const form = document.querySelector("form.instrument-filters");
  if (!form) return;
  const items = Array.from(document.querySelectorAll("li.instrument"));
  const groups = Array.from(document.querySelectorAll("section.instrument-group"));
  const count = form.querySelector(".instrument-count");
  const fields = {
    // an instrument of several guidelines stands in each of their groups: the group decides
    richtlijn: (item, value) => item.closest("section.instrument-group").id === "instrumenten-" + value,
    fase: (item, value) => item.dataset.phases.split(" ").includes(value),
    soort: (item, value) => item.dataset.kind === value,
    status: (item, value) => item.dataset.status === value,
  };

  function chosen() {
    const values = {};
    for (const name of Object.keys(fields)) {
      const value = form.elements[name].value;
      if (value) values[name] = value;
    }
    return values;
  }

  function apply(announce) {
    const values = chosen();
    const shown = new Set();
    for (const item of items) {
      const visible = Object.entries(values).every(([name, value]) => fields[name](item, value));
      item.hidden = !visible;
      if (visible) shown.add(item.dataset.instrument);
    }
    for (const group of groups) {
      group.hidden = !group.querySelector("li.instrument:not([hidden])");
    }
    const template = shown.size === 1 ? form.dataset.countOne : form.dataset.countMany;
    const text = template.replace("{count}", String(shown.size));
    if (announce || count.textContent !== text) count.textContent = text;
    const query = new URLSearchParams(values).toString();
    history.replaceState(null, "", query ? "?" + query + location.hash : location.pathname + location.hash);
  }

  const params = new URLSearchParams(location.search);
  for (const name of Object.keys(fields)) {
    const value = params.get(name);
    const select = form.elements[name];
    if (value && Array.from(select.options).some((option) => option.value === value)) select.value = value;
  }
  form.addEventListener("change", () => apply(true));
  form.addEventListener("reset", () => setTimeout(() => apply(true), 0));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  apply(false);
})();
