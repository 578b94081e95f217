// Polls, scales and rankings on a live page. The server renders them with the same
// partials as without script (so it alone decides what each viewer sees); this module
// swaps that part of the page when an activity event arrives, sends answers over the
// live connection, and moves ranking items with Up and Down without a reload.

const SECTION = "[data-activities]";
const ANSWER_DELAY_MS = 1000;
// A whole room gets the same event at the same moment: pages whose section says
// data-spread (phones, the projector) fetch after a random wait up to this long, so
// the server gets a stream of small requests instead of one burst.
const SPREAD_MS = 1500;
let timer = null;
let due = 0;
let fetching = false;
let again = false;

// The section comes from the address it names (data-url): the part alone, not the page.
async function swapSection() {
  const url = document.querySelector(SECTION)?.dataset.url;
  if (!url) return;
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) return;
  const part = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = part.querySelector(SECTION);
  const old = document.querySelector(SECTION);
  if (!fresh || !old) return;
  // Focus stays where it was: the same control has the same id in the new part.
  const focused = old.contains(document.activeElement) ? document.activeElement.id : "";
  old.replaceWith(document.importNode(fresh, true));
  if (focused) document.getElementById(focused)?.focus();
}

// A failed fetch leaves the section as it was; the next event or a reload mends it.
async function run() {
  timer = null;
  if (fetching) {
    again = true;
    return;
  }
  fetching = true;
  try {
    await swapSection();
  } catch {
    // Offline or refused: nothing to swap.
  } finally {
    fetching = false;
    if (again) {
      again = false;
      refresh(0);
    }
  }
}

// Several events in a row (a storm of answers on the control view) cause one fetch;
// a fetch already on its way when an event arrives is followed by one more.
function refresh(delay) {
  const at = Date.now() + delay;
  if (timer !== null && due <= at) return;
  window.clearTimeout(timer);
  due = at;
  timer = window.setTimeout(run, delay);
}

function spread() {
  return document.querySelector(SECTION)?.hasAttribute("data-spread") ? Math.random() * SPREAD_MS : 0;
}

// After a snapshot the activities are shown as a fresh page load shows them.
export function refreshActivities() {
  refresh(0);
}

export function applyActivityEvent(event) {
  if (!event.name.startsWith("activity.")) return false;
  const own = event.name === "activity.answered" && event.data.mine;
  if (own) {
    const status = document.querySelector(`#activity-${event.data.id} .activity-status`);
    if (status) status.textContent = status.dataset.saved;
  } else {
    refresh(event.name === "activity.answered" ? ANSWER_DELAY_MS : spread());
  }
  return true;
}

function ranking(form) {
  return [...form.querySelectorAll('.ranking input[name="choice"]')].map((el) => Number(el.value));
}

function setEnds(list) {
  const items = [...list.children];
  items.forEach((item, n) => {
    item.querySelector('button[name="up"]').disabled = n === 0;
    item.querySelector('button[name="down"]').disabled = n === items.length - 1;
  });
}

// Moves the item and keeps focus on its button, or on the other one at an end.
function move(button) {
  const item = button.closest("li");
  const list = item.parentElement;
  if (button.name === "up" && item.previousElementSibling) list.insertBefore(item, item.previousElementSibling);
  if (button.name === "down" && item.nextElementSibling) list.insertBefore(item.nextElementSibling, item);
  setEnds(list);
  const other = item.querySelector(`button[name="${button.name === "up" ? "down" : "up"}"]`);
  (button.disabled ? other : button).focus();
}

function choices(form) {
  if (form.querySelector(".ranking")) return ranking(form);
  return [...form.querySelectorAll('input[name="choice"]:checked')].map((el) => Number(el.value));
}

export function bindActivities(live) {
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.classList.contains("activity-form")) return;
    event.preventDefault();
    const button = event.submitter;
    if (button && (button.name === "up" || button.name === "down")) move(button);
    live.send({ type: "activity.answer", activity: Number(form.elements.activity.value), choice: choices(form) });
  });
}
