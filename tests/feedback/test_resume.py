"""Resume, snapshot and idempotency: a client that was away catches up exactly."""

import re
import uuid

import pytest
from channels.db import database_sync_to_async

from feedback import actions
from feedback.models import BoardEvent, Card, ProcessedCommand

from .conftest import connect, receive, receive_events, receive_until, send

pytestmark = pytest.mark.django_db(transaction=True)


def post_cards(guest, column, count):
    for n in range(count):
        actions.post_card(guest.access, column.pk, f"Card {n}")


async def test_resume_replays_exactly_the_missed_events_then_synced(
    board, guest, second_guest, column
):
    await database_sync_to_async(post_cards)(guest, column, 5)
    communicator = await connect(board.join_code, second_guest.cookie)
    await send(communicator, {"type": "resume", "after": 5})
    assert await receive(communicator) == {"type": "synced", "seq": 5}
    await communicator.disconnect()

    await database_sync_to_async(post_cards)(guest, column, 30)
    communicator = await connect(board.join_code, second_guest.cookie)
    await send(communicator, {"type": "resume", "after": 5})
    frames = await receive_until(communicator, "synced")

    events = [item for f in frames if f["type"] == "events" for item in f["items"]]
    events += [f for f in frames if f["type"] == "event"]
    assert [e["seq"] for e in events] == list(range(6, 36))
    assert [e["data"]["text"] for e in events] == [f"Card {n}" for n in range(30)]
    assert frames[-1] == {"type": "synced", "seq": 35}
    await communicator.disconnect()


async def test_events_after_resume_arrive_live(board, guest, second_guest, column):
    communicator = await connect(board.join_code, second_guest.cookie)
    await send(communicator, {"type": "resume", "after": 0})
    await receive(communicator)

    await database_sync_to_async(post_cards)(guest, column, 3)

    events = await receive_events(communicator, 3)
    assert [e["seq"] for e in events] == [1, 2, 3]
    await communicator.disconnect()


def page_cards(client, board):
    html = client.get(board.get_absolute_url()).content.decode()
    main = html.split('id="card-template"')[0]
    found = re.findall(
        r'id="card-(\d+)" data-card="\d+" data-votes="(\d+)"(?: data-my-votes="(\d+)")?(?: data-mine="(1)")?[^>]*>\s*<p class="card-text"[^>]*>([^<]*)</p>',
        main,
    )
    return sorted(
        (int(i), int(v), int(m or 0), mine == "1", text)
        for i, v, m, mine, text in found
    )


async def test_far_behind_client_gets_a_snapshot_equal_to_the_page(
    board, guest, second_guest, column
):
    await database_sync_to_async(post_cards)(guest, column, 205)
    first_card = await database_sync_to_async(
        lambda: Card.objects.order_by("pk").first().pk
    )()
    await database_sync_to_async(actions.add_vote)(second_guest.access, first_card)
    communicator = await connect(board.join_code, second_guest.cookie)

    await send(communicator, {"type": "resume", "after": 0})
    snapshot = await receive(communicator, timeout=20)

    page = await database_sync_to_async(page_cards)(second_guest.client(), board)
    assert snapshot["type"] == "snapshot"
    assert snapshot["seq"] == 206
    assert snapshot["board"]["votes_left"] == 2
    assert [c["title"] for c in snapshot["board"]["columns"]] == [
        "What works",
        "What could be better",
        "Ideas",
        "Questions",
    ]
    cards = sorted(
        (c["id"], c["votes"], c["my_votes"], c["mine"], c["text"])
        for c in snapshot["board"]["cards"]
    )
    assert len(cards) == 205
    assert cards == page
    await communicator.disconnect()


async def test_same_card_create_three_times_makes_one_card_and_three_identical_acks(
    board, guest, column
):
    message = {
        "type": "card.create",
        "request_id": str(uuid.uuid4()),
        "column": column.pk,
        "text": "Only once",
    }
    communicator = await connect(board.join_code, guest.cookie)
    await send(communicator, {"type": "resume", "after": 0})
    await receive(communicator)

    await send(communicator, message)
    await send(communicator, message)
    first_acks = [
        f for f in await receive_until(communicator, "ack") if f["type"] == "ack"
    ]
    first_acks += [
        f for f in await receive_until(communicator, "ack") if f["type"] == "ack"
    ]
    await communicator.disconnect()
    communicator = await connect(board.join_code, guest.cookie)
    await send(communicator, message)
    last_ack = (await receive_until(communicator, "ack"))[-1]

    assert first_acks + [last_ack] == [first_acks[0]] * 3
    assert first_acks[0]["seq"] == 1
    assert await database_sync_to_async(Card.objects.count)() == 1
    assert await database_sync_to_async(BoardEvent.objects.count)() == 1
    assert await database_sync_to_async(ProcessedCommand.objects.count)() == 1
    await communicator.disconnect()


async def test_form_post_with_the_same_request_id_twice_posts_once(
    board, guest, column
):
    client = guest.client()
    data = {
        "column": column.pk,
        "text": "Double click",
        "request_id": str(uuid.uuid4()),
    }

    first = await database_sync_to_async(client.post)(
        f"/b/{board.join_code}/cards/", data
    )
    second = await database_sync_to_async(client.post)(
        f"/b/{board.join_code}/cards/", data
    )

    assert first.status_code == second.status_code == 302
    assert await database_sync_to_async(Card.objects.count)() == 1
