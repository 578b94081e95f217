"""Silent brainstorm, hidden votes and moderation: redaction per recipient (issue 6)."""

import json
import uuid

import pytest
from channels.db import database_sync_to_async

from codesign.models import StakeholderRole
from feedback import actions, facilitation
from feedback.access import board_for
from feedback.visibility import Viewer

from .conftest import Guest, connect, send, session_cookie

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "Night calls frighten me"


async def raw_until(communicator, kind, timeout=5):
    """Every raw frame text up to and including the first of ``kind``."""
    texts = []
    while True:
        output = await communicator.receive_output(timeout)
        assert output["type"] == "websocket.send", output
        texts.append(output["text"])
        message = json.loads(output["text"])
        kinds = [message["type"]]
        if message["type"] in ("event", "events"):
            items = message.get("items", [message])
            kinds += [item["name"] for item in items]
        if kind in kinds:
            return texts


async def raw_events(communicator, name, timeout=5):
    return "".join(await raw_until(communicator, name, timeout))


def event_named_snapshot(texts: str) -> dict:
    decoder = json.JSONDecoder()
    position = 0
    while position < len(texts):
        message, position = decoder.raw_decode(texts, position)
        if message["type"] == "snapshot":
            return message
    raise AssertionError("no snapshot")


def event_named(texts: str, name: str) -> dict:
    """The event ``name`` among concatenated raw frames."""
    decoder = json.JSONDecoder()
    position = 0
    while position < len(texts):
        message, position = decoder.raw_decode(texts, position)
        for item in message.get("items", [message]):
            if item.get("name") == name:
                return item
    raise AssertionError(f"no {name} in {texts}")


def staff_access(board, user):
    return board_for(user, board, {})


async def join_three(board, organiser):
    anna = await database_sync_to_async(Guest)(board, "Anna")
    bob = await database_sync_to_async(Guest)(board, "Bob", StakeholderRole.CLINICIAN)
    sockets = [
        await connect(board.join_code, anna.cookie),
        await connect(board.join_code, bob.cookie),
        await connect(
            board.join_code, await database_sync_to_async(session_cookie)(organiser)
        ),
    ]
    for communicator in sockets:
        await send(communicator, {"type": "resume", "after": 0})
        await raw_until(communicator, "synced")
    return anna, bob, sockets


async def test_silent_brainstorm_hides_card_text_from_others_until_reveal(
    board, column, organiser
):
    staff = await database_sync_to_async(staff_access)(board, organiser)
    _anna, _bob, (a, b, host) = await join_three(board, organiser)
    await database_sync_to_async(facilitation.set_mode)(staff, True, True)
    for communicator in (a, b, host):
        await raw_until(communicator, "board.mode_changed")

    await send(
        a,
        {
            "type": "card.create",
            "request_id": str(uuid.uuid4()),
            "column": column.pk,
            "text": SECRET,
        },
    )

    assert SECRET in await raw_events(a, "card.created")
    assert SECRET in await raw_events(host, "card.created")
    seen_by_bob = await raw_events(b, "card.created")
    assert SECRET not in seen_by_bob and "Anna" not in seen_by_bob
    card = event_named(seen_by_bob, "card.created")
    assert (card["data"]["text"], card["data"]["sealed"], card["data"]["votes"]) == (
        "",
        True,
        None,
    )
    await send(b, {"type": "resume", "after": 0})
    replay = "".join(await raw_until(b, "synced"))
    await send(b, {"type": "resume", "after": 10_000})
    snapshot = "".join(await raw_until(b, "snapshot"))
    assert SECRET not in replay and SECRET not in snapshot
    assert event_named_snapshot(snapshot)["board"]["cards"][0]["text"] == ""

    await database_sync_to_async(facilitation.reveal_board)(staff)

    for communicator in (a, b, host):
        assert SECRET in await raw_events(communicator, "board.revealed")
    await send(b, {"type": "resume", "after": 10_000})
    snapshot = event_named_snapshot("".join(await raw_until(b, "snapshot")))
    assert [c["text"] for c in snapshot["board"]["cards"]] == [SECRET]
    for communicator in (a, b, host):
        await communicator.disconnect()


