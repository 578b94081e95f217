"""Who may see what on a board: the one rule every path asks (DESIGN §8).

The board page, snapshots, live frames, replays, the projector, results, board
exports and the log's pages all take what a viewer receives from here, and nothing
else decides. The rule:

- Facilitators and organisers of the board's project (``staff``) see every card in
  full, hidden and sealed ones included, with vote counts.
- A card's author sees their own card, also when it is hidden (with the reason) or
  sealed, but no vote counts while counts are hidden.
- Everyone else, the projector on the wall included, sees a sealed card only as a
  placeholder (no text, no author), never a hidden card, and no vote counts while
  they are hidden; a vote while counts are hidden reaches them as a ``private``
  event that names neither card nor count.
- Replays show the present: every card event in a replay carries the card as the
  viewer may see it now, so a deleted, hidden or edited card's former text or author
  is never replayed (docs/protocol.md).
- Sealed and hidden cards are not evidence: the log and every public page use
  ``citable`` cards only.
- For people outside the project team, counts of 1 to 4 per stakeholder role are
  never shown, nor any total from which one could be derived (``suppress_small``).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Card

FULL, OWN, OTHER = "full", "own", "other"
# The minimal event a recipient gets for a change they may not see: it keeps the
# board's ``seq`` gap-free and says nothing else.
PRIVATE = {"name": "private", "data": {}}
SMALL_COUNT = 5
VOTE_EVENTS = ("vote.added", "vote.removed")


@dataclass(frozen=True)
class Viewer:
    """Someone looking at a board: staff, or a participant (None: nobody's cards)."""

    staff: bool = False
    participant_id: int | None = None

    @classmethod
    def of(cls, access) -> "Viewer":
        """The viewer behind a ``BoardAccess``, with the rights it holds now."""
        participant = access.participant
        return cls(access.is_staff, participant.pk if participant else None)

    def view_of(self, author_id: int | None) -> str:
        """Which variant of something written by ``author_id`` this viewer gets."""
        if self.staff:
            return FULL
        if author_id is not None and author_id == self.participant_id:
            return OWN
        return OTHER


# What the wall shows: what a participant sees who wrote none of the cards.
PROJECTOR = Viewer()


def card_data(card, view: str, votes_hidden: bool) -> dict | None:
    """The card as a viewer of ``view`` may see it, or None when it is not there."""
    if view == OTHER and card.hidden:
        return None
    data = card.as_data()
    if view != FULL and votes_hidden:
        data["votes"] = None
    if view == OTHER and card.sealed:
        data.update(text="", author={"name": "", "role": ""}, scribe=False, emotion="")
    return data


def card_message(board, name: str, card, view: str) -> dict:
    """A card event's name and data for one variant of recipient."""
    if name in VOTE_EVENTS and board.votes_hidden and view != FULL:
        return PRIVATE
    data = card_data(card, view, board.votes_hidden)
    if data is None:
        return {"name": "card.deleted", "data": {"id": card.pk}}
    return {"name": name, "data": data}


def card_audience(board, name: str, card) -> tuple[dict, dict | None]:
    """The card event's full data and, where others or its author see less, variants.

    The variants are stored with the event (``BoardEvent.audience``) and picked per
    recipient by the fan-out, which does no database work of its own.
    """
    full = card_message(board, name, card, FULL)["data"]
    variants = {}
    for view in (OWN, OTHER):
        message = card_message(board, name, card, view)
        variants[view] = message if message != {"name": name, "data": full} else None
    if not any(variants.values()):
        return full, None
    return full, {"owner": card.participant_id, **variants}


def private_audience(owner_id: int | None) -> dict:
    """Variants of an event only staff and ``owner_id`` may read (support requests)."""
    return {"owner": owner_id, "own": None, "other": PRIVATE}


def variant_of(viewer: Viewer, owner: int | None, own, other) -> str:
    """Which variant of an event the viewer gets; a missing variant means the full one.

    ``own`` and ``other`` are the event's variants for its owner and for everyone
    else (None where they equal the full event). The hub and replays both ask this.
    """
    view = viewer.view_of(owner)
    variant = {FULL: True, OWN: own, OTHER: other}[view]
    return view if variant is not None else FULL


def stored_message(event, viewer: Viewer) -> dict:
    """A stored event's variant for this viewer (``BoardEvent.audience``)."""
    audience = event.audience
    if not audience:
        return event.as_message()
    own, other = audience.get(OWN), audience.get(OTHER)
    view = variant_of(viewer, audience.get("owner"), own, other)
    return event.as_message({OWN: own, OTHER: other}.get(view))


def may_vote_on(card) -> bool:
    """Only cards everyone can read take votes: not hidden, not sealed."""
    return not (card.hidden or card.sealed)


def sealed_vote_message() -> str:
    return _("You can vote on this card after the reveal.")


def citable(cards):
    """The cards of a queryset that may be evidence and appear on log or public pages."""
    return cards.filter(hidden=False, sealed=False)


def shown_count(count: int, exact: bool):
    """The count, or "fewer than 5" for 1 to 4 when the viewer is not on the team."""
    if exact or count == 0 or count >= SMALL_COUNT:
        return count
    return _("fewer than 5")


def suppress_small(by_role: dict, exact: bool) -> tuple[dict, object]:
    """Counts per role and their total, as someone inside or outside the team may see.

    Outside the team a role's count of 1 to 4 is "fewer than 5", and the total is
    shown only when no role was suppressed (else one could subtract the others): a
    total under 5 is then "fewer than 5", a larger one is None (not shown).
    """
    total = sum(by_role.values())
    shown = {role: shown_count(count, exact) for role, count in by_role.items()}
    if exact or all(count == 0 or count >= SMALL_COUNT for count in by_role.values()):
        return shown, total
    return shown, (shown_count(total, False) if total < SMALL_COUNT else None)


# Replays ---------------------------------------------------------------------------

# Events whose data is one card (``Card.as_data``): replayed as the card is now.
CARD_EVENTS = frozenset(
    {"card.created", "card.updated", "card.hidden", "card.unhidden", "theme.assigned"}
    | set(VOTE_EVENTS)
)
REVEAL_EVENT = "board.revealed"


def replayed_card_ids(events) -> set[int]:
    """The ids of the cards that a run of stored events speaks about."""
    ids = set()
    for event in events:
        if event.name in CARD_EVENTS:
            ids.add(event.data.get("id"))
        elif event.name == REVEAL_EVENT:
            ids.update(card["id"] for card in event.data.get("cards", ()))
    return ids


def replay_message(board, viewer: Viewer, event, cards: dict) -> dict:
    """A stored event as this viewer may see it now; ``cards`` are the cards of now.

    A card that was deleted since replays as ``card.deleted``; one that was hidden,
    sealed or edited replays as it is now, so withdrawn text never comes back.
    """
    if event.name in CARD_EVENTS:
        card = cards.get(event.data.get("id"))
        if card is None:
            return event.as_message(
                {"name": "card.deleted", "data": {"id": event.data.get("id")}}
            )
        view = viewer.view_of(card.participant_id)
        return event.as_message(card_message(board, event.name, card, view))
    if event.name == REVEAL_EVENT:
        shown = []
        for old in event.data.get("cards", ()):
            card = cards.get(old["id"])
            data = card and card_data(
                card, viewer.view_of(card.participant_id), board.votes_hidden
            )
            if data is not None:
                shown.append(data)
        return event.as_message(
            {"name": event.name, "data": {**event.data, "cards": shown}}
        )
    return stored_message(event, viewer)


def replay(board, viewer: Viewer, events: list) -> list[dict]:
    """Stored events as this viewer may see them now, with one query for their cards."""
    ids = replayed_card_ids(events)
    cards = (
        Card.objects.filter(board=board, pk__in=ids).for_display().in_bulk()
        if ids
        else {}
    )
    return [replay_message(board, viewer, event, cards) for event in events]


# Activities ------------------------------------------------------------------------
# An answer is sealed until the facilitator reveals the activity's results: staff
# learn how many answered, the answerer gets their own answer back, everyone else a
# ``private`` event. Replays send the stored variant for the viewer of now
# (``stored_message``), so a sealed answer never reaches anyone else on any path, and
# the results travel only in ``activity.revealed``, exact for staff and with small
# counts suppressed for everyone else.


def answer_audience(activity, participant_id: int, choice: list, answers: int):
    """An ``activity.answered`` event's full data (for staff) and its variants."""
    full = {"id": activity.pk, "answers": answers}
    own = {"name": "activity.answered", "data": {"id": activity.pk, "mine": choice}}
    return full, {"owner": participant_id, "own": own, "other": PRIVATE}


def reveal_audience(data: dict, exact: dict, shown: dict) -> tuple[dict, dict]:
    """An ``activity.revealed`` event: exact results for staff, ``shown`` for others."""
    other = {"name": "activity.revealed", "data": {**data, "results": shown}}
    return {**data, "results": exact}, {"owner": None, "own": None, "other": other}


def activity_view(data: dict, viewer: Viewer, mine, answers: int, results) -> dict:
    """An activity in a snapshot: the viewer's own answer, a count only for staff,
    and results only once revealed (``results`` already as the viewer may see them)."""
    view = dict(data, mine=mine if viewer.participant_id else None)
    if viewer.staff:
        view["answers"] = answers
    view["results"] = results if data["revealed"] else None
    return view
