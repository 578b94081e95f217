// The participant page: posting, voting and deleting go over the live connection;
// the same forms post to the server when this script does not run.
import {
  BoardLive, applyBoardEvent, applySettings, applySnapshotCards, cardNode,
  format, readStrings, setMine, showStatus,
} from "./board-live.js";
import { CardAnnouncer } from "./announce-cards.js";
import { applyActivityEvent, bindActivities, refreshActivities } from "./activities.js";
import { personalDataKinds } from "./privacy.js";

const root = document.getElementById("board");
const strings = readStrings();
const announcer = document.getElementById("announcer");
const errors = document.getElementById("board-errors");
const cardForm = document.getElementById("card-form");
const queueStatus = document.getElementById("queue-status");
const votesLeft = document.getElementById("votes-left");
const nudge = document.getElementById("privacy-nudge");
const supportForm = document.getElementById("support-form");
const supportStatus = document.getElementById("support-status");
const myCards = new Set();
// Where focus goes once a deleted card is gone: the next card, or the form.
const afterDelete = new Map();

function announce(text) {
  // Clear first so that the same text twice is still read out.
  announcer.textContent = "";
  window.setTimeout(() => { announcer.textContent = text; }, 50);
}

const newCards = new CardAnnouncer(root, strings, announce, document.getElementById("read-new-cards"));

function showError(message) {
  errors.textContent = message;
}

function votesSpent() {
  return Boolean(votesLeft) && votesLeft.textContent.trim() === "0";
}

// At 0 votes left a Vote button is disabled and says why right next to it.
function showVoteWhy(button, spent) {
  const next = button.nextElementSibling;
  const why = next && next.classList.contains("vote-why") ? next : null;
  if (spent && !why) {
    const note = document.createElement("span");
    note.className = "vote-why";
    note.textContent = strings.no_votes_left;
    button.after(note);
  } else if (!spent && why) {
    why.remove();
  }
}

function setButtons(scope) {
  const open = root.dataset.state === "open";
  const voting = open && root.dataset.votingOpen !== "0";
  const spent = votesSpent();
  scope.querySelectorAll("form[data-command] button[type=submit], .card button[data-command]").forEach((button) => {
    const isVote = button.classList.contains("vote-button");
    const isSupport = button.closest("#support-form");
    const adds = button.dataset.command === "vote.add";
    button.disabled = isSupport ? false : !(isVote ? voting && !(adds && spent) : open);
    if (adds) showVoteWhy(button, voting && spent);
  });
}

function setInputEnabled() {
  setButtons(root);
}

function setVotesLeft(count) {
  if (!votesLeft) return;
  votesLeft.textContent = String(count);
  setInputEnabled();
}

function showSupportAnswer() {
  const answer = document.getElementById("support-answer");
  if (!answer) return;
  answer.textContent = strings.support_resolved;
  if (supportStatus) supportStatus.textContent = "";
  navigator.vibrate?.(200);
}

function settingsChanged(settings) {
  applySettings(root, settings, strings);
  setInputEnabled();
  if (votesLeft && settings.votes_per_participant !== undefined) {
    document.getElementById("votes-total").textContent = String(settings.votes_per_participant);
  }
}

function onEvent(event) {
  if (applyActivityEvent(event)) return;
  const data = event.data;
  if (event.name === "votes.round_started" && votesLeft) {
    votesLeft.textContent = String(data.votes_per_participant);
    root.querySelectorAll(".card").forEach((node) => setMine(node, undefined, 0));
  }
  // Only the person who asked receives their own request's events in full.
  if (event.name === "support.resolved") showSupportAnswer();
  if (event.name.startsWith("support.") || event.name === "private") return;
  const mine = data && myCards.has(data.id) ? { mine: true } : {};
  const isNew = applyBoardEvent(root, event, strings, mine);
  const changed = event.name.startsWith("card.") || event.name.startsWith("vote.") ? cardNode(root, data.id) : null;
  if (changed) setButtons(changed);
  if (isNew && event.name === "card.created" && !myCards.has(data.id) && data.text) {
    newCards.add(data);
  }
  if (event.name.startsWith("board.") || event.name.startsWith("votes.") || event.name.startsWith("timer.")) {
    settingsChanged(data);
    if (event.name === "board.revealed") announce(strings.revealed);
  }
}

