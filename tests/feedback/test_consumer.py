"""The board WebSocket (DESIGN §5): commands, broadcasts, refusals and errors."""

import uuid

import pytest
from channels.db import database_sync_to_async
from django.test import Client

from feedback import actions
from feedback.commands import COMMANDS
from feedback.models import Board, BoardEvent, Card, Vote

from .conftest import Guest, connect, receive, receive_events, send, session_cookie

pytestmark = pytest.mark.django_db(transaction=True)


UUID = "6f1c2a4e-8d3b-4f5a-9c7e-1b2d3e4f5a6b"


def rid() -> str:
    return str(uuid.uuid4())


async def test_unknown_board_closes_with_4404(board):
    communicator = await connect("ZZZZZZ")

    closing = await communicator.receive_output()

    assert closing == {"type": "websocket.close", "code": 4404}
    await communicator.disconnect()


async def test_visitor_who_has_not_joined_is_refused_with_4403(board):
    communicator = await connect(board.join_code)

    closing = await communicator.receive_output()

    assert closing == {"type": "websocket.close", "code": 4403}
    await communicator.disconnect()


async def test_guest_of_board_a_is_refused_on_board_b(board, other_board, guest):
    communicator = await connect(other_board.join_code, guest.cookie)

    closing = await communicator.receive_output()

    assert closing == {"type": "websocket.close", "code": 4403}
    await communicator.disconnect()


async def test_outsider_account_is_refused(board, outsider):
    cookie = await database_sync_to_async(session_cookie)(outsider)
    communicator = await connect(board.join_code, cookie)

    closing = await communicator.receive_output()

    assert closing == {"type": "websocket.close", "code": 4403}
    await communicator.disconnect()


async def test_card_create_is_acked_and_reaches_both_clients(
    board, guest, second_guest, column
):
    first = await connect(board.join_code, guest.cookie)
    second = await connect(board.join_code, second_guest.cookie)
    for communicator in (first, second):
        await send(communicator, {"type": "resume", "after": 0})
        assert await receive(communicator) == {"type": "synced", "seq": 0}
    request_id = rid()

    await send(
        first,
        {
            "type": "card.create",
            "request_id": request_id,
            "column": column.pk,
            "text": " Call me at night ",
        },
    )

    frames = [await receive(first), await receive(first)]
    card = await database_sync_to_async(Card.objects.get)()
    ack = next(f for f in frames if f["type"] == "ack")
    event = next(f for f in frames if f["type"] == "event")
    assert ack == {
        "type": "ack",
        "request_id": request_id,
        "seq": 1,
        "result": {"card": card.pk},
    }
    assert event["seq"] == 1
    assert event["name"] == "card.created"
    assert event["data"] == {
        "id": card.pk,
        "column": column.pk,
        "text": "Call me at night",
        "emotion": "",
        "author": {"name": "Anna", "role": "patient"},
        "votes": 0,
        "theme": None,
        "hidden": False,
        "hidden_reason": "",
        "sealed": False,
        "scribe": False,
        "created_at": card.created_at.isoformat(),
    }
    assert await receive_events(second, 1) == [event]
    await first.disconnect()
    await second.disconnect()


async def test_two_clients_receive_every_event_in_seq_order(
    board, guest, second_guest, column
):
    first = await connect(board.join_code, guest.cookie)
    second = await connect(board.join_code, second_guest.cookie)
    for communicator in (first, second):
        await send(communicator, {"type": "resume", "after": 0})
        await receive(communicator)

    for n in range(10):
        sender = first if n % 2 else second
        await send(
            sender,
            {
                "type": "card.create",
                "request_id": rid(),
                "column": column.pk,
                "text": f"card {n}",
            },
        )

    for communicator in (first, second):
        frames = []
        while len([f for f in frames if f.get("type") == "event"]) < 10:
            message = await receive(communicator)
            frames.extend(
                message["items"] if message["type"] == "events" else [message]
            )
        seqs = [f["seq"] for f in frames if f["type"] == "event"]
        assert seqs == list(range(1, 11))
    await first.disconnect()
    await second.disconnect()