async def test_vote_counts_hidden_until_reveal_except_for_facilitators(
    board, column, organiser
):
    staff = await database_sync_to_async(staff_access)(board, organiser)
    anna, _bob, (a, b, host) = await join_three(board, organiser)
    card = await database_sync_to_async(actions.post_card)(
        anna.access, column.pk, "More home visits"
    )
    for communicator in (a, b, host):
        await raw_until(communicator, "card.created")
    await database_sync_to_async(facilitation.set_mode)(staff, False, True)
    for communicator in (a, b, host):
        await raw_until(communicator, "board.mode_changed")

    await send(
        b,
        {
            "type": "vote.add",
            "request_id": str(uuid.uuid4()),
            "card": card.result["card"],
        },
    )

    ack = json.loads((await raw_until(b, "ack"))[-1])
    assert ack["result"]["votes_left"] == 2
    # Others learn that something happened (seq stays gap-free), not which card.
    event = event_named(await raw_events(a, "private"), "private")
    assert (event["seq"], event["data"]) == (ack["seq"], {})
    assert (
        event_named(await raw_events(host, "vote.added"), "vote.added")["data"]["votes"]
        == 1
    )
    await send(a, {"type": "resume", "after": 10_000})
    snapshot = event_named_snapshot("".join(await raw_until(a, "snapshot")))
    assert snapshot["board"]["cards"][0]["votes"] is None

    await database_sync_to_async(facilitation.reveal_board)(staff)

    revealed = event_named(await raw_events(a, "board.revealed"), "board.revealed")
    assert revealed["data"]["cards"][0]["votes"] == 1
    for communicator in (a, b, host):
        await communicator.disconnect()


async def test_hidden_card_reaches_author_with_reason_and_others_without_text(
    board, column, organiser
):
    staff = await database_sync_to_async(staff_access)(board, organiser)
    anna, _bob, (a, b, host) = await join_three(board, organiser)
    ack = await database_sync_to_async(actions.post_card)(
        anna.access, column.pk, "Rude words here"
    )
    for communicator in (a, b, host):
        await raw_until(communicator, "card.created")

    await database_sync_to_async(facilitation.hide_card)(
        staff, ack.result["card"], "Not kind to others"
    )

    mine = event_named(await raw_events(a, "card.hidden"), "card.hidden")["data"]
    assert (mine["text"], mine["hidden"], mine["hidden_reason"]) == (
        "Rude words here",
        True,
        "Not kind to others",
    )
    theirs = await raw_events(b, "card.deleted")
    assert "Rude words" not in theirs and "Not kind" not in theirs
    assert event_named(theirs, "card.deleted")["data"] == {"id": ack.result["card"]}
    assert event_named(await raw_events(host, "card.hidden"), "card.hidden")["data"][
        "text"
    ] == ("Rude words here")
    await send(b, {"type": "resume", "after": 10_000})
    snapshot = event_named_snapshot("".join(await raw_until(b, "snapshot")))
    assert snapshot["board"]["cards"] == []
    for communicator in (a, b, host):
        await communicator.disconnect()


async def test_support_request_reaches_facilitators_and_asker_only(board, organiser):
    _anna, _bob, (a, b, host) = await join_three(board, organiser)

    await send(
        a,
        {
            "type": "support.request",
            "request_id": str(uuid.uuid4()),
            "message": "I feel unwell",
        },
    )

    assert "I feel unwell" in await raw_events(host, "support.requested")
    assert "I feel unwell" in await raw_events(a, "support.requested")
    private = event_named(await raw_events(b, "private"), "private")
    assert (private["name"], private["data"]) == ("private", {})
    for communicator in (a, b, host):
        await communicator.disconnect()


class FakeSubscriber:
    """Just what ``hub.audience_of`` reads from a socket."""

    def __init__(self, participant_id=None, staff=False):
        self.viewer = Viewer(staff=staff, participant_id=participant_id)


def test_fanout_builds_one_frame_per_audience_not_per_socket():
    from feedback import hub

    items = [(1, '{"full":1}'), (2, '{"plain":2}')]
    audiences = [hub.Audiences('{"own":1}', '{"other":1}', 7), None]
    staff = [FakeSubscriber(staff=True) for _ in range(3)]
    others = [FakeSubscriber(participant_id=n) for n in range(10, 20)]
    author = FakeSubscriber(participant_id=7)
    views = {}

    frames = {
        id(s): hub.BoardHub.audience_view(s, items, audiences, views)[1]["text"]
        for s in [*staff, *others, author]
    }

    assert len(views) == 3
    assert {frames[id(s)] for s in staff} == {
        '{"type":"events","items":[{"full":1},{"plain":2}]}'
    }
    assert {frames[id(s)] for s in others} == {
        '{"type":"events","items":[{"other":1},{"plain":2}]}'
    }
    assert frames[id(author)] == '{"type":"events","items":[{"own":1},{"plain":2}]}'
