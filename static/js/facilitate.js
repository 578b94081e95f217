// The facilitator's control panel on their own device: cards, votes, themes,
// presence by role and support requests, kept live; the controls send commands.
import {
  BoardLive, applyBoardEvent, applySettings, applySnapshotCards, bindControls, format,
  readStrings, showStatus,
} from "./board-live.js";
import { showPresence } from "./presence.js";

const root = document.getElementById("board");
const strings = readStrings();
const errors = document.getElementById("board-errors");
const announcer = document.getElementById("announcer");
const supportList = document.getElementById("support-list");

function announce(text) {
  announcer.textContent = "";
  window.setTimeout(() => { announcer.textContent = text; }, 50);
}

function supportItem(support) {
  const template = supportList.querySelector("li[data-support] form");
  const item = document.createElement("li");
  item.dataset.support = String(support.id);
  const text = document.createElement("span");
  text.className = "support-text";
  const role = (strings.roles || {})[support.role] || support.role;
  text.textContent = `${support.name || strings.anonymous} (${role})${support.message ? `: ${support.message}` : ""}`;
  item.appendChild(text);
  if (template) {
    const form = template.cloneNode(true);
    form.querySelector('input[name="support"]').value = String(support.id);
    item.appendChild(form);
  }
  return item;
}

function onSupport(event) {
  const data = event.data;
  supportList.querySelector(`[data-support="${data.id}"]`)?.remove();
  if (event.name === "support.requested") {
    supportList.querySelector(".support-empty")?.remove();
    supportList.appendChild(supportItem(data));
    announce(format(strings.support_new, { name: data.name || strings.anonymous, message: data.message }));
  }
}

function onEvent(event) {
  if (event.name.startsWith("support.")) onSupport(event);
  else applyBoardEvent(root, event, strings);
}

let clearForm = () => {};
const live = new BoardLive(root, {
  event: onEvent,
  presence: showPresence,
  ack: (ack) => {
    errors.textContent = "";
    clearForm(ack);
  },
  error: (error) => { errors.textContent = error.message; },
  snapshot: (board) => {
    applySnapshotCards(root, board, strings);
    applySettings(root, board, strings);
  },
  status: (status) => showStatus(root, status, strings),
});
clearForm = bindControls(live);
applySettings(root, {
  state: root.dataset.state,
  ...JSON.parse(document.getElementById("board-settings").textContent),
}, strings);
live.connect();
