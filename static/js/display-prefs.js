// Text size and contrast chosen on this device: kept in localStorage and set as a
// class on <html> before the page paints (loaded in the <head> of every page). The
// controls (templates/_display_prefs.html) are on the board, join and registration
// pages; without JavaScript they stay hidden, since nothing could remember the choice.
(function () {
  "use strict";
  const KEY = "codesign-display";
  const SIZES = ["large", "largest"];
  const html = document.documentElement;
  let prefs = {};
  try {
    prefs = JSON.parse(window.localStorage.getItem(KEY)) || {};
  } catch (error) {
    prefs = {};
  }

  function apply() {
    SIZES.forEach((size) => html.classList.toggle(`text-${size}`, prefs.size === size));
    html.classList.toggle("contrast-high", Boolean(prefs.contrast));
  }

  function save(box) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(prefs));
    } catch (error) {
      // Private browsing may refuse storage: the choice then lasts for this page only.
    }
    apply();
    show(box);
  }

  function show(box) {
    box.querySelectorAll("[data-text-size]").forEach((button) => {
      const pressed = button.dataset.textSize === (prefs.size || "");
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
    });
    box.querySelector("[data-contrast]").setAttribute("aria-pressed", prefs.contrast ? "true" : "false");
  }

  apply();
  document.addEventListener("DOMContentLoaded", () => {
    const box = document.getElementById("display-prefs");
    if (!box) return;
    box.querySelectorAll("[data-text-size]").forEach((button) => {
      button.addEventListener("click", () => {
        prefs.size = button.dataset.textSize;
        save(box);
      });
    });
    box.querySelector("[data-contrast]").addEventListener("click", () => {
      prefs.contrast = !prefs.contrast;
      save(box);
    });
    show(box);
    box.hidden = false;
  });
})();
