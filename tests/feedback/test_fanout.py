"""The fan-out: batching, the heartbeat that reveals dropped events, and recovery."""

import pytest
from channels.db import database_sync_to_async
from django.db import transaction

from feedback import fanout, hub
from feedback.models import Board, BoardEvent

from .conftest import connect, receive, send

pytestmark = pytest.mark.django_db(transaction=True)


def test_batch_frame_wraps_several_events_and_leaves_one_alone():
    one = (1, '{"type":"event","seq":1}')
    two = (2, '{"type":"event","seq":2}')

    assert fanout.batch_frame([one]) == one[1]
    assert fanout.batch_frame([one, two]) == (
        '{"type":"events","items":[{"type":"event","seq":1},{"type":"event","seq":2}]}'
    )


def drop_an_event(board):
    """Commit an event that is never broadcast, as if the channel layer dropped it."""
    with transaction.atomic():
        locked = Board.objects.select_for_update().get(pk=board.pk)
        locked.last_seq += 1
        locked.save(update_fields=["last_seq"])
        BoardEvent.objects.create(
            board=locked,
            seq=locked.last_seq,
            name="board.state_changed",
            data={"state": "open"},
        )


async def test_heartbeat_carries_the_latest_seq_so_a_dropped_event_is_recovered(
    board, guest, monkeypatch, settings
):
    monkeypatch.setattr(hub, "HEARTBEAT_SECONDS", 0.2)
    settings.BOARD_RESUME_INTERVAL_SECONDS = 0  # this client resumes twice at once
    communicator = await connect(board.join_code, guest.cookie)
    await send(communicator, {"type": "resume", "after": 0})
    assert await receive(communicator) == {"type": "synced", "seq": 0}

    await database_sync_to_async(drop_an_event)(board)
    while True:
        presence = await communicator.receive_json_from(timeout=3)
        if presence["type"] == "presence" and presence["seq"] == 1:
            break
    await send(communicator, {"type": "resume", "after": 0})

    recovered = await receive(communicator)
    assert (recovered["type"], recovered["seq"], recovered["name"]) == (
        "event",
        1,
        "board.state_changed",
    )
    assert await receive(communicator) == {"type": "synced", "seq": 1}
    await communicator.disconnect()


async def test_first_presence_frame_carries_the_boards_latest_seq(board, guest, column):
    from feedback import actions

    await database_sync_to_async(actions.post_card)(guest.access, column.pk, "Earlier")
    await database_sync_to_async(actions.post_card)(
        guest.access, column.pk, "Also earlier"
    )
    communicator = await connect(board.join_code, guest.cookie)

    presence = await communicator.receive_json_from()

    assert presence == {
        "type": "presence",
        "seq": 2,
        "total": 1,
        "by_role": {"patient": 1},
    }
    await communicator.disconnect()


def test_coalescing_window_follows_the_delivery_time_up_to_a_limit():
    assert hub.pause_after(0.0) == 0.0
    assert hub.pause_after(0.0002) == pytest.approx(0.0006)
    assert hub.pause_after(0.02) == pytest.approx(0.06)
    assert hub.pause_after(1.0) == 0.2
