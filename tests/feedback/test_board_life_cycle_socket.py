"""``board.edit`` over the socket: participants see the new words live (issue 15)."""

import uuid

import pytest
from channels.db import database_sync_to_async

from .conftest import connect, receive, receive_until, send, session_cookie

pytestmark = pytest.mark.django_db(transaction=True)


async def synced(code, cookie):
    communicator = await connect(code, cookie)
    await send(communicator, {"type": "resume", "after": 0})
    await receive_until(communicator, "synced")
    return communicator


async def test_a_live_client_receives_board_edited(board, guest, organiser):
    cookie = await database_sync_to_async(session_cookie)(organiser)
    staff = await synced(board.join_code, cookie)
    phone = await synced(board.join_code, guest.cookie)
    columns = ["Good", "What could be better", "Ideas", "Questions"]

    await send(
        staff,
        {
            "type": "board.edit",
            "request_id": str(uuid.uuid4()),
            "prompt": "What helps at night?",
            "columns": columns,
        },
    )
    event = await receive(phone)

    assert (event["type"], event["name"], event["seq"]) == ("event", "board.edited", 1)
    assert event["data"]["prompt"] == "What helps at night?"
    assert event["data"]["state"] == "open"
    assert [(c["key"], c["title"]) for c in event["data"]["columns"]] == [
        ("", "Good"),
        ("better", "What could be better"),
        ("ideas", "Ideas"),
        ("questions", "Questions"),
    ]
    await staff.disconnect()
    await phone.disconnect()


async def test_a_participant_may_not_edit_the_board(board, guest):
    phone = await synced(board.join_code, guest.cookie)

    await send(
        phone,
        {"type": "board.edit", "request_id": str(uuid.uuid4()), "prompt": "Mine"},
    )
    reply = await receive(phone)

    await database_sync_to_async(board.refresh_from_db)()
    assert (reply["type"], reply["code"]) == ("error", "forbidden")
    assert board.prompt == "What matters to you at home?"
    await phone.disconnect()


async def test_votes_per_person_cannot_change_while_open(board, organiser):
    cookie = await database_sync_to_async(session_cookie)(organiser)
    staff = await synced(board.join_code, cookie)

    await send(
        staff,
        {
            "type": "board.edit",
            "request_id": str(uuid.uuid4()),
            "votes_per_participant": 9,
        },
    )
    reply = await receive(staff)

    await database_sync_to_async(board.refresh_from_db)()
    assert (reply["type"], reply["code"]) == ("error", "invalid")
    assert (board.votes_per_participant, board.last_seq) == (3, 0)
    await staff.disconnect()
