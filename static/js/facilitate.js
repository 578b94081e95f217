// The facilitator's control panel on their own device: cards, votes, themes,
// presence by role and support requests, kept live; the controls send commands.
import {
  BoardLive, applyBoardEvent, applySettings, applySnapshotCards, bindControls, format,
  readStrings, showStatus,
} from "./board-live.js";
import { applyActivityEvent } from "./activities.js";
import {
  FocusKeeper, bindAlerts, commandStatus, countSupport, readControlStrings, recordModeration,
  removeSupport,
} from "./control-view.js";
import { showPresence } from "./presence.js";

const root = document.getElementById("board");
const strings = readStrings();
const errors = document.getElementById("board-errors");
const announcer = document.getElementById("announcer");
const supportList = document.getElementById("support-list");
const supportBadge = document.getElementById("support-badge");
const controlStatus = document.getElementById("control-status");
const moderationList = document.getElementById("moderation-list");
const controlStrings = readControlStrings();
const alertFacilitator = bindAlerts(document.getElementById("alert-toggle"));
const focusKeeper = new FocusKeeper(root);

function announce(text) {
  announcer.textContent = "";
  window.setTimeout(() => { announcer.textContent = text; }, 50);
}

function supportItem(support) {
  const template = document.getElementById("support-resolve-template").content.firstElementChild;
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

function emptySupportItem() {
  const item = document.createElement("li");
  item.className = "support-empty";
  item.textContent = controlStrings.no_support;
  return item;
}

function onSupport(event) {
  const data = event.data;
  removeSupport(supportList, data.id);
  if (event.name === "support.requested") {
    supportList.querySelector(".support-empty")?.remove();
    supportList.appendChild(supportItem(data));
    announce(format(strings.support_new, { name: data.name || strings.anonymous, message: data.message }));
    alertFacilitator();
  } else if (!supportList.querySelector("li")) {
    supportList.appendChild(emptySupportItem());
  }
  countSupport(supportList, supportBadge);
}

function onEvent(event) {
  if (applyActivityEvent(event)) return;
  if (event.name.startsWith("support.")) {
    onSupport(event);
    return;
  }
  applyBoardEvent(root, event, strings);
  if (event.name === "card.hidden" || event.name === "card.unhidden") {
    recordModeration(moderationList, event, controlStrings);
  }
  focusKeeper.settle();
}

// Every control says what it did, in the status region at the top.
function onAck(ack, command) {
  errors.textContent = "";
  clearForm(ack);
  // Cleared first so that the same result twice is read out twice.
  controlStatus.textContent = "";
  window.setTimeout(() => { controlStatus.textContent = commandStatus(command, ack, controlStrings); }, 50);
  focusKeeper.settle();
}

let clearForm = () => {};
const live = new BoardLive(root, {
  event: onEvent,
  presence: showPresence,
  ack: onAck,
  error: (error) => { errors.textContent = error.message; },
  snapshot: (board) => {
    applySnapshotCards(root, board, strings);
    applySettings(root, board, strings);
  },
  status: (status) => showStatus(root, status, strings),
});
clearForm = bindControls(live);
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.control) focusKeeper.expect({ type: form.dataset.control, card: form.elements.card?.value });
});
applySettings(root, {
  state: root.dataset.state,
  ...JSON.parse(document.getElementById("board-settings").textContent),
}, strings);
live.connect();
