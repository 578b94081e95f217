// Other people's new cards, read out in batches ("3 new cards") rather than one
// by one, and not at all when the reader turns it off (remembered per device).
import { columnTitle, format } from "./board-live.js";

const KEY = "codesign.board.read-new-cards";
const WINDOW_MS = 2000;

export class CardAnnouncer {
  constructor(root, strings, announce, toggle) {
    this.root = root;
    this.strings = strings;
    this.announce = announce;
    this.cards = [];
    this.timer = null;
    this.toggle = toggle;
    if (toggle) {
      toggle.checked = window.localStorage.getItem(KEY) !== "off";
      toggle.addEventListener("change", () => {
        window.localStorage.setItem(KEY, toggle.checked ? "on" : "off");
      });
    }
  }

  add(card) {
    if (this.toggle && !this.toggle.checked) return;
    this.cards.push(card);
    // A fixed window, not a debounce: a steady stream is still read out.
    if (!this.timer) this.timer = window.setTimeout(() => this.flush(), WINDOW_MS);
  }

  flush() {
    const cards = this.cards;
    this.cards = [];
    this.timer = null;
    if (!cards.length) return;
    if (cards.length === 1) {
      const column = columnTitle(this.root, cards[0].column);
      this.announce(format(this.strings.new_card, { column, text: cards[0].text }));
    } else {
      this.announce(format(this.strings.new_cards, { count: cards.length }));
    }
  }
}
