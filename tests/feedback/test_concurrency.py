"""Many writers at once: every card lands and seq stays gap-free (SQLite and PostgreSQL)."""

import asyncio
import threading
import uuid

import pytest
from channels.db import database_sync_to_async
from django.db import connection

from feedback import actions
from feedback.models import Board, BoardEvent, Card

from .conftest import Guest, connect, receive

pytestmark = pytest.mark.django_db(transaction=True)


async def test_ten_sockets_posting_twenty_cards_each(board, column):
    guests = [
        await database_sync_to_async(Guest)(board, name=f"P{n}") for n in range(10)
    ]
    sockets = [await connect(board.join_code, g.cookie) for g in guests]

    async def post_twenty(communicator):
        ids = [str(uuid.uuid4()) for _ in range(20)]
        for n, request_id in enumerate(ids):
            await communicator.send_json_to(
                {
                    "type": "card.create",
                    "request_id": request_id,
                    "column": column.pk,
                    "text": f"card {n}",
                }
            )
        acks = {}
        while len(acks) < 20:
            frame = await receive(communicator, timeout=20)
            if frame["type"] == "ack":
                acks[frame["request_id"]] = frame["seq"]
            assert frame["type"] != "error", frame
        return acks

    results = await asyncio.gather(*(post_twenty(s) for s in sockets))

    seqs = sorted(seq for acks in results for seq in acks.values())
    assert seqs == list(range(1, 201))
    event_seqs = await database_sync_to_async(
        lambda: list(BoardEvent.objects.order_by("seq").values_list("seq", flat=True))
    )()
    assert event_seqs == list(range(1, 201))
    assert await database_sync_to_async(Card.objects.count)() == 200
    for communicator in sockets:
        await communicator.disconnect()


def test_ten_threads_posting_at_once_keep_seq_gap_free(board, column):
    guests = [Guest(board, name=f"T{n}") for n in range(10)]
    errors = []

    def post_twenty(guest):
        try:
            for n in range(20):
                actions.post_card(
                    guest.access, column.pk, f"card {n}", str(uuid.uuid4())
                )
        except Exception as error:  # noqa: BLE001 - collected and asserted below.
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post_twenty, args=(g,)) for g in guests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert list(
        BoardEvent.objects.order_by("seq").values_list("seq", flat=True)
    ) == list(range(1, 201))
    assert Card.objects.count() == 200
    assert Board.objects.get(pk=board.pk).last_seq == 200