async def test_client_on_another_board_receives_nothing(
    board, other_board, guest, column
):
    other_guest = await database_sync_to_async(Guest)(other_board)
    here = await connect(board.join_code, guest.cookie)
    elsewhere = await connect(other_board.join_code, other_guest.cookie)
    await send(elsewhere, {"type": "resume", "after": 0})
    assert await receive(elsewhere) == {"type": "synced", "seq": 0}

    await send(
        here,
        {
            "type": "card.create",
            "request_id": rid(),
            "column": column.pk,
            "text": "Only here",
        },
    )
    await receive(here)

    while not await elsewhere.receive_nothing(0.3):
        message = await receive(elsewhere, timeout=1)
        assert message["type"] == "presence"
    await here.disconnect()
    await elsewhere.disconnect()


async def command(communicator, message):
    """Send a command and return its ack or error, skipping events."""
    message = {"request_id": rid(), **message}
    await send(communicator, message)
    while True:
        frame = await receive(communicator)
        if frame["type"] in {"ack", "error"} and frame.get("request_id") in (
            message["request_id"],
            None,
        ):
            return frame


async def test_update_delete_and_votes_through_the_socket(board, guest, column):
    communicator = await connect(board.join_code, guest.cookie)
    created = await command(
        communicator, {"type": "card.create", "column": column.pk, "text": "First"}
    )
    card_id = created["result"]["card"]

    updated = await command(
        communicator, {"type": "card.update", "card": card_id, "text": "Changed"}
    )
    voted = await command(communicator, {"type": "vote.add", "card": card_id})
    voted_again = await command(communicator, {"type": "vote.add", "card": card_id})
    unvoted = await command(communicator, {"type": "vote.remove", "card": card_id})
    card = await database_sync_to_async(Card.objects.get)(pk=card_id)
    deleted = await command(communicator, {"type": "card.delete", "card": card_id})

    assert [
        updated["seq"],
        voted["seq"],
        voted_again["seq"],
        unvoted["seq"],
        deleted["seq"],
    ] == [2, 3, 4, 5, 6]
    assert voted_again["result"] == {"card": card_id, "votes_left": 1}
    assert unvoted["result"] == {"card": card_id, "votes_left": 2}
    assert (card.text, card.votes) == ("Changed", 1)
    assert await database_sync_to_async(Card.objects.count)() == 0
    names = await database_sync_to_async(
        lambda: list(BoardEvent.objects.values_list("name", flat=True))
    )()
    assert names == [
        "card.created",
        "card.updated",
        "vote.added",
        "vote.added",
        "vote.removed",
        "card.deleted",
    ]
    await communicator.disconnect()


async def test_facilitator_sets_the_board_state(board, facilitator):
    cookie = await database_sync_to_async(session_cookie)(facilitator)
    communicator = await connect(board.join_code, cookie)

    ack = await command(communicator, {"type": "board.set_state", "state": "paused"})

    await database_sync_to_async(board.refresh_from_db)()
    assert ack["seq"] == 1
    assert board.state == Board.State.PAUSED
    await communicator.disconnect()


async def test_guest_may_not_set_the_board_state(board, guest):
    communicator = await connect(board.join_code, guest.cookie)

    error = await command(communicator, {"type": "board.set_state", "state": "closed"})

    assert error["code"] == "forbidden"
    assert error["message"] == "Only the facilitators of this board can do that."
    await communicator.disconnect()


