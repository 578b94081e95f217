// "Read aloud": the browser's own speech synthesis reads a text in the page's language,
// for people who read with difficulty. Nothing leaves the device. The page includes
// templates/_read_aloud.html, whose <template> holds the translated button and names
// (data-items) the texts that get one; texts added later (live cards) get one too.
(function () {
  "use strict";
  const template = document.getElementById("read-aloud-button");
  const speech = window.speechSynthesis;
  if (!template || !speech || !window.SpeechSynthesisUtterance) return;
  const selector = template.dataset.items;
  const language = (document.documentElement.lang || "en").toLowerCase();
  let speaking = null;

  // A voice whose language is the page's ("nl" matches "nl-NL" and "nl-BE").
  function voice() {
    return speech.getVoices().find((v) => v.lang.toLowerCase().split(/[-_]/)[0] === language);
  }

  function stop() {
    if (!speaking) return;
    speaking.setAttribute("aria-pressed", "false");
    speaking = null;
    speech.cancel();
  }

  function read(button, text) {
    const wasMine = speaking === button;
    stop();
    if (wasMine) return;
    const utterance = new window.SpeechSynthesisUtterance(text);
    utterance.lang = document.documentElement.lang;
    utterance.voice = voice() || null;
    const done = () => {
      if (speaking !== button) return;
      button.setAttribute("aria-pressed", "false");
      speaking = null;
    };
    utterance.onend = done;
    utterance.onerror = done;
    speaking = button;
    button.setAttribute("aria-pressed", "true");
    speech.speak(utterance);
  }

  function attach(text) {
    if (text.dataset.readAloud) return;
    text.dataset.readAloud = "1";
    const button = template.content.firstElementChild.cloneNode(true);
    button.hidden = !voice();
    // Many "Read aloud" buttons on a page: each one is described by its own text.
    if (text.id) button.setAttribute("aria-describedby", text.id);
    button.addEventListener("click", () => read(button, text.innerText.trim()));
    text.after(button);
  }

  function attachWithin(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (node.matches(selector)) attach(node);
    node.querySelectorAll(selector).forEach(attach);
  }

  attachWithin(document.body);
  new MutationObserver((records) => {
    records.forEach((record) => record.addedNodes.forEach(attachWithin));
  }).observe(document.body, { childList: true, subtree: true });
  // Browsers load their voices late; the buttons show once a voice for the page is there.
  speech.addEventListener("voiceschanged", () => {
    const hidden = !voice();
    document.querySelectorAll(".read-aloud").forEach((button) => { button.hidden = hidden; });
  });
})();
