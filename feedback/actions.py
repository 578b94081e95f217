"""Every change to a board, shared by the HTML views and the WebSocket consumer.

Each command runs in its board's batch (``feedback.batching``: a transaction holding
the board's row lock, alone or with the commands that arrived with it), writes the
change and a ``BoardEvent`` with the board's next ``seq``, and records the request id
so a retried command returns the first acknowledgement instead of acting twice. The
event is broadcast only after the transaction commits (DESIGN §5, STYLE.md).

Event names and their ``data``:

- ``card.created``, ``card.updated``, ``vote.added``, ``vote.removed``: the card
  (``Card.as_data``: id, column, text, author name and role, votes, theme, hidden);
- ``card.deleted``: ``{"id": card id}``;
- ``board.state_changed``: the board settings (``board_settings``).

The facilitator's commands are in ``feedback.facilitation``. A card event is stored
and sent in up to three variants (``visibility.card_audience``): in full to
facilitators, as its author may see it, and as everyone else may; the fan-out picks
per recipient.
"""

from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from codesign.ids import parse_id

from . import batching, visibility
from .access import BoardAccess
from .batching import clean_request_id
from .models import (
    Board,
    BoardEvent,
    Card,
    Column,
    ModerationAction,
    Participant,
    Vote,
)
from .privacy import check_personal_data


@dataclass(frozen=True)
class Ack:
    """What the sender of a command learns: the event's seq and a small result."""

    seq: int
    result: dict = field(default_factory=dict)
    replayed: bool = False


def board_settings(board: Board) -> dict:
    ends = board.timer_ends_at
    return {
        "state": board.state,
        "prompt": board.prompt,
        "votes_per_participant": board.votes_per_participant,
        "silent": board.silent,
        "votes_hidden": board.votes_hidden,
        "vote_any_time": board.vote_any_time,
        "voting_open": board.voting_open,
        "multiple_votes": board.multiple_votes,
        "voting_round": board.voting_round,
        "timer_ends_at": ends.isoformat() if ends else None,
        "timer_paused_seconds": board.timer_paused_seconds,
    }


TIMER_FIELDS = ("timer_ends_at", "timer_paused_seconds")


def _require_open(board: Board) -> None:
    if not board.accepts_input:
        raise ValidationError(
            _("This board is not taking new input right now."), code="board_closed"
        )


def _require_not_archived(board: Board) -> None:
    if board.archived_at is not None:
        raise ValidationError(
            _("This board is archived: it can be read, not changed."),
            code="board_closed",
        )


def board_card(board: Board, card_id) -> Card:
    # order_by(): the model's default ordering would join the board and column
    # tables to find one row by its key, a third of a vote's time (performance.md).
    pk = parse_id(card_id)
    card = (
        Card.objects.select_related("participant")
        .filter(board=board, pk=pk)
        .order_by()
        .first()
        if pk is not None
        else None
    )
    if card is None:
        raise ValidationError(
            _("That card does not exist (any more)."), code="not_found"
        )
    return card


def _own_card(access: BoardAccess, board: Board, card_id) -> Card:
    participant = access.require_participant()
    card = board_card(board, card_id)
    if card.participant_id != participant.pk:
        raise PermissionDenied(_("You can only change your own cards."))
    return card


def run_command(access: BoardAccess, command: str, request_id, apply) -> Ack:
    """Run ``apply(board)`` as one idempotent command in the board's batch.

    ``apply`` returns (event name, data, result) or, for an event some viewers see
    less of, (event name, data, result, audience). The batch (``feedback.batching``)
    holds the board's row lock, gives the event the next ``seq`` and publishes it
    after commit; alone, the command is a batch of one.
    """
    request_id = clean_request_id(request_id)
    with batching.batch_for(access.board.pk) as batch:
        board = batch.board
        if request_id is not None:
            done = batch.done(access.actor_key, request_id)
            if done is not None:
                return Ack(*done, replayed=True)
        with batch.command():
            _require_not_archived(board)
            name, data, result, *audience = apply(board)
            seq = batch.record(name, data, *audience)
        if request_id is not None:
            batch.remember(access.actor_key, request_id, command, seq, result)
        access.board.last_seq = board.last_seq
        access.board.state = board.state
    return Ack(seq, result)


def card_event(board: Board, name: str, card: Card, result: dict) -> tuple:
    """What ``apply`` returns for a card event: name, data, result and variants."""
    data, audience = visibility.card_audience(board, name, card)
    return name, data, result, audience


def _columns(board: Board) -> dict[int, Column]:
    # order_by(): the default ordering would join the board table.
    return {
        column.pk: column for column in Column.objects.filter(board=board).order_by()
    }


def new_card(
    board, column, participant, text, entered_by=None, emotion: str = ""
) -> Card:
    """Create a card in one of the board's columns; sealed during a silent brainstorm."""
    columns = batching.once(("columns", board.pk), partial(_columns, board))
    column_obj = columns.get(parse_id(column))
    if column_obj is None:
        raise ValidationError(_("That column does not exist."), code="not_found")
    return Card.objects.create(
        board=board,
        column=column_obj,
        participant=participant,
        text=text,
        emotion=board.card_emotion(emotion),
        sealed=board.silent,
        entered_by=entered_by,
    )


