// The presenter view: cards, votes and presence by role, kept live.
import {
  BoardLive, applySnapshotCards, readStrings, removeCard, showState, showStatus, upsertCard,
} from "./board-live.js";

const root = document.getElementById("board");
const strings = readStrings();
const total = document.getElementById("presence-total");

function onEvent(event) {
  if (event.name === "card.deleted") {
    removeCard(root, event.data.id);
  } else if (event.name.startsWith("card.") || event.name.startsWith("vote.")) {
    upsertCard(root, event.data, strings);
  } else if (event.name === "board.state_changed") {
    showState(root, event.data.state, strings);
  }
}

function onPresence(presence) {
  total.textContent = String(presence.total);
  document.querySelectorAll("#presence-by-role [data-role]").forEach((item) => {
    const count = presence.by_role[item.dataset.role] || 0;
    item.hidden = count === 0;
    item.querySelector(".presence-count").textContent = String(count);
  });
}

const live = new BoardLive(root, {
  event: onEvent,
  presence: onPresence,
  snapshot: (board) => {
    applySnapshotCards(root, board, strings);
    showState(root, board.state, strings);
  },
  status: (status) => showStatus(root, status, strings),
});
live.connect();
