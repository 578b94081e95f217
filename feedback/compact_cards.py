"""The board pages' compact cards, written in Python instead of a template per card.

Django's template engine spent most of a 1,000-card page's time going through a card
template once per card (docs/performance.md, "Big boards load fast"). This writes the
same markup: only the controls a card needs now, the action addresses reversed and
the words translated once per page. Every text is escaped, because cards hold
patients' words; ids and counts are written as integers (``:d``), which fail rather
than carry anything else. The script swaps in the full ``_card_template.html`` the
first time a card changes.
"""

from django.template import Context
from django.urls import reverse
from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import emotion_words

# The page's words for the script (``pages._js_strings``) that cards show as well.
SHARED_WORDS = ("sealed", "anonymous", "scribe", "votes_hidden", "no_votes_left")
ACTION_URLS = {
    "vote": "feedback:vote_add",
    "unvote": "feedback:vote_remove",
    "edit": "feedback:card_edit",
    "delete": "feedback:card_delete",
}
# Each action's address is reversed for card 0 once, then filled in per card.
CARD_0 = "/cards/0/"
STAFF_TEMPLATE = "feedback/_staff_card.html"


class CompactCards:
    """What all cards of one page share: its words, addresses and who is looking."""

    def __init__(self, context: Context):
        self.context = context
        strings = context["strings"]
        self.words = {key: escape(strings[key]) for key in SHARED_WORDS}
        self.roles = {code: escape(label) for code, label in context["roles"].items()}
        self.feelings = {
            value: escape(f"{word['icon']} {word['label']}")
            for value, word in emotion_words().items()
        }
        self.hidden_by = _("Hidden by the facilitator: %(reason)s")
        self.votes, self.yours = escape(_("Votes")), escape(_("yours"))
        self.with_forms = bool(context.get("with_forms"))
        self.buttons = self._buttons(context) if self.with_forms else {}
        staff = context.get("staff_forms")
        self.staff = (
            context.template.engine.get_template(STAFF_TEMPLATE) if staff else None
        )

    def _buttons(self, context: Context) -> dict:
        """The action addresses around the card's id, and the buttons' words."""
        code = context["board"].join_code
        urls = {
            name: [escape(part) for part in reverse(url, args=[code, 0]).split(CARD_0)]
            for name, url in ACTION_URLS.items()
        }
        disabled = why = ""
        if context.get("votes_spent"):
            disabled = " disabled"
            why = f'<span class="vote-why">{self.words["no_votes_left"]}</span>'
        return {
            "urls": urls,
            "disabled": disabled,
            "why": why,
            "vote": escape(_("Vote")),
            "unvote": escape(_("Take back a vote")),
            "edit": escape(_("Edit")),
            "delete": escape(_("Delete")),
        }

    def render(self, cards: list[dict]) -> SafeString:
        """The cards' markup, each card followed by a new line."""
        return mark_safe("".join([self.card(card) for card in cards]))

    def card(self, card: dict) -> str:
        """One card: what the page's script and the tests read, in this order."""
        card_id = f"{card['id']:d}"
        if card["sealed"] and not card["text"]:
            text = self.words["sealed"]
        else:
            text = escape(card["text"])
        parts = [
            self._opening(card, card_id),
            f'<p class="card-text" id="text-for-{card_id}">{text}</p>\n',
        ]
        if card["emotion"]:
            feeling = self.feelings.get(card["emotion"], "")
            parts.append(f'<p class="card-emotion">{feeling}</p>\n')
        if card["hidden"]:
            note = self.hidden_by % {"reason": escape(card["hidden_reason"])}
            parts.append(f'<p class="card-hidden-note">{note}</p>\n')
        parts += [self._meta(card), self._votes(card)]
        if self.with_forms:
            parts.append(self._actions(card, card_id))
        if self.staff is not None:
            parts.append(self._staff(card))
        parts.append("</li>\n")
        return "".join(parts)

    def _opening(self, card: dict, card_id: str) -> str:
        """The ``li`` with its classes and the ``data-`` attributes the script reads."""
        classes = "card"
        for flag in ("mine", "hidden", "sealed"):
            if card[flag]:
                classes += f" card-{flag}"
        votes = "" if card["votes"] is None else f"{card['votes']:d}"
        tag = f'<li class="{classes}" id="card-{card_id}" data-card="{card_id}"'
        tag += f' data-votes="{votes}"'
        if card["my_votes"]:
            tag += f' data-my-votes="{card["my_votes"]:d}"'
        if card["mine"]:
            tag += ' data-mine="1"'
        if card["theme"] is not None:
            tag += f' data-theme="{card["theme"]:d}"'
        tag += f' data-column="{card["column"]:d}"'
        if card["emotion"]:
            tag += f' data-emotion="{escape(card["emotion"])}"'
        if card["scribe"]:
            tag += ' data-scribe="1"'
        return tag + ">\n"

    def _meta(self, card: dict) -> str:
        """Who wrote the card: their name (or "Anonymous"), role and the scribe."""
        author, role = card["author"]["name"], card["author"]["role"]
        if author:
            name = escape(author)
        else:
            name = self.words["anonymous"] if role else ""
        label = self.roles.get(role, "")
        scribe = ""
        if card["scribe"]:
            scribe = f'<span class="card-scribe"> · {self.words["scribe"]}</span>'
        return (
            f'<p class="card-meta"><span class="card-author">{name}</span> · '
            f'<span class="card-role" data-role="{escape(role)}">{label}</span>'
            f"{scribe}</p>\n"
        )

    def _votes(self, card: dict) -> str:
        """The card's votes, or why they are hidden, and the viewer's own votes."""
        if card["votes"] is None:
            count = self.words["votes_hidden"]
        else:
            count = f"{card['votes']:d}"
        mine = ""
        if self.with_forms and card["my_votes"]:
            mine = (
                f'<span class="my-votes"> · {self.yours}: '
                f'<span class="my-vote-count">{card["my_votes"]:d}</span></span>'
            )
        return (
            f'<p class="card-votes">{self.votes}: '
            f'<span class="vote-count">{count}</span>{mine}</p>\n'
        )

    def _actions(self, card: dict, card_id: str) -> str:
        """Vote, and where the viewer may: take a vote back, edit, delete."""
        buttons = self.buttons
        card_path = f"/cards/{card_id}/"
        urls = {name: card_path.join(parts) for name, parts in buttons["urls"].items()}
        described = f'aria-describedby="text-for-{card_id}"'
        html = (
            f'<p class="card-actions"><button form="card-do" formaction="{urls["vote"]}"'
            f' data-command="vote.add" class="small vote-button" {described}'
            f"{buttons['disabled']}>{buttons['vote']}</button>{buttons['why']}"
        )
        if card["my_votes"]:
            html += (
                f'\n<button form="card-do" formaction="{urls["unvote"]}" '
                'data-command="vote.remove" class="small secondary vote-button '
                f'unvote-form" {described}>{buttons["unvote"]}</button>'
            )
        if card["mine"]:
            html += (
                f'\n<a class="button small secondary own-only" href="{urls["edit"]}" '
                f'{described}>{buttons["edit"]}</a>\n<button form="card-do" '
                f'formaction="{urls["delete"]}" data-command="card.delete" '
                f'class="small danger own-only" {described}>{buttons["delete"]}</button>'
            )
        return html + "</p>\n"

    def _staff(self, card: dict) -> str:
        """The facilitator's forms of the card, from their own template."""
        with self.context.push(card=card):
            return self.staff.render(self.context)
