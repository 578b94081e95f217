"""What reaches a socket follows the one visibility rule, with the rights of now (issue 11)."""

import json
import uuid

import pytest
from channels.db import database_sync_to_async

from codesign.models import Membership
from feedback import actions, facilitation
from feedback.access import board_for
from feedback.models import BoardEvent, ModerationAction

from .conftest import Guest, connect, receive, receive_until, send, session_cookie

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "Call me on 06-12345678, Mia Jansen"


async def resume_text(communicator, after=0) -> str:
    """Every frame a resume from ``after`` brings, as one text."""
    await send(communicator, {"type": "resume", "after": after})
    return json.dumps(await receive_until(communicator, "synced"))


async def test_replay_never_brings_back_a_deleted_card(board, column):
    mia = await database_sync_to_async(Guest)(board, "Mia Jansen")
    posted = await database_sync_to_async(actions.post_card)(
        mia.access, column.pk, PHONE, confirm=True
    )

    await database_sync_to_async(actions.delete_card)(mia.access, posted.result["card"])
    newcomer = await database_sync_to_async(Guest)(board, "Ben")
    socket = await connect(board.join_code, newcomer.cookie)
    replay = await resume_text(socket)

    assert "06-12345678" not in replay and "Mia Jansen" not in replay
    assert '"name": "card.deleted"' in replay
    await socket.disconnect()


def stored_texts(board) -> str:
    events = BoardEvent.objects.filter(board=board).values_list("data", "audience")
    moderation = ModerationAction.objects.filter(board=board)
    return json.dumps([list(events), list(moderation.values_list("card_text"))])


@pytest.mark.django_db
def test_a_deleted_cards_words_are_gone_from_the_database(board, column, organiser):
    mia = Guest(board, "Mia Jansen")
    card = actions.post_card(mia.access, column.pk, PHONE, confirm=True).result["card"]
    facilitation.hide_card(board_for(organiser, board, {}), card, "Phone number")
    facilitation.unhide_card(board_for(organiser, board, {}), card)

    actions.delete_card(mia.access, card)

    stored = stored_texts(board)
    assert "06-12345678" not in stored and "Mia Jansen" not in stored
    assert list(ModerationAction.objects.values_list("reason", flat=True)) == [
        "",
        "Phone number",
    ]


async def test_replay_of_an_edited_card_shows_only_its_new_text(board, column):
    mia = await database_sync_to_async(Guest)(board, "Mia")
    posted = await database_sync_to_async(actions.post_card)(
        mia.access, column.pk, PHONE, confirm=True
    )
    await database_sync_to_async(actions.edit_card)(
        mia.access, posted.result["card"], "Call the ward"
    )
    ben = await database_sync_to_async(Guest)(board, "Ben")

    socket = await connect(board.join_code, ben.cookie)
    replay = await resume_text(socket)

    assert "06-12345678" not in replay
    assert replay.count("Call the ward") == 2  # card.created and card.updated, as now
    await socket.disconnect()


async def test_replay_of_a_hidden_card_reaches_only_its_author_and_staff(
    board, column, organiser
):
    mia = await database_sync_to_async(Guest)(board, "Mia")
    ben = await database_sync_to_async(Guest)(board, "Ben")
    posted = await database_sync_to_async(actions.post_card)(
        mia.access, column.pk, "Rude words"
    )
    staff = await database_sync_to_async(board_for)(organiser, board, {})
    await database_sync_to_async(facilitation.hide_card)(
        staff, posted.result["card"], "Unkind"
    )
    sockets = [
        await connect(board.join_code, cookie)
        for cookie in (
            mia.cookie,
            ben.cookie,
            await database_sync_to_async(session_cookie)(organiser),
        )
    ]

    replays = [await resume_text(socket) for socket in sockets]

    assert ["Rude words" in replay for replay in replays] == [True, False, True]
    assert "Unkind" not in replays[1]
    for socket in sockets:
        await socket.disconnect()


@pytest.mark.django_db
def test_vote_on_a_sealed_card_is_refused(board, column, organiser):
    staff = board_for(organiser, board, {})
    facilitation.set_mode(staff, True, False)
    facilitation.start_round(staff, 3, False)
    mia, ben = Guest(board, "Mia"), Guest(board, "Ben")
    card = actions.post_card(mia.access, column.pk, "Sealed idea").result["card"]

    with pytest.raises(Exception) as refused:
        actions.add_vote(ben.access, card)

    assert refused.value.code == "sealed"
    assert (
        str(refused.value.messages[0]) == "You can vote on this card after the reveal."
    )
    assert board.votes.count() == 0


async def test_a_removed_facilitator_stops_receiving_sealed_text_at_once(
    board, column, facilitator
):
    staff = await database_sync_to_async(board_for)(facilitator, board, {})
    await database_sync_to_async(facilitation.set_mode)(staff, True, False)
    socket = await connect(
        board.join_code, await database_sync_to_async(session_cookie)(facilitator)
    )
    await resume_text(socket)
    membership = await database_sync_to_async(Membership.objects.get)(
        project=board.project, user=facilitator
    )

    await database_sync_to_async(membership.delete)()
    closed = await receive(socket)

    assert closed == {"type": "websocket.close", "code": 4403}
    await socket.disconnect()


async def test_a_facilitator_demoted_to_team_gets_what_the_team_gets(
    board, column, facilitator
):
    staff = await database_sync_to_async(board_for)(facilitator, board, {})
    await database_sync_to_async(facilitation.set_mode)(staff, True, False)
    socket = await connect(
        board.join_code, await database_sync_to_async(session_cookie)(facilitator)
    )
    await resume_text(socket)
    membership = await database_sync_to_async(Membership.objects.get)(
        project=board.project, user=facilitator
    )
    membership.role = Membership.Role.TEAM
    await database_sync_to_async(membership.save)()
    mia = await database_sync_to_async(Guest)(board, "Mia")

    await send_card(mia, column, "Only staff may read this now")
    event = await receive(socket)

    assert event["name"] == "card.created"
    assert (event["data"]["text"], event["data"]["sealed"]) == ("", True)
    replay = await resume_text(socket)
    assert "Only staff may read this now" not in replay
    await socket.disconnect()


async def send_card(guest, column, text):
    socket = await connect(guest.board.join_code, guest.cookie)
    await send(
        socket,
        {
            "type": "card.create",
            "request_id": str(uuid.uuid4()),
            "column": column.pk,
            "text": text,
        },
    )
    await receive_until(socket, "ack")
    await socket.disconnect()
