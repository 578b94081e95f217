// The live connection to a board (DESIGN §5, docs/protocol.md), shared by the
// participant page (board.js) and the presenter view (present.js).
//
// Commands wait in a queue that is also kept in sessionStorage, so neither a lost
// connection nor a reload loses them. After every (re)connect the client resumes
// from the last seq it applied, then resends the queue with the same request ids;
// the server answers a repeated request id with its first ack and does nothing new.

const MAX_DELAY_MS = 15000;
const RATE_LIMIT_RETRY_MS = 3000;
const DEFAULT_HEARTBEAT_MS = 15000;

export function uuid4() {
  // crypto.randomUUID needs a secure context; plain-http hospital networks may lack one.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function readStrings() {
  const node = document.getElementById("board-strings");
  return node ? JSON.parse(node.textContent) : {};
}

export function format(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));
}

export class BoardLive {
  constructor(root, handlers) {
    this.root = root;
    this.handlers = handlers;
    this.path = root.dataset.wsPath;
    this.seq = Number(root.dataset.seq) || 0;
    this.storageKey = `codesign-board-queue-${root.dataset.code}`;
    this.queue = this.loadQueue();
    this.inflight = new Set();
    this.socket = null;
    this.attempt = 0;
    this.synced = false;
    this.resuming = false;
    this.stopped = false;
    this.timer = null;
    // The server sends presence at least once a heartbeat (BOARD_HEARTBEAT_SECONDS).
    this.heartbeatMs = Number(root.dataset.heartbeatMs) || DEFAULT_HEARTBEAT_MS;
    this.watchdog = null;
    this.opened = false;
    window.addEventListener("online", () => this.reconnectNow());
    window.addEventListener("offline", () => this.socket && this.socket.close());
    window.addEventListener("pagehide", () => { this.stopped = true; });
  }

  loadQueue() {
    try {
      return JSON.parse(sessionStorage.getItem(this.storageKey)) || [];
    } catch {
      return [];
    }
  }

  saveQueue() {
    try {
      sessionStorage.setItem(this.storageKey, JSON.stringify(this.queue));
    } catch {
      // Private browsing may refuse storage; the queue still lives in memory.
    }
    this.handlers.queue?.(this.queue.length);
  }

  send(command) {
    const queued = { ...command, request_id: uuid4() };
    this.queue.push(queued);
    this.saveQueue();
    this.flush();
    return queued.request_id;
  }

  connect() {
    if (this.stopped || (this.socket && this.socket.readyState <= WebSocket.OPEN)) return;
    if (navigator.onLine === false) {
      this.handlers.status?.("offline");
      return;
    }
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(scheme + location.host + this.path);
    this.socket = socket;
    this.handlers.status?.(this.opened ? "reconnecting" : "connecting");
    socket.addEventListener("open", () => {
      this.opened = true;
      this.attempt = 0;
      this.watch(socket);
      this.resume();
    });
    socket.addEventListener("message", (event) => {
      if (this.socket !== socket) return; // A socket given up on by the watchdog.
      if (this.synced) this.watch(socket);
      this.frame(event.data);
    });
    socket.addEventListener("close", (event) => this.closed(socket, event.code));
  }

