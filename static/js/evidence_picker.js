// The evidence picker on the log entry form: searches as you type, without a reload.
// Without JavaScript the "Search" button posts the form, which only refreshes the list.
(function () {
  "use strict";
  const form = document.getElementById("entry-form");
  const picker = form && form.querySelector("[data-evidence-picker]");
  if (!picker) return;
  const results = document.getElementById("evidence-results");
  const searchButton = picker.querySelector("button[name=search]");
  let timer = null;
  let latest = 0;

  function searchUrl() {
    const params = new URLSearchParams();
    params.set("search", "1");
    for (const name of ["q", "board", "theme", "role"]) {
      const field = form.elements.namedItem(name);
      if (field && field.value) params.set(name, field.value);
    }
    for (const box of results.querySelectorAll("input[type=checkbox]:checked")) {
      params.append(box.name, box.value);
    }
    return window.location.pathname + "?" + params.toString();
  }

  async function search() {
    const ticket = ++latest;
    const response = await fetch(searchUrl(), { credentials: "same-origin" });
    if (!response.ok || ticket !== latest) return;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById("evidence-results");
    if (!fresh || ticket !== latest) return;
    results.replaceChildren(...fresh.childNodes);
    // Only the count is announced: re-reading every card after each search is noise.
    document.getElementById("evidence-count").textContent = fresh.dataset.summary;
  }

  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 300);
  }

  picker.querySelector("#picker-q").addEventListener("input", soon);
  for (const id of ["#picker-board", "#picker-theme", "#picker-role"]) {
    picker.querySelector(id).addEventListener("change", soon);
  }
  searchButton.addEventListener("click", function (event) {
    event.preventDefault();
    search();
  });
  picker.querySelector("#picker-q").addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      search();
    }
  });
})();