async def test_error_codes(board, guest, second_guest, column):
    others_card = await database_sync_to_async(actions.post_card)(
        second_guest.access, column.pk, "Not yours"
    )
    communicator = await connect(board.join_code, guest.cookie)

    too_long = await command(
        communicator, {"type": "card.create", "column": column.pk, "text": "x" * 501}
    )
    empty = await command(
        communicator, {"type": "card.create", "column": column.pk, "text": "   "}
    )
    forbidden = await command(
        communicator,
        {"type": "card.update", "card": others_card.result["card"], "text": "Mine now"},
    )
    not_found = await command(communicator, {"type": "vote.add", "card": 999999})
    no_column = await command(
        communicator, {"type": "card.create", "column": 999999, "text": "Where?"}
    )

    assert (too_long["code"], too_long["message"]) == (
        "too_long",
        "A card can hold at most 500 characters; this one has 501.",
    )
    assert empty["code"] == "invalid"
    assert forbidden == {
        "type": "error",
        "request_id": forbidden["request_id"],
        "code": "forbidden",
        "message": "You can only change your own cards.",
    }
    assert not_found["code"] == "not_found"
    assert no_column["code"] == "not_found"
    assert await database_sync_to_async(Card.objects.count)() == 1
    await communicator.disconnect()


async def test_paused_board_refuses_cards_with_board_closed(board, guest, column):
    board.state = Board.State.PAUSED
    await database_sync_to_async(board.save)()
    communicator = await connect(board.join_code, guest.cookie)

    error = await command(
        communicator, {"type": "card.create", "column": column.pk, "text": "Too late"}
    )

    assert error["code"] == "board_closed"
    assert error["message"] == "This board is not taking new input right now."
    assert await database_sync_to_async(Card.objects.count)() == 0
    await communicator.disconnect()


async def test_votes_stay_within_the_allowance(board, guest, column):
    communicator = await connect(board.join_code, guest.cookie)
    card = (
        await command(
            communicator,
            {"type": "card.create", "column": column.pk, "text": "Vote me"},
        )
    )["result"]["card"]

    acks = [
        await command(communicator, {"type": "vote.add", "card": card})
        for _ in range(4)
    ]
    removals = [
        await command(communicator, {"type": "vote.remove", "card": card})
        for _ in range(4)
    ]

    assert [a["type"] for a in acks] == ["ack", "ack", "ack", "error"]
    assert acks[3]["message"] == "You have used all your votes."
    assert [r["type"] for r in removals] == ["ack", "ack", "ack", "error"]
    assert removals[3]["code"] == "invalid"
    card_obj = await database_sync_to_async(Card.objects.get)(pk=card)
    assert card_obj.votes == 0
    assert await database_sync_to_async(Vote.objects.count)() == 0
    await communicator.disconnect()


async def test_flood_of_commands_gets_rate_limited(board, guest, column):
    communicator = await connect(board.join_code, guest.cookie)

    replies = [
        await command(
            communicator, {"type": "card.create", "column": column.pk, "text": f"{n}"}
        )
        for n in range(25)
    ]

    assert [r["type"] for r in replies[:20]] == ["ack"] * 20
    assert {r["code"] for r in replies[20:]} == {"rate_limited"}
    assert await database_sync_to_async(Card.objects.count)() == 20
    await communicator.disconnect()


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        ("{not json", "That message is not valid JSON."),
        ('["card.create"]', "A message must be a JSON object."),
        ('{"type": "card.explode", "request_id": "x"}', "Unknown message type."),
        ('{"request_id": "x"}', "Unknown message type."),
        (
            '{"type": "card.create", "request_id": "' + UUID + '"}',
            "The field “column” is missing or has the wrong type.",
        ),
        (
            '{"type": "card.create", "column": "one", "text": "x"}',
            "The field “column” is missing or has the wrong type.",
        ),
        (
            '{"type": "card.create", "column": 1, "text": 7}',
            "The field “text” is missing or has the wrong type.",
        ),
        (
            '{"type": "vote.add", "request_id": "' + UUID + '", "card": true}',
            "The field “card” is missing or has the wrong type.",
        ),
        (
            '{"type": "vote.add", "card": 1e400}',
            "The field “card” is missing or has the wrong type.",
        ),
        (
            '{"type": "vote.add", "card": 1234567890123456789012345}',
            "The field “card” is missing or has the wrong type.",
        ),
        (
            '{"type": "board.set_mode", "silent": "maybe"}',
            "The field “silent” is missing or has the wrong type.",
        ),
        (
            '{"type": "timer.start", "minutes": -0}',
            "The number of minutes must be a whole number from 1 to 180.",
        ),
        (
            '{"type": "vote.add", "request_id": 5, "card": 1}',
            "The request id must be a UUID.",
        ),
        ("[" * 5000, "That message is nested too deeply."),
        ('{"a": ' * 20 + "1" + "}" * 20, "That message is nested too deeply."),
        (
            '{"type": "vote.add", "request_id": "not-a-uuid", "card": 1}',
            "The request id must be a UUID.",
        ),
        (
            '{"type": "resume", "after": "ten"}',
            "“after” must be a whole number of at least 0.",
        ),
    ],
)
async def test_malformed_frames_get_an_error_and_the_consumer_keeps_serving(
    board, guest, column, frame, message
):
    communicator = await connect(board.join_code, guest.cookie)

    await communicator.send_to(text_data=frame)
    error = await receive(communicator)
    ack = await command(
        communicator, {"type": "card.create", "column": column.pk, "text": "Still here"}
    )

    assert (error["type"], error["code"], error["message"]) == (
        "error",
        "invalid",
        message,
    )
    assert ack["type"] == "ack"
    assert await database_sync_to_async(Card.objects.count)() == 1
    await communicator.disconnect()


