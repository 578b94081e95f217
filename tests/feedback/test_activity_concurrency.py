"""Fifty phones answering one poll at once: seq stays gap-free and counts are exact."""

import asyncio
import uuid

import pytest
from channels.db import database_sync_to_async

from feedback import activities
from feedback.activity_results import activity_results, answers_of
from feedback.models import Activity, Answer, Board, BoardEvent

from .conftest import Guest, connect, receive, staff_access

pytestmark = pytest.mark.django_db(transaction=True)
PHONES = 50


def open_poll(board, facilitator) -> tuple[int, list[int]]:
    staff = staff_access(board, facilitator)
    ack = activities.add_activity(staff, "poll", "Which one?", ["A", "B", "C"])
    activities.open_activity(staff, ack.result["activity"])
    poll = Activity.objects.get(pk=ack.result["activity"])
    return poll.pk, [option.pk for option in poll.options.all()]


async def answer_twice(communicator, poll, first, then) -> list[int]:
    """Answer, then change the answer; the two acks' seqs."""
    for option in (first, then):
        await communicator.send_json_to(
            {
                "type": "activity.answer",
                "request_id": str(uuid.uuid4()),
                "activity": poll,
                "choice": [option],
            }
        )
    seqs = []
    while len(seqs) < 2:
        frame = await receive(communicator, timeout=30)
        assert frame["type"] != "error", frame
        if frame["type"] == "ack":
            seqs.append(frame["seq"])
    return seqs


async def test_fifty_sockets_answering_keep_seq_gap_free_and_counts_exact(
    board, facilitator
):
    poll, options = await database_sync_to_async(open_poll)(board, facilitator)
    start = (await database_sync_to_async(Board.objects.get)(pk=board.pk)).last_seq
    guests = [
        await database_sync_to_async(Guest)(board, name=f"P{n}") for n in range(PHONES)
    ]
    sockets = [await connect(board.join_code, guest.cookie) for guest in guests]

    acks = await asyncio.gather(
        *(
            answer_twice(socket, poll, options[0], options[1 + n % 2])
            for n, socket in enumerate(sockets)
        )
    )

    seqs = sorted(seq for pair in acks for seq in pair)
    assert seqs == list(range(start + 1, start + 2 * PHONES + 1))

    def stored():
        activity = Activity.objects.get(pk=poll)
        answers = answers_of([activity])[poll]
        rows = activity_results(activity, answers, exact=True)["overall"]["rows"]
        events = BoardEvent.objects.filter(board=board).order_by("seq")
        return (
            Answer.objects.filter(activity=activity).count(),
            [row["count"] for row in rows],
            list(events.values_list("seq", flat=True)),
        )

    count, tallies, event_seqs = await database_sync_to_async(stored)()
    assert count == PHONES
    assert tallies == [0, PHONES // 2, PHONES // 2]
    assert event_seqs == list(range(1, start + 2 * PHONES + 1))
    for communicator in sockets:
        await communicator.disconnect()
