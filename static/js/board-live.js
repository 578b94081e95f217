// The live connection to a board (DESIGN §5, docs/protocol.md), shared by the
// participant page (board.js) and the presenter view (present.js).
//
// Commands wait in a queue that is also kept in sessionStorage, so neither a lost
// connection nor a reload loses them. After every (re)connect the client resumes
// from the last seq it applied, then resends the queue with the same request ids;
// the server answers a repeated request id with its first ack and does nothing new.

const MAX_DELAY_MS = 15000;
const RATE_LIMIT_RETRY_MS = 3000;

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
    this.handlers.status?.("connecting");
    socket.addEventListener("open", () => {
      this.attempt = 0;
      this.resume();
    });
    socket.addEventListener("message", (event) => this.receive(JSON.parse(event.data)));
    socket.addEventListener("close", (event) => this.closed(socket, event.code));
  }

  closed(socket, code) {
    if (this.socket !== socket) return;
    this.socket = null;
    this.synced = false;
    this.inflight.clear();
    if (code === 4403 || code === 4404) {
      this.stopped = true;
      this.handlers.status?.("refused");
      return;
    }
    this.handlers.status?.("offline");
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
    const command = error.request_id ? this.take(error.request_id) : null;
    this.handlers.error?.(error, command);
  }
}

// Cards in the page: one renderer for server-sent data, from the page's <template>.

export function cardNode(root, id) {
  return root.querySelector(`#card-${id}`);
}

function truncate(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function newCardNode(root, id) {
  const template = root.querySelector("#card-template");
  const node = template.content.firstElementChild.cloneNode(true);
  node.id = `card-${id}`;
  node.dataset.card = String(id);
  node.querySelectorAll("form[action], a[href]").forEach((el) => {
    const attr = el.tagName === "FORM" ? "action" : "href";
    el.setAttribute(attr, el.getAttribute(attr).replace("/cards/0/", `/cards/${id}/`));
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

export function upsertCard(root, card, strings) {
  let node = cardNode(root, card.id);
  const isNew = !node;
  if (isNew) {
    node = newCardNode(root, card.id);
    card = { mine: false, my_votes: 0, ...card };
  }
  node.querySelector(".card-text").textContent = card.text;
  node.querySelector(".card-author").textContent = card.author.name || strings.anonymous;
  const role = node.querySelector(".card-role");
  role.dataset.role = card.author.role;
  role.textContent = (strings.roles || {})[card.author.role] || card.author.role;
  node.dataset.votes = String(card.votes);
  node.querySelector(".vote-count").textContent = String(card.votes);
  node.querySelectorAll(".card-label").forEach((el) => { el.textContent = ` ${truncate(card.text, 60)}`; });
  const list = root.querySelector(`.cards[data-column="${card.column}"]`);
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