function focusAfterDelete(id) {
  const next = afterDelete.get(id);
  afterDelete.delete(id);
  const target = next ? cardNode(root, next)?.querySelector("button:not([hidden]), a:not([hidden])") : null;
  (target || cardForm?.elements.text)?.focus();
  announce(strings.deleted);
}

function onAck(ack, command) {
  errors.textContent = "";
  const cardId = ack.result?.card;
  const node = cardId ? cardNode(root, cardId) : null;
  if (command.type === "card.create") {
    myCards.add(cardId);
    if (node) setMine(node, true);
    announce(strings.sent);
  } else if (command.type === "vote.add" || command.type === "vote.remove") {
    if (node) setMine(node, undefined, Number(node.dataset.myVotes) + (command.type === "vote.add" ? 1 : -1));
    if (ack.result?.votes_left !== undefined) setVotesLeft(ack.result.votes_left);
    const said = command.type === "vote.add" ? strings.vote_added : strings.vote_removed;
    announce(format(said, { count: ack.result?.votes_left ?? "" }));
  } else if (command.type === "card.delete") {
    focusAfterDelete(command.card);
  } else if (command.type === "support.request" && supportStatus) {
    supportStatus.textContent = strings.support_sent;
    document.getElementById("support-answer").textContent = "";
  }
}

function showNudge(message) {
  nudge.hidden = false;
  document.getElementById("privacy-message").textContent = message;
  nudge.querySelector('input[name="confirm"]').focus();
}

function onError(error, command) {
  if (error.code === "privacy" && command && cardForm) {
    cardForm.elements.text.value = command.text;
    cardForm.elements.column.value = String(command.column);
    showNudge(error.message);
    return;
  }
  showError(error.message);
}

function onSnapshot(board) {
  applySnapshotCards(root, board, strings);
  refreshActivities();
  if (votesLeft) votesLeft.textContent = String(board.votes_left);
  settingsChanged(board);
}

function onQueue(length) {
  if (!queueStatus) return;
  queueStatus.hidden = length === 0;
  queueStatus.textContent = length ? format(strings.waiting, { count: length }) : "";
}

const live = new BoardLive(root, {
  event: onEvent,
  ack: onAck,
  error: onError,
  snapshot: onSnapshot,
  status: (status) => showStatus(root, status, strings),
  queue: onQueue,
});

if (cardForm) {
  cardForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = cardForm.elements.text.value.trim();
    if (!text) {
      cardForm.elements.text.focus();
      return;
    }
    const confirmed = cardForm.elements.confirm.checked;
    const kinds = personalDataKinds(text);
    if (kinds.length && !confirmed) {
      const names = kinds.map((kind) => strings.privacy_kinds[kind]).join(", ");
      showNudge(format(strings.privacy, { kinds: names }));
      return;
    }
    live.send({ type: "card.create", column: Number(cardForm.elements.column.value), text, confirm: confirmed });
    cardForm.elements.text.value = "";
    cardForm.elements.confirm.checked = false;
    nudge.hidden = true;
    cardForm.elements.text.focus();
  });
}

if (supportForm) {
  supportForm.addEventListener("submit", (event) => {
    event.preventDefault();
    live.send({ type: "support.request", message: supportForm.elements.message.value.trim() });
    supportForm.elements.message.value = "";
  });
}

// A card's buttons submit the page's one form "card-do"; the button names the command.
root.addEventListener("submit", (event) => {
  const button = event.submitter;
  const node = button && button.closest(".card");
  if (!node || !button.dataset.command) return;
  event.preventDefault();
  const command = button.dataset.command;
  if (command === "card.delete") {
    if (!window.confirm(strings.delete_confirm)) return;
    const next = node.nextElementSibling || node.previousElementSibling;
    afterDelete.set(Number(node.dataset.card), next ? next.dataset.card : null);
  }
  live.send({ type: command, card: Number(node.dataset.card) });
});

settingsChanged({
  state: root.dataset.state,
  ...JSON.parse(document.getElementById("board-settings").textContent),
});
bindActivities(live);
onQueue(live.queue.length);
live.connect();
