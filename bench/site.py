"""The ASGI applications the benchmark serves with Daphne.

``codesign`` is the site's own application with two changes, both for the
benchmark only:

- the per-participant command limit is lifted, because each of the benchmark's 20
  senders stands for ten people (200 cards and 1,000 votes in 20 seconds is 60
  commands per sender, and a person may send 20 in 10 seconds);
- ``/bench/source/`` is an event source for the fan-out burst: asked for N events,
  it commits them to the board's event log in transactions of ``batch`` events and
  publishes each transaction's events after commit through the real path
  (``fanout.publish_events``), as fast as the database takes them. It measures
  delivery without the cost of a command per event, like the references, which
  relay without any database.

``naive`` serves ``bench.reference.NaiveConsumer`` at ``/ws/naive/`` in a process of
its own. Neither is reachable from the site's own routes.
"""

import json
import time
from functools import partial

from django.core.asgi import get_asgi_application

django_http = get_asgi_application()

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.routing import ProtocolTypeRouter, URLRouter
from django.db import transaction
from django.urls import path

from codesign.asgi import application as site
from feedback import consumers, fanout
from feedback.models import Board, BoardEvent, Card

from .reference import NaiveConsumer

consumers.RATE_LIMIT = 1_000_000
consumers.ABUSE_LIMIT = 2_000_000


def commit_events(board_id: int, count: int, batch: int) -> list[list]:
    """Commit ``count`` card.updated events; [first seq, last seq, commit time]s."""
    data = Card.objects.filter(board_id=board_id).first().as_data()
    committed = []
    while count > 0:
        size = min(batch, count)
        with transaction.atomic():
            board = Board.objects.select_for_update().get(pk=board_id)
            first = board.last_seq + 1
            board.last_seq += size
            board.save(update_fields=["last_seq"])
            events = BoardEvent.objects.bulk_create(
                BoardEvent(board=board, seq=first + n, name="card.updated", data=data)
                for n in range(size)
            )
            payloads = [fanout.event_payload(event.as_message()) for event in events]
            transaction.on_commit(partial(fanout.publish_events, board_id, payloads))
        committed.append([first, first + size - 1, time.monotonic()])
        count -= size
    return committed


class EventSource(AsyncWebsocketConsumer):
    """``{"board": id, "count": n, "batch": b}`` -> ``{"committed": [...]}``."""

    async def receive(self, text_data=None, bytes_data=None):
        order = json.loads(text_data)
        committed = await database_sync_to_async(commit_events)(
            order["board"], order["count"], order["batch"]
        )
        await self.send(text_data=json.dumps({"committed": committed}))


event_source = EventSource.as_asgi()


async def codesign(scope, receive, send):
    if scope["type"] == "websocket" and scope["path"] == "/bench/source/":
        return await event_source(scope, receive, send)
    return await site(scope, receive, send)


naive = ProtocolTypeRouter(
    {
        "http": django_http,
        "websocket": URLRouter([path("ws/naive/", NaiveConsumer.as_asgi())]),
    }
)
