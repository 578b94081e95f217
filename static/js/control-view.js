// The control view's own parts: the support badge and its alert, the live
// moderation record, the status region and where focus goes after a command.
import { cardNode, format } from "./board-live.js";

const ALERTS_KEY = "codesign.control.alerts";

export function countSupport(list, badge) {
  const count = list.querySelectorAll("li[data-support]").length;
  badge.dataset.count = String(count);
  badge.querySelector(".badge").textContent = String(count);
}

function beep() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return;
  const audio = new Context();
  const tone = audio.createOscillator();
  const volume = audio.createGain();
  tone.frequency.value = 660;
  volume.gain.value = 0.08;
  tone.connect(volume).connect(audio.destination);
  tone.start();
  tone.stop(audio.currentTime + 0.2);
  tone.onended = () => audio.close();
}

// Off by default and remembered per device: a beep in a quiet room is the
// facilitator's choice, not ours. Returns the function that gives the alert.
export function bindAlerts(button) {
  const stored = () => window.localStorage.getItem(ALERTS_KEY) === "on";
  const show = () => button.setAttribute("aria-pressed", stored() ? "true" : "false");
  button.addEventListener("click", () => {
    window.localStorage.setItem(ALERTS_KEY, stored() ? "off" : "on");
    show();
  });
  show();
  return () => {
    if (!stored()) return;
    beep();
    navigator.vibrate?.(200);
  };
}

export function recordModeration(list, event, strings) {
  const kind = event.name === "card.hidden" ? "hide" : "unhide";
  const at = new Date().toTimeString().slice(0, 5);
  const parts = [at, strings.moderation[kind], `“${event.data.text}”`];
  if (kind === "hide" && event.data.hidden_reason) parts.push(event.data.hidden_reason);
  list.querySelector(".moderation-empty")?.remove();
  const item = document.createElement("li");
  item.textContent = parts.join(" · ");
  list.prepend(item);
}

export function commandStatus(command, ack, strings) {
  const said = strings[command.type] || strings.done;
  return format(said, { round: ack.result?.round ?? "" });
}

// Hide, Show again, Assign, Lock and Unlock swap or move the control that had
// focus; this puts focus on the control that now does the opposite, in the same
// card for a card's actions.
const FOCUS_AFTER = {
  "card.hide": ".unhide-form button",
  "card.unhide": 'input[name="reason"]',
  "theme.assign": 'select[name="theme"]',
  "votes.lock": '[data-control="votes.unlock"] button',
  "votes.unlock": '[data-control="votes.lock"] button',
};

export class FocusKeeper {
  constructor(root) {
    this.root = root;
    this.pending = null;
  }

  expect(command) {
    const selector = FOCUS_AFTER[command.type];
    this.pending = selector ? { card: command.card, selector } : null;
  }

  settle() {
    if (!this.pending) return;
    const card = this.pending.card;
    const node = card ? cardNode(this.root, card) : this.root;
    const details = node?.querySelector("details.card-staff");
    if (card && details) details.open = true;
    const target = node?.querySelector(this.pending.selector);
    // Not yet shown: the event that shows it has not arrived.
    if (!target || !target.getClientRects().length) return;
    target.focus();
    this.pending = null;
  }
}

// When the handled request held focus, focus moves to the next request's
// button, or to the heading when none is left.
export function removeSupport(list, id) {
  const item = list.querySelector(`[data-support="${id}"]`);
  if (!item) return;
  const hadFocus = item.contains(document.activeElement);
  const next = item.nextElementSibling || item.previousElementSibling;
  item.remove();
  if (!hadFocus) return;
  const button = next?.querySelector("button");
  if (button) button.focus();
  else document.getElementById("support-title").focus();
}

export function readControlStrings() {
  return JSON.parse(document.getElementById("control-strings").textContent);
}