async def test_binary_frame_gets_an_error(board, guest):
    communicator = await connect(board.join_code, guest.cookie)

    await communicator.send_to(bytes_data=b"\x00\x01")

    error = await receive(communicator)
    assert (error["code"], error["message"]) == (
        "invalid",
        "Send JSON text, not binary data.",
    )
    await communicator.disconnect()


async def test_oversized_frame_gets_too_long_and_the_socket_keeps_serving(
    board, guest, column
):
    communicator = await connect(board.join_code, guest.cookie)

    await send(
        communicator,
        {
            "type": "card.create",
            "request_id": rid(),
            "column": column.pk,
            "text": "x" * 9000,
        },
    )
    error = await receive(communicator)
    ack = await command(
        communicator, {"type": "card.create", "column": column.pk, "text": "Fits"}
    )

    assert error == {
        "type": "error",
        "request_id": None,
        "code": "too_long",
        "message": "A message can hold at most 8192 bytes.",
    }
    assert ack["type"] == "ack"
    assert await database_sync_to_async(Card.objects.count)() == 1
    await communicator.disconnect()


async def test_errors_are_in_the_participants_language(board, guest, column):
    communicator = await connect(
        board.join_code, guest.cookie, language="nl-NL,nl;q=0.9"
    )

    error = await command(
        communicator, {"type": "card.create", "column": column.pk, "text": "x" * 501}
    )
    unknown = await command(communicator, {"type": "nonsense"})

    assert (
        error["message"]
        == "Een kaart mag hoogstens 500 tekens hebben; deze heeft er 501."
    )
    assert unknown["message"] == "Onbekend berichttype."
    await communicator.disconnect()


async def test_presence_counts_people_by_role(board, guest, second_guest):
    first = await connect(board.join_code, guest.cookie)
    second = await connect(board.join_code, second_guest.cookie)

    frames = []
    while True:
        output = await first.receive_json_from()
        frames.append(output)
        if output["type"] == "presence" and output["total"] == 2:
            break

    assert frames[-1] == {
        "type": "presence",
        "seq": 0,
        "total": 2,
        "by_role": {"patient": 1, "clinician": 1},
    }
    await first.disconnect()
    await second.disconnect()


async def test_logging_out_closes_that_persons_sockets(board, facilitator):
    client = await database_sync_to_async(Client)()
    await database_sync_to_async(client.force_login)(facilitator)
    communicator = await connect(
        board.join_code, f"sessionid={client.cookies['sessionid'].value}"
    )
    await send(communicator, {"type": "resume", "after": 0})
    assert await receive(communicator) == {"type": "synced", "seq": 0}

    await database_sync_to_async(client.post)("/accounts/logout/")

    assert await receive(communicator) == {"type": "websocket.close", "code": 4403}
    await communicator.disconnect()