def post_card(
    access: BoardAccess,
    column,
    text,
    request_id=None,
    confirm: bool = False,
    emotion: str = "",
) -> Ack:
    """A participant posts a card in a column of an open board."""
    participant = access.require_participant()
    check_personal_data(text, confirm)

    def apply(board):
        _require_open(board)
        card = new_card(board, column, participant, text, emotion=emotion)
        return card_event(board, "card.created", card, {"card": card.pk})

    return run_command(access, "card.create", request_id, apply)


def edit_card(
    access: BoardAccess,
    card,
    text,
    request_id=None,
    confirm: bool = False,
    emotion: str = "",
) -> Ack:
    """The author changes the text (and feeling) of their card while the board is open."""
    check_personal_data(text, confirm)

    def apply(board):
        _require_open(board)
        card_obj = _own_card(access, board, card)
        card_obj.text = text
        card_obj.emotion = board.card_emotion(emotion)
        card_obj.updated_at = timezone.now()
        card_obj.save(update_fields=["text", "emotion", "updated_at"])
        forget_card(board, card_obj.pk, moderation=False)
        return card_event(board, "card.updated", card_obj, {"card": card_obj.pk})

    return run_command(access, "card.update", request_id, apply)


def delete_card(access: BoardAccess, card, request_id=None) -> Ack:
    """The author deletes their card (and the votes on it) while the board is open."""

    def apply(board):
        _require_open(board)
        card_obj = _own_card(access, board, card)
        card_id = card_obj.pk
        forget_card(board, card_id)
        card_obj.delete()
        return "card.deleted", {"id": card_id}, {"card": card_id}

    return run_command(access, "card.delete", request_id, apply)


def forget_card(board: Board, card_id: int, *, moderation: bool = True) -> None:
    """Take a card's words out of its stored events (and the moderation record).

    Replays already show the present (``visibility.replay``); this makes a deleted
    card's words, or an edited card's earlier text, gone from the database too.
    ``seq`` keeps every event, now minimal.
    """
    BoardEvent.objects.filter(
        board=board, name__in=visibility.CARD_EVENTS, data__id=card_id
    ).update(data={"id": card_id}, audience={})
    for event in BoardEvent.objects.filter(board=board, name=visibility.REVEAL_EVENT):
        cards = event.data.get("cards", [])
        kept = [card for card in cards if card.get("id") != card_id]
        if len(kept) != len(cards):
            event.data["cards"] = kept
            event.save(update_fields=["data"])
    if moderation:
        ModerationAction.objects.filter(board=board, card_id=card_id).update(
            card_text=""
        )


def _require_voting(board: Board) -> None:
    _require_open(board)
    if not board.voting_open:
        raise ValidationError(_("Voting is closed right now."), code="voting_closed")


def _round_votes(board: Board, participant: Participant):
    """The participant's votes in the board's current voting round."""
    return Vote.objects.filter(
        board=board, participant=participant, voting_round=board.voting_round
    )


def add_vote(access: BoardAccess, card, request_id=None) -> Ack:
    """Put one of the participant's votes on a card, within the round's allowance.

    The board row is locked for the whole command (``run_command``), so parallel votes
    of one person are counted one after the other and never pass the allowance.
    """
    participant = access.require_participant()

    def apply(board):
        _require_voting(board)
        card_obj = board_card(board, card)
        if card_obj.hidden:
            raise ValidationError(_("That card is hidden."), code="not_found")
        if not visibility.may_vote_on(card_obj):
            raise ValidationError(visibility.sealed_vote_message(), code="sealed")
        mine = _round_votes(board, participant)
        used = mine.count()
        if used >= board.votes_per_participant:
            raise ValidationError(_("You have used all your votes."), code="invalid")
        if not board.multiple_votes and mine.filter(card=card_obj).exists():
            raise ValidationError(
                _("In this round you can give a card only one vote."), code="invalid"
            )
        Vote.objects.create(
            board=board,
            card=card_obj,
            participant=participant,
            voting_round=board.voting_round,
        )
        card_obj.votes += 1
        card_obj.save(update_fields=["votes"])
        result = {"card": card_obj.pk, "votes_left": _left(board, used + 1)}
        return card_event(board, "vote.added", card_obj, result)

    return run_command(access, "vote.add", request_id, apply)


def remove_vote(access: BoardAccess, card, request_id=None) -> Ack:
    """Take back one of the participant's votes from a card; never below zero."""
    participant = access.require_participant()

    def apply(board):
        _require_voting(board)
        card_obj = board_card(board, card)
        vote = _round_votes(board, participant).filter(card=card_obj).last()
        if vote is None:
            raise ValidationError(
                _("You have no vote on this card to take back."), code="invalid"
            )
        vote.delete()
        card_obj.votes = max(card_obj.votes - 1, 0)
        card_obj.save(update_fields=["votes"])
        used = _round_votes(board, participant).count()
        result = {"card": card_obj.pk, "votes_left": _left(board, used)}
        return card_event(board, "vote.removed", card_obj, result)

    return run_command(access, "vote.remove", request_id, apply)


def _left(board: Board, used: int) -> int:
    return max(board.votes_per_participant - used, 0)
