"""Every facilitator command with every role: only organisers and facilitators may."""

import uuid

import pytest
from channels.db import database_sync_to_async
from django.test import override_settings

from feedback import actions, activities, boards, facilitation
from feedback.access import board_for
from feedback.commands import COMMANDS

from .conftest import Guest, connect, receive, send, session_cookie

pytestmark = pytest.mark.django_db(transaction=True)

PARTICIPANT_COMMANDS = {
    "card.create",
    "card.update",
    "card.delete",
    "vote.add",
    "vote.remove",
    "support.request",
    "activity.answer",
}
FACILITATOR_COMMANDS = sorted(set(COMMANDS) - PARTICIPANT_COMMANDS)


def arrange(board, column, organiser):
    """A card, two themes and a support request the commands can point at."""
    guest = Guest(board, "Anna")
    card = actions.post_card(guest.access, column.pk, "Calls at night")
    staff = board_for(organiser, board, {})
    theme = facilitation.create_theme(staff, "Nights").result["theme"]
    other = facilitation.create_theme(staff, "Days").result["theme"]
    support = facilitation.request_support(guest.access, "help").result["support"]
    poll = activities.add_activity(staff, "poll", "Which?", ["A", "B"])
    return {
        "card": card.result["card"],
        "theme": theme,
        "into": other,
        "support": support,
        "column": column.pk,
        "activity": poll.result["activity"],
    }


def payload(command, ids) -> dict:
    fields = {
        "board.set_state": {"state": "paused"},
        "board.edit": {"prompt": "What helps at night?"},
        "board.set_mode": {"silent": True, "votes_hidden": False},
        "timer.start": {"minutes": 5},
        "votes.start_round": {"votes": 3, "multiple": True},
        "theme.create": {"name": "Money"},
        "theme.rename": {"theme": ids["into"], "name": "Evenings"},
        "theme.merge": {"theme": ids["theme"], "into": ids["into"]},
        "theme.assign": {"card": ids["card"], "theme": ids["into"]},
        "card.hide": {"card": ids["card"], "reason": "Off topic"},
        "card.unhide": {"card": ids["card"]},
        "card.scribe": {"column": ids["column"], "text": "Paper", "role": "family"},
        "support.resolve": {"support": ids["support"]},
        "activity.add": {"kind": "scale", "question": "Easy?", "scale": "faces"},
        "activity.open": {"activity": ids["activity"]},
        "activity.close": {"activity": ids["activity"]},
        "activity.reveal": {"activity": ids["activity"]},
    }.get(command, {})
    return {"type": command, "request_id": str(uuid.uuid4()), **fields}


def cookie_for(person, request, board):
    if person == "guest":
        return Guest(board, "Gita").cookie
    user = request.getfixturevalue(person)
    if person == "participant":
        boards.join_board(board, user, display_name="Pat", role="patient")
    return session_cookie(user)


# More commands than one burst allows: this test is about rights, not the rate limit.
@override_settings(BOARD_RATE_LIMIT=10**9)
@pytest.mark.parametrize(
    "person", ["organiser", "facilitator", "team_member", "participant", "guest"]
)
async def test_every_facilitator_command_with_every_role(
    request, board, column, organiser, person
):
    ids = await database_sync_to_async(arrange)(board, column, organiser)
    cookie = await database_sync_to_async(cookie_for)(person, request, board)
    communicator = await connect(board.join_code, cookie)
    allowed = person in ("organiser", "facilitator")
    replies = {}

    for command in FACILITATOR_COMMANDS:
        await send(communicator, payload(command, ids))
        while True:
            frame = await receive(communicator)
            if frame["type"] in ("ack", "error"):
                break
        replies[command] = frame.get("code", frame["type"])

    expected = "ack" if allowed else "forbidden"
    assert replies == {command: expected for command in FACILITATOR_COMMANDS}
    await communicator.disconnect()
