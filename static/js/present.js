// The projector view on the wall: cards, votes, themes, the timer and presence by
// role, kept live. It sends no commands; its socket asks for the projector's view
// (data-ws-path ends in ?view=projector), so it receives what the room may see.
import {
  BoardLive, applyBoardEvent, applySettings, applySnapshotCards, readStrings, showStatus,
} from "./board-live.js";
import { showPresence } from "./presence.js";
import { applyActivityEvent } from "./activities.js";

const root = document.getElementById("board");
const strings = readStrings();

const live = new BoardLive(root, {
  event: (event) => applyActivityEvent(event) || applyBoardEvent(root, event, strings),
  presence: showPresence,
  snapshot: (board) => {
    applySnapshotCards(root, board, strings);
    applySettings(root, board, strings);
  },
  status: (status) => showStatus(root, status, strings),
});
applySettings(root, {
  state: root.dataset.state,
  ...JSON.parse(document.getElementById("board-settings").textContent),
}, strings);
live.connect();
