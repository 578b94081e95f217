"""A participant's personal data on a board: what is held, the download, the erasure.

Erasing takes the person's cards, votes, support requests and name off the board and
their words out of the stored events and the moderation record (``forget_card``), so
no replay, snapshot or export shows them again (issue 14). On a board that is not
closed each deletion is a command with its event, so live clients drop the cards; a
closed board has no live clients and is changed without events.
"""

from collections import Counter

from django.db import transaction

from codesign.models import Erasure

from .access import BoardAccess
from .actions import card_event, forget_card, run_command
from .models import Board, BoardEvent, Card, Participant, SupportRequest

SUPPORT_EVENTS = ("support.requested", "support.resolved")
FORMAT = "codesign-board-participation/1"


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def participation_data(participant: Participant) -> dict:
    """Everything stored about one participant on one board, as plain JSON data."""
    board = participant.board
    return {
        "board": {
            "code": board.join_code,
            "prompt": board.prompt,
            "project": board.project.title,
        },
        "display_name": participant.display_name,
        "role": participant.role,
        "consented_at": _when(participant.consented_at),
        "joined_at": _when(participant.joined_at),
        "cards": [
            {
                "id": card.pk,
                "column": card.column.title,
                "text": card.text,
                "votes": card.votes,
                "hidden": card.hidden,
                "created_at": _when(card.created_at),
                "updated_at": _when(card.updated_at),
            }
            for card in participant.cards.select_related("column")
        ],
        "votes": [
            {
                "card": vote.card_id,
                "round": vote.voting_round,
                "at": _when(vote.created_at),
            }
            for vote in participant.votes.all()
        ],
        "support_requests": [
            {
                "message": support.message,
                "created_at": _when(support.created_at),
                "resolved_at": _when(support.resolved_at),
            }
            for support in participant.support_requests.all()
        ],
    }


def download_data(participant: Participant) -> dict:
    """The guest's download: the format name and their participation."""
    return {"format": FORMAT, "participation": participation_data(participant)}


def _is_live(board: Board) -> bool:
    return board.state != Board.State.CLOSED


def _change(access: BoardAccess, command: str, apply) -> None:
    """Run ``apply(board)`` as a command on a live board, directly on a closed one."""
    if _is_live(access.board):
        run_command(access, command, None, apply)
    else:
        apply(access.board)


def _erase_votes(access: BoardAccess, participant: Participant) -> int:
    """Take back the person's votes on other people's cards, correcting the counts."""
    others = participant.votes.exclude(card__participant=participant)
    per_card = Counter(others.values_list("card_id", flat=True))
    others.delete()
    for card_id, taken in per_card.items():

        def apply(board, card_id=card_id, taken=taken):
            card = Card.objects.select_related("participant").get(pk=card_id)
            card.votes = max(card.votes - taken, 0)
            card.save(update_fields=["votes"])
            return card_event(board, "vote.removed", card, {"card": card_id})

        _change(access, "vote.erase", apply)
    return sum(per_card.values())


def _erase_cards(access: BoardAccess, participant: Participant) -> int:
    """Delete the person's cards, their votes and every stored copy of their words."""
    card_ids = list(participant.cards.values_list("pk", flat=True))
    for card_id in card_ids:

        def apply(board, card_id=card_id):
            forget_card(board, card_id)
            Card.objects.filter(pk=card_id).delete()
            return "card.deleted", {"id": card_id}, {"card": card_id}

        _change(access, "card.erase", apply)
    return len(card_ids)


def forget_support(board: Board, support: SupportRequest) -> None:
    """Take a support request's name and message out of its stored events."""
    blank = {**support.as_data(), "name": "", "message": ""}
    BoardEvent.objects.filter(
        board=board, name__in=SUPPORT_EVENTS, data__id=support.pk
    ).update(data=blank)


def _erase_support(board: Board, participant: Participant) -> int:
    supports = list(participant.support_requests.select_related("participant"))
    for support in supports:
        forget_support(board, support)
        support.delete()
    return len(supports)


def erase_participant(access: BoardAccess) -> Erasure:
    """A person erases themselves from a board: cards, votes, support requests, name.

    Also on a closed board. One transaction, so an erasure is whole or not at all.
    """
    participant = access.require_participant()
    board = access.board
    with transaction.atomic():
        count = (
            _erase_votes(access, participant)
            + _erase_cards(access, participant)
            + _erase_support(board, participant)
        )
        participant.delete()
        erasure = Erasure.objects.create(
            kind=Erasure.Kind.GUEST,
            project_id=board.project_id,
            subject=board.join_code,
            count=count + 1,
            reason=Erasure.Reason.REQUEST,
            by=participant.user,
        )
    access.participant = None
    return erasure
