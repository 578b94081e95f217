// The participant page: posting, voting and deleting go over the live connection;
// the same forms post to the server when this script does not run.
import {
  BoardLive, applySnapshotCards, cardNode, columnTitle, format, readStrings, removeCard,
  setMine, showState, showStatus, upsertCard,
} from "./board-live.js";

const root = document.getElementById("board");
const strings = readStrings();
const announcer = document.getElementById("announcer");
const errors = document.getElementById("board-errors");
const cardForm = document.getElementById("card-form");
const queueStatus = document.getElementById("queue-status");
const votesLeft = document.getElementById("votes-left");
const myCards = new Set();

function announce(text) {
  // Clear first so that the same text twice is still read out.
  announcer.textContent = "";
  window.setTimeout(() => { announcer.textContent = text; }, 50);
}

function showError(message) {
  errors.textContent = message;
}

function setInputEnabled(state) {
  const open = state === "open";
  root.querySelectorAll("form[data-command] button[type=submit]").forEach((button) => {
    button.disabled = !open;
  });
}

function onEvent(event) {
  const data = event.data;
  if (event.name === "card.deleted") {
    removeCard(root, data.id);
  } else if (event.name.startsWith("card.") || event.name.startsWith("vote.")) {
    const mine = myCards.has(data.id) ? { mine: true } : {};
    const isNew = upsertCard(root, { ...data, ...mine }, strings);
    if (isNew && event.name === "card.created" && !myCards.has(data.id)) {
      announce(format(strings.new_card, { column: columnTitle(root, data.column), text: data.text }));
    }
  } else if (event.name === "board.state_changed") {
    showState(root, data.state, strings);
    setInputEnabled(data.state);
  }
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
    if (votesLeft && ack.result?.votes_left !== undefined) votesLeft.textContent = String(ack.result.votes_left);
  }
}

function onSnapshot(board) {
  applySnapshotCards(root, board, strings);
  showState(root, board.state, strings);
  setInputEnabled(board.state);
  if (votesLeft) votesLeft.textContent = String(board.votes_left);
}

function onQueue(length) {
  if (!queueStatus) return;
  queueStatus.hidden = length === 0;
  queueStatus.textContent = length ? format(strings.waiting, { count: length }) : "";
}

const live = new BoardLive(root, {
  event: onEvent,
  ack: onAck,
  error: (error) => showError(error.message),
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
    live.send({ type: "card.create", column: Number(cardForm.elements.column.value), text });
    cardForm.elements.text.value = "";
    cardForm.elements.text.focus();
  });
}

root.addEventListener("submit", (event) => {
  const form = event.target;
  const node = form.closest(".card");
  if (!node || !form.dataset.command) return;
  event.preventDefault();
  live.send({ type: form.dataset.command, card: Number(node.dataset.card) });
});

onQueue(live.queue.length);
live.connect();