  // A half-open connection (a closed laptop lid, a Wi-Fi hand-over) or a stalled
  // server sends nothing and never closes: after two heartbeats without a frame
  // (or, on a new socket, without being synced), give the socket up and reconnect,
  // which resumes from the last seq.
  watch(socket) {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      if (this.socket !== socket) return;
      console.warn("No frame from the board for two heartbeats; reconnecting.");
      this.closed(socket, 0);
      socket.close();
    }, 2 * this.heartbeatMs);
  }

  frame(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch (error) {
      console.warn("Ignored a frame that is not JSON:", error);
      return;
    }
    if (message === null || typeof message !== "object") {
      console.warn("Ignored a frame that is not a JSON object.");
      return;
    }
    this.receive(message);
  }

  closed(socket, code) {
    if (this.socket !== socket) return;
    this.socket = null;
    this.synced = false;
    this.inflight.clear();
    clearTimeout(this.watchdog);
    if (code === 4403 || code === 4404) {
      this.stopped = true;
      this.handlers.status?.("refused");
      return;
    }
    // "Live" only while synced; without a network the page says so, else it retries.
    this.handlers.status?.(navigator.onLine === false ? "offline" : "reconnecting");
    const delay = Math.min(MAX_DELAY_MS, 500 * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    this.attempt += 1;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  reconnectNow() {
    clearTimeout(this.timer);
    this.attempt = 0;
    this.connect();
  }

  raw(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  resume() {
    this.resuming = true;
    this.raw({ type: "resume", after: this.seq });
  }

  receive(message) {
    switch (message.type) {
      case "event":
        this.apply(message);
        break;
      case "events":
        message.items.forEach((item) => this.apply(item));
        break;
      case "synced":
        this.seq = Math.max(this.seq, message.seq);
        this.becomeSynced();
        break;
      case "snapshot":
        this.seq = message.seq;
        this.handlers.snapshot?.(message.board);
        this.becomeSynced();
        break;
      case "presence":
        this.handlers.presence?.(message);
        if (this.synced && !this.resuming && message.seq > this.seq) this.resume();
        break;
      case "ack":
        this.settle(message);
        break;
      case "error":
        this.failed(message);
        break;
      default:
        break;
    }
  }

  apply(event) {
    if (event.seq <= this.seq) return; // Already applied: events are idempotent by seq.
    if (event.seq > this.seq + 1) {
      if (!this.resuming) this.resume(); // A gap: fetch what is missing, in order.
      return;
    }
    this.seq = event.seq;
    this.handlers.event?.(event);
  }

  becomeSynced() {
    this.resuming = false;
    this.synced = true;
    this.watch(this.socket);
    this.handlers.status?.("live");
    this.flush();
  }

  flush() {
    if (!this.synced) return;
    for (const command of this.queue) {
      if (!this.inflight.has(command.request_id) && this.raw(command)) {
        this.inflight.add(command.request_id);
      }
    }
  }

  take(requestId) {
    const index = this.queue.findIndex((c) => c.request_id === requestId);
    this.inflight.delete(requestId);
    if (index < 0) return null;
    const [command] = this.queue.splice(index, 1);
    this.saveQueue();
    return command;
  }

  settle(ack) {
    const command = this.take(ack.request_id);
    if (command) this.handlers.ack?.(ack, command);
  }

  failed(error) {
    if (error.code === "rate_limited" && error.request_id) {
      this.inflight.delete(error.request_id);
      setTimeout(() => this.flush(), RATE_LIMIT_RETRY_MS);
      return;
    }
    if (!error.request_id && this.resuming) {
      // The resume itself was refused (too soon after the last) or failed (the
      // server could not read the board): ask again, or events would stay missing.
      const socket = this.socket;
      setTimeout(() => { if (this.socket === socket && this.resuming) this.resume(); }, RATE_LIMIT_RETRY_MS);
    }
    const command = error.request_id ? this.take(error.request_id) : null;
    this.handlers.error?.(error, command);
  }
}

// Cards in the page: one renderer for server-sent data, from the page's <template>.

// The page arrives with compact cards (only the controls each needs now, to keep a
// big board small); a card's first change swaps in the full template, filled from
// what the compact card shows.
export function cardNode(root, id) {
  const node = root.querySelector(`#card-${id}`);
  return node && !node.dataset.full ? fullCard(root, node) : node;
}

function fullCard(root, compact) {
  const node = newCardNode(root, compact.dataset.card);
  Object.assign(node.dataset, { myVotes: "0", mine: "0", ...compact.dataset });
  node.className = compact.className;
  ["card-text", "card-author", "vote-count"].forEach((name) => {
    node.querySelector(`.${name}`).textContent = compact.querySelector(`.${name}`).textContent;
  });
  const role = node.querySelector(".card-role");
  role.dataset.role = compact.querySelector(".card-role").dataset.role;
  role.textContent = compact.querySelector(".card-role").textContent;
  showEmotion(node, compact.dataset.emotion, root.emotionWords);
  const note = compact.querySelector(".card-hidden-note");
  node.querySelector(".card-hidden-note").hidden = !note;
  node.querySelector(".card-hidden-note").textContent = note ? note.textContent : "";
  node.querySelector(".card-scribe").hidden = !compact.dataset.scribe;
  const select = node.querySelector("select[name=theme]");
  if (select) select.value = node.dataset.theme;
  node.querySelectorAll(".hide-form").forEach((el) => { el.hidden = Boolean(note); });
  node.querySelectorAll(".unhide-form").forEach((el) => { el.hidden = !note; });
  setMine(node);
  compact.replaceWith(node);
  return node;
}

function newCardNode(root, id) {
  const template = root.querySelector("#card-template");
  const node = template.content.firstElementChild.cloneNode(true);
  node.id = `card-${id}`;
  node.dataset.card = String(id);
  node.querySelectorAll("form[action], a[href], button[formaction]").forEach((el) => {
    const attr = { FORM: "action", A: "href", BUTTON: "formaction" }[el.tagName];
    el.setAttribute(attr, el.getAttribute(attr).replace("/cards/0/", `/cards/${id}/`));
  });
  node.querySelectorAll('input[name="card"]').forEach((el) => { el.value = String(id); });
  node.querySelectorAll("[id$='-for-0']").forEach((el) => { el.id = el.id.replace(/-0$/, `-${id}`); });
  node.querySelectorAll("label[for$='-for-0']").forEach((el) => { el.htmlFor = el.htmlFor.replace(/-0$/, `-${id}`); });
  node.querySelectorAll("[aria-describedby='text-for-0']").forEach((el) => {
    el.setAttribute("aria-describedby", `text-for-${id}`);
  });
  return node;
}

export function setMine(node, mine, myVotes) {
  if (mine !== undefined) node.dataset.mine = mine ? "1" : "0";
  if (myVotes !== undefined) node.dataset.myVotes = String(Math.max(myVotes, 0));
  const isMine = node.dataset.mine === "1";
  const count = Number(node.dataset.myVotes) || 0;
  node.classList.toggle("card-mine", isMine);
  node.querySelectorAll(".own-only").forEach((el) => { el.hidden = !isMine; });
  node.querySelectorAll(".unvote-form, .my-votes").forEach((el) => { el.hidden = count === 0; });
  const mineCount = node.querySelector(".my-vote-count");
  if (mineCount) mineCount.textContent = String(count);
}

function cardList(root, card) {
  if (root.dataset.view === "theme") {
    const theme = card.theme === null || card.theme === undefined ? "" : String(card.theme);
    return root.querySelector(`.cards[data-theme-list="${theme}"]`)
      || root.querySelector('.cards[data-theme-list=""]');
  }
  return root.querySelector(`.cards[data-column="${card.column}"]`);
}

// A touchpoint map's feeling: icon and word, in this page's language.
function showEmotion(node, emotion, words) {
  const place = node.querySelector(".card-emotion");
  if (!place) return;
  const word = (words || {})[emotion || ""];
  node.dataset.emotion = word ? emotion : "";
  place.hidden = !word;
  place.textContent = word ? `${word.icon} ${word.label}` : "";
}

export function upsertCard(root, card, strings) {
  root.emotionWords = strings.emotions;
  let node = cardNode(root, card.id);
  const isNew = !node;
  // What a card shows was decided by the server (feedback/visibility.py); this
  // only renders it. A card someone may no longer see arrives as card.deleted.
  if (isNew) {
    node = newCardNode(root, card.id);
    card = { mine: false, my_votes: 0, ...card };
  }
  const sealed = Boolean(card.sealed) && !card.text;
  node.querySelector(".card-text").textContent = sealed ? strings.sealed : card.text;
  node.classList.toggle("card-sealed", Boolean(card.sealed));
  node.classList.toggle("card-hidden", Boolean(card.hidden));
  const note = node.querySelector(".card-hidden-note");
  if (note) {
    note.hidden = !card.hidden;
    note.textContent = card.hidden ? format(strings.hidden_by, { reason: card.hidden_reason || "" }) : "";
  }
  node.querySelector(".card-author").textContent = card.author.name || (card.author.role ? strings.anonymous : "");
  const role = node.querySelector(".card-role");
  role.dataset.role = card.author.role;
  role.textContent = (strings.roles || {})[card.author.role] || card.author.role;
  const scribe = node.querySelector(".card-scribe");
  if (scribe) scribe.hidden = !card.scribe;
  showEmotion(node, card.emotion, strings.emotions);
  const hiddenVotes = card.votes === null || card.votes === undefined;
  node.dataset.votes = hiddenVotes ? "" : String(card.votes);
  node.querySelector(".vote-count").textContent = hiddenVotes ? strings.votes_hidden : String(card.votes);
  node.dataset.theme = card.theme === null || card.theme === undefined ? "" : String(card.theme);
  node.dataset.column = String(card.column);
  const select = node.querySelector("select[name=theme]");
  if (select) select.value = node.dataset.theme;
  node.querySelectorAll(".hide-form").forEach((el) => { el.hidden = Boolean(card.hidden); });
  node.querySelectorAll(".unhide-form").forEach((el) => { el.hidden = !card.hidden; });
  const list = cardList(root, card);
  if (list && node.parentElement !== list) list.appendChild(node);
  setMine(node, card.mine, card.my_votes);
  updateCounts(root);
  return isNew;
}

export function removeCard(root, id) {
  cardNode(root, id)?.remove();
  updateCounts(root);
}

export function applySnapshotCards(root, board, strings) {
  const keep = new Set(board.cards.map((card) => String(card.id)));
  root.querySelectorAll(".cards > .card").forEach((node) => {
    if (!keep.has(node.dataset.card)) node.remove();
  });
  board.cards.forEach((card) => upsertCard(root, card, strings));
}

export function updateCounts(root) {
  root.querySelectorAll(".cards[data-column]").forEach((list) => {
    const counter = root.querySelector(`[data-count-for="${list.dataset.column}"]`);
    if (counter) counter.textContent = String(list.children.length);
  });
  root.querySelectorAll(".cards[data-theme-list]").forEach((list) => {
    const counter = root.querySelector(`[data-count-for-theme="${list.dataset.themeList}"]`);
    if (counter) counter.textContent = String(list.children.length);
  });
}

// Board settings: state, silent mode, voting and the timer (every settings event).

let timerTick = null;

function clock(seconds) {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function showTimer(root, endsAt, strings, pausedSeconds = null) {
  const node = root.querySelector("#board-timer");
  if (!node) return;
  clearInterval(timerTick);
  node.dataset.endsAt = endsAt || "";
  // A paused board's countdown stands still at the seconds it had left.
  if (!endsAt && pausedSeconds !== null && pausedSeconds !== undefined) {
    node.hidden = false;
    node.textContent = format(strings.timer_paused, { time: clock(pausedSeconds) });
    return;
  }
  if (!endsAt) {
    node.hidden = true;
    return;
  }
  const end = Date.parse(endsAt);
  const status = root.querySelector("#timer-status");
  let running = false;
  const tick = () => {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    const time = clock(left);
    node.textContent = left > 0 ? format(strings.timer, { time }) : strings.timer_done;
    // The timer itself stays quiet (a reading every second is noise); its end is news.
    if (status && left === 0 && running) status.textContent = strings.timer_done;
    else if (status && left > 0 && !running) status.textContent = "";
    running = left > 0;
    if (left === 0) clearInterval(timerTick);
  };
  node.hidden = false;
  tick();
  timerTick = setInterval(tick, 1000);
}

export function applySettings(root, settings, strings) {
  showState(root, settings.state, strings);
  const prompt = root.querySelector(".board-prompt");
  if (prompt && settings.prompt) prompt.textContent = settings.prompt;
  root.dataset.votingOpen = settings.voting_open ? "1" : "0";
  root.dataset.votesHidden = settings.votes_hidden ? "1" : "0";
  const mode = root.querySelector("#board-mode");
  if (mode) mode.hidden = !settings.silent;
  const voting = root.querySelector("#board-voting");
  if (voting) {
    voting.dataset.open = settings.voting_open ? "1" : "0";
    const round = settings.voting_round ? ` ${format(strings.round, { number: settings.voting_round })}` : "";
    voting.textContent = (settings.voting_open ? strings.voting_open : strings.voting_closed) + round;
    // Only an open board takes votes: otherwise the state text says what is possible.
    voting.hidden = settings.state !== "open";
  }
  root.querySelectorAll("[data-state-button]").forEach((button) => {
    button.setAttribute("aria-pressed", button.dataset.stateButton === settings.state ? "true" : "false");
  });
  const silent = root.querySelector("#mode-silent");
  if (silent) silent.checked = Boolean(settings.silent);
  const votesHidden = root.querySelector("#mode-votes-hidden");
  if (votesHidden) votesHidden.checked = Boolean(settings.votes_hidden);
  showTimer(root, settings.timer_ends_at, strings, settings.timer_paused_seconds);
}

// A new round counts only its own votes: every shown count starts again at 0.
function resetVoteCounts(root) {
  root.querySelectorAll(".card").forEach((node) => {
    if (node.dataset.votes === "") return;
    node.dataset.votes = "0";
    const count = node.querySelector(".vote-count");
    if (count) count.textContent = "0";
  });
}

// Themes: the select menus, and the sections when the board is viewed by theme.

function themeOptions(root, theme, remove) {
  root.querySelectorAll("select[data-theme-select]").forEach((select) => {
    let option = select.querySelector(`option[value="${theme.id}"]`);
    if (remove) {
      option?.remove();
      return;
    }
    if (!option) {
      option = document.createElement("option");
      option.value = String(theme.id);
      select.appendChild(option);
    }
    option.textContent = theme.name;
  });
}

function themeSection(root, theme) {
  const container = root.querySelector(".board-themes");
  if (!container) return;
  let section = container.querySelector(`[data-theme-section="${theme.id}"]`);
  if (!section) {
    section = document.createElement("section");
    section.className = "board-column";
    section.dataset.themeSection = String(theme.id);
    const heading = document.createElement("h2");
    heading.id = `theme-${theme.id}-title`;
    section.setAttribute("aria-labelledby", heading.id);
    const name = document.createElement("span");
    name.className = "theme-name";
    heading.appendChild(name);
    const list = document.createElement("ul");
    list.className = "cards";
    list.dataset.themeList = String(theme.id);
    section.append(heading, list);
    container.insertBefore(section, container.querySelector('[data-theme-section=""]'));
  }
  section.querySelector(".theme-name").textContent = theme.name;
}

export function applyTheme(root, event) {
  const data = event.data;
  if (event.name === "theme.created" || event.name === "theme.renamed") {
    themeOptions(root, data, false);
    themeSection(root, data);
  } else if (event.name === "theme.merged") {
    themeOptions(root, { id: data.id }, true);
    data.cards.forEach((id) => {
      const node = cardNode(root, id);
      if (!node) return;
      node.dataset.theme = String(data.into);
      const select = node.querySelector("select[name=theme]");
      if (select) select.value = String(data.into);
      const list = cardList(root, { theme: data.into, column: node.dataset.column });
      if (list) list.appendChild(node);
    });
    root.querySelector(`[data-theme-section="${data.id}"]`)?.remove();
    updateCounts(root);
  }
}

// Everything the participant page and the presenter view apply alike.
export function applyBoardEvent(root, event, strings, mine = {}) {
  const data = event.data;
  if (event.name === "card.deleted") {
    removeCard(root, data.id);
  } else if (event.name.startsWith("card.") || event.name.startsWith("vote.") || event.name === "theme.assigned") {
    return upsertCard(root, { ...data, ...mine }, strings);
  } else if (event.name.startsWith("theme.")) {
    applyTheme(root, event);
  } else if (event.name === "board.revealed") {
    applySettings(root, data, strings);
    data.cards.forEach((card) => upsertCard(root, card, strings));
  } else if (event.name.startsWith("board.") || event.name.startsWith("timer.") || event.name.startsWith("votes.")) {
    if (event.name === "votes.round_started") resetVoteCounts(root);
    if (event.name === "board.edited") applyColumns(root, data.columns, strings);
    applySettings(root, data, strings);
  }
  return false;
}

// The facilitator's forms: sent as commands over the live connection.

function formCommand(form, submitter) {
  const command = { type: form.dataset.control };
  for (const el of form.elements) {
    if (!el.name || ["csrfmiddlewaretoken", "request_id", "next", "type"].includes(el.name)) continue;
    if (el.type === "submit") continue;
    const kind = el.dataset.type;
    if (kind === "bool") command[el.name] = el.checked;
    else if (kind === "int") command[el.name] = Number(el.value);
    else if (kind === "nullable-int") command[el.name] = el.value === "" ? null : Number(el.value);
    else command[el.name] = el.value;
  }
  if (submitter && submitter.name) command[submitter.name] = submitter.value;
  return command;
}

// Returns the function to call with each ack: it empties the form that was sent.
export function bindControls(live) {
  const sent = new Map();
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.dataset.control) return;
    event.preventDefault();
    sent.set(live.send(formCommand(form, event.submitter)), form);
  });
  return (ack) => {
    const form = sent.get(ack.request_id);
    sent.delete(ack.request_id);
    if (!form) return;
    form.querySelectorAll('input[type="text"], textarea').forEach((el) => { el.value = ""; });
    form.querySelectorAll('input[name="confirm"]').forEach((el) => { el.checked = false; });
  };
}

