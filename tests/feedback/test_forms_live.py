"""A participant without JavaScript posts forms; WebSocket clients see the events."""

import pytest
from channels.db import database_sync_to_async

from feedback.models import Card

from .conftest import connect, receive, receive_events, send

pytestmark = pytest.mark.django_db(transaction=True)


async def test_form_posts_reach_websocket_clients_as_events(
    board, guest, second_guest, column
):
    watcher = await connect(board.join_code, second_guest.cookie)
    await send(watcher, {"type": "resume", "after": 0})
    assert await receive(watcher) == {"type": "synced", "seq": 0}
    client = await database_sync_to_async(guest.client)()
    base = f"/b/{board.join_code}"

    await database_sync_to_async(client.post)(
        f"{base}/cards/", {"column": column.pk, "text": "No script"}
    )
    card = await database_sync_to_async(Card.objects.get)()
    await database_sync_to_async(client.post)(
        f"{base}/cards/{card.pk}/edit/", {"text": "Still none"}
    )
    await database_sync_to_async(client.post)(f"{base}/cards/{card.pk}/vote/")
    await database_sync_to_async(client.post)(f"{base}/cards/{card.pk}/unvote/")
    await database_sync_to_async(client.post)(f"{base}/cards/{card.pk}/delete/")

    events = await receive_events(watcher, 5)
    assert [(e["seq"], e["name"]) for e in events] == [
        (1, "card.created"),
        (2, "card.updated"),
        (3, "vote.added"),
        (4, "vote.removed"),
        (5, "card.deleted"),
    ]
    assert events[1]["data"]["text"] == "Still none"
    assert events[2]["data"]["votes"] == 1
    assert events[4]["data"] == {"id": card.pk}
    await watcher.disconnect()