async def test_project_member_who_has_not_joined_reads_but_cannot_post(
    board, team_member, column
):
    cookie = await database_sync_to_async(session_cookie)(team_member)
    communicator = await connect(board.join_code, cookie)

    error = await command(
        communicator, {"type": "card.create", "column": column.pk, "text": "Hi"}
    )

    assert (error["code"], error["message"]) == (
        "forbidden",
        "Join the board first to take part.",
    )
    assert await database_sync_to_async(Card.objects.count)() == 0
    await communicator.disconnect()


async def test_resume_on_a_deleted_board_closes_with_4404(board, guest):
    communicator = await connect(board.join_code, guest.cookie)
    await database_sync_to_async(Board.objects.filter(pk=board.pk).delete)()

    await send(communicator, {"type": "resume", "after": 0})

    assert await receive(communicator) == {"type": "websocket.close", "code": 4404}
    await communicator.disconnect()


def exploding_post_card(access, **fields):
    raise RuntimeError("the disk is on fire")


async def test_unexpected_exception_gives_server_error_and_the_socket_serves_on(
    board, guest, column, monkeypatch, caplog
):
    communicator = await connect(board.join_code, guest.cookie)
    form_class, _action = COMMANDS["card.create"]
    monkeypatch.setitem(COMMANDS, "card.create", (form_class, exploding_post_card))
    request_id = rid()

    await send(
        communicator,
        {
            "type": "card.create",
            "request_id": request_id,
            "column": column.pk,
            "text": "Boom",
        },
    )
    error = await receive(communicator)
    monkeypatch.undo()
    ack = await command(
        communicator, {"type": "card.create", "column": column.pk, "text": "Fine"}
    )

    assert error == {
        "type": "error",
        "request_id": request_id,
        "code": "server_error",
        "message": "Something went wrong on the server; please try again.",
    }
    assert ack["type"] == "ack"
    failures = [r for r in caplog.records if r.levelname == "ERROR"]
    assert [(r.name, r.exc_info[0]) for r in failures] == [
        ("feedback.consumers", RuntimeError)
    ]
    await communicator.disconnect()


async def test_third_replay_within_four_seconds_is_rate_limited(board, guest):
    communicator = await connect(board.join_code, guest.cookie)

    replies = []
    for after in (0, 0, 10_000, 0):
        await send(communicator, {"type": "resume", "after": after})
        replies.append(await receive(communicator))

    assert [reply["type"] for reply in replies] == [
        "synced",
        "synced",
        "snapshot",
        "error",
    ]
    assert replies[3] == {
        "type": "error",
        "request_id": None,
        "code": "rate_limited",
        "message": "The board was sent a moment ago; wait a few seconds to resume again.",
    }
    await communicator.disconnect()


async def test_resume_flood_gets_few_answers_then_4429(board, guest):
    communicator = await connect(board.join_code, guest.cookie)

    for _ in range(300):
        await send(communicator, {"type": "resume", "after": 0})
    frames = []
    while True:
        frame = await receive(communicator)
        frames.append(frame)
        if frame["type"] == "websocket.close":
            break

    answers = [f for f in frames if f["type"] in ("synced", "snapshot")]
    refusals = {f["code"] for f in frames if f["type"] == "error"}
    assert len(answers) == 2
    assert refusals == {"rate_limited"}
    assert len(frames) == 102
    assert frames[-1] == {"type": "websocket.close", "code": 4429}
    await communicator.disconnect()


async def test_invalid_frames_count_towards_the_rate_limit(board, guest, column):
    communicator = await connect(board.join_code, guest.cookie)

    for _ in range(20):
        await communicator.send_to(text_data="{not json")
        await receive(communicator)
    limited = await command(
        communicator,
        {
            "type": "card.create",
            "request_id": UUID,
            "column": column.pk,
            "text": "Late",
        },
    )

    assert (limited["code"], limited["request_id"]) == ("rate_limited", UUID)
    assert await database_sync_to_async(Card.objects.count)() == 0
    await communicator.disconnect()