// A column's title in this page's language: a template column's key names a label
// the page provides (strings.column_labels); a custom column is shown as typed.
export function columnLabel(column, strings) {
  return (column.key && (strings.column_labels || {})[column.key]) || column.title;
}

// An edited board (board.edited): the question and the column titles change in place.
export function applyColumns(root, columns, strings) {
  (columns || []).forEach((column) => {
    const label = columnLabel(column, strings);
    const heading = root.querySelector(`#column-${column.id}-title`);
    if (heading && heading.firstChild) heading.firstChild.textContent = `${label} `;
    document.querySelectorAll(`select[name="column"] option[value="${column.id}"]`).forEach((option) => {
      option.textContent = label;
    });
  });
}

export function columnTitle(root, columnId) {
  const heading = root.querySelector(`#column-${columnId}-title`);
  return heading ? heading.firstChild.textContent.trim() : "";
}

export function showState(root, state, strings) {
  root.dataset.state = state;
  const banner = root.querySelector("#board-state");
  if (banner) {
    banner.dataset.state = state;
    banner.textContent = (strings.states || {})[state] || state;
  }
}

export function showStatus(root, status, strings) {
  const node = root.querySelector("#connection-status");
  if (!node) return;
  node.dataset.state = status;
  node.textContent = strings[status] || "";
}
