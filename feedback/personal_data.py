"""A participant's personal data on a board: what is held, the download, the erasure.

Erasing takes the person's cards, votes, support requests and name off the board and
their words out of the stored events and the moderation record (``forget_card``), so
no replay, snapshot or export shows them again (issue 14). On a board that is not
closed each deletion is a command with its event, so live clients drop the cards; a
closed board has no live clients and is changed without events.
"""

import secrets
from collections import Counter

from django.db import transaction

from codesign.models import Erasure

from . import visibility
from .access import BoardAccess
from .actions import card_event, forget_card, run_command
from .models import Board, BoardEvent, Card, Participant, SupportRequest

SUPPORT_EVENTS = ("support.requested", "support.resolved")
# The guest key of a participation whose account was deleted: no cookie can claim it.
ERASED_KEY_PREFIX = "erased-"
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
        "answers": [
            {
                "question": answer.activity.question,
                "choice": answer.choice,
                "at": _when(answer.updated_at),
            }
            for answer in participant.answers.select_related("activity")
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


def _blank_authors(value, card_ids: set[int]) -> bool:
    """Blank the author's name of every card in ``card_ids`` within stored JSON."""
    changed = False
    if isinstance(value, dict):
        author = value.get("author")
        if value.get("id") in card_ids and isinstance(author, dict) and author["name"]:
            author["name"] = ""
            changed = True
        items = value.values()
    elif isinstance(value, list):
        items = value
    else:
        return False
    for item in list(items):
        changed = _blank_authors(item, card_ids) or changed
    return changed


def forget_names(board: Board, participants) -> None:
    """Take these participants' names out of the board's stored events."""
    card_ids = set(
        Card.objects.filter(participant__in=participants).values_list("pk", flat=True)
    )
    names = visibility.CARD_EVENTS | {visibility.REVEAL_EVENT}
    for event in BoardEvent.objects.filter(board=board, name__in=names):
        if _blank_authors([event.data, event.audience], card_ids):
            event.save(update_fields=["data", "audience"])
    supports = SupportRequest.objects.filter(participant__in=participants)
    for support in supports.select_related("participant"):
        BoardEvent.objects.filter(
            board=board, name__in=SUPPORT_EVENTS, data__id=support.pk
        ).update(data={**support.as_data(), "name": ""})


def collect_participations(sender, user, **kwargs) -> dict:
    """The account's board participations with their cards, votes and requests."""
    participants = Participant.objects.filter(user=user).select_related(
        "board__project"
    )
    return {"participations": [participation_data(p) for p in participants]}


def anonymise_participations(sender, user, **kwargs) -> int:
    """An account goes: its cards stay as "Anonymous · role", its messages go."""
    participants = list(Participant.objects.filter(user=user).select_related("board"))
    for participant in participants:
        participant.display_name = ""
        forget_names(participant.board, [participant])
        for support in participant.support_requests.all():
            forget_support(participant.board, support)
        participant.support_requests.update(message="")
        participant.user = None
        participant.guest_key = ERASED_KEY_PREFIX + secrets.token_urlsafe(24)
        participant.save(update_fields=["display_name", "user", "guest_key"])
    return len(participants)
