"""Commands that arrive together run together (``feedback.batching``, issue 17).

A batch is one transaction, but each of its commands keeps what it had alone: its own
outcome (a bad command fails alone and leaves nothing behind), gap-free ``seq``,
idempotency by request id, and its events published after commit, in order.
"""

import asyncio
import uuid

import pytest
from channels.db import database_sync_to_async
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from feedback import actions, batching, fanout
from feedback.batching import Queued, run_batch
from feedback.models import Board, BoardEvent, Card, ProcessedCommand

from .conftest import Guest, connect, receive, send

pytestmark = pytest.mark.django_db


def command(access, action, *args, request_id=None, **fields) -> Queued:
    """A queued command whose reply is its seq, or its error code, as the socket's."""

    def run():
        try:
            return action(access, *args, request_id=request_id, **fields).seq
        except ValidationError as error:
            return error.code

    return Queued(run, access.actor_key, request_id)


def post(guest, column, text, request_id=None) -> Queued:
    return command(
        guest.access, actions.post_card, column.pk, text, request_id=request_id
    )


def stored_seqs(board) -> list[int]:
    return list(
        BoardEvent.objects.filter(board=board)
        .order_by("seq")
        .values_list("seq", flat=True)
    )


@pytest.fixture
def published(monkeypatch):
    """What ``fanout.publish_events`` was asked to send: (board id, [seq, ...]) each."""
    calls = []

    def record(board_id, events):
        calls.append((board_id, [event["seq"] for event in events]))

    monkeypatch.setattr(fanout, "publish_events", record)
    return calls


def test_a_batch_gives_its_events_consecutive_seqs_in_the_order_sent(
    board, column, guest, second_guest
):
    queued = [post([guest, second_guest][n % 2], column, f"card {n}") for n in range(6)]

    assert run_batch(board.pk, queued) == [1, 2, 3, 4, 5, 6]

    assert stored_seqs(board) == [1, 2, 3, 4, 5, 6]
    texts = (
        Card.objects.filter(board=board).order_by("pk").values_list("text", flat=True)
    )
    assert list(texts) == [f"card {n}" for n in range(6)]
    board.refresh_from_db()
    assert board.last_seq == 6


def test_a_bad_command_in_a_batch_fails_alone_and_leaves_no_gap(
    board, column, guest, second_guest
):
    queued = [
        post(guest, column, "first", uuid.uuid4()),
        command(
            second_guest.access, actions.add_vote, 999_999, request_id=uuid.uuid4()
        ),
        command(guest.access, actions.post_card, 999_999, "no such column"),
        post(second_guest, column, "second", uuid.uuid4()),
    ]

    assert run_batch(board.pk, queued) == [1, "not_found", "not_found", 2]

    assert stored_seqs(board) == [1, 2]
    assert Card.objects.filter(board=board).count() == 2
    # Only the commands that succeeded are remembered for retries.
    assert ProcessedCommand.objects.filter(board=board).count() == 2


def test_a_command_that_fails_after_changing_the_board_leaves_it_as_it_was(
    board, guest
):
    def change_then_fail(board):
        board.prompt = "Changed by a command that then failed"
        board.save(update_fields=["prompt"])
        raise ValidationError("no", code="invalid")

    def read_prompt(board):
        return "board.edited", {"prompt": board.prompt}, {"prompt": board.prompt}

    def run(apply):
        def go():
            try:
                return actions.run_command(guest.access, "test", None, apply).result
            except ValidationError as error:
                return error.code

        return Queued(go, guest.access.actor_key, None)

    replies = run_batch(board.pk, [run(change_then_fail), run(read_prompt)])

    assert replies == ["invalid", {"prompt": "What matters to you at home?"}]
    board.refresh_from_db()
    assert board.prompt == "What matters to you at home?"
    assert board.last_seq == 1


def test_a_request_id_sent_twice_in_one_batch_acts_once(board, column, guest):
    request_id = uuid.uuid4()
    queued = [
        post(guest, column, "once", request_id),
        post(guest, column, "once", request_id),
        post(guest, column, "other"),
    ]

    assert run_batch(board.pk, queued) == [1, 1, 2]
    assert Card.objects.filter(board=board, text="once").count() == 1


def test_a_request_done_in_an_earlier_batch_gets_its_first_ack(board, column, guest):
    request_id = uuid.uuid4()
    first = actions.post_card(guest.access, column.pk, "kept", request_id=request_id)

    replies = run_batch(
        board.pk,
        [post(guest, column, "new"), post(guest, column, "kept", request_id)],
    )

    assert replies == [first.seq + 1, first.seq]
    assert Card.objects.filter(board=board, text="kept").count() == 1


def test_the_same_request_id_of_another_person_is_their_own(
    board, column, guest, second_guest
):
    request_id = uuid.uuid4()
    queued = [
        post(guest, column, "mine", request_id),
        post(second_guest, column, "theirs", request_id),
    ]

    assert run_batch(board.pk, queued) == [1, 2]


def test_a_batch_publishes_its_events_once_after_commit_in_order(
    board, column, guest, published, django_capture_on_commit_callbacks
):
    queued = [
        post(guest, column, "a"),
        command(guest.access, actions.add_vote, 999_999),
        post(guest, column, "b"),
    ]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run_batch(board.pk, queued)

    assert len(callbacks) == 1
    assert published == [(board.pk, [1, 2])]


def test_a_batch_that_fails_as_a_whole_is_rolled_back_for_each_to_run_alone(
    board, column, guest, published, django_capture_on_commit_callbacks
):
    def crash():
        raise RuntimeError("a bug in one command")

    queued = [
        post(guest, column, "a"),
        Queued(crash, "x", None),
        post(guest, column, "b"),
    ]

    with django_capture_on_commit_callbacks(execute=True):
        assert run_batch(board.pk, queued) is None

    assert stored_seqs(board) == []
    assert Card.objects.filter(board=board).count() == 0
    assert published == []


def test_a_batch_of_one_is_left_to_run_alone(board, column, guest):
    assert run_batch(board.pk, [post(guest, column, "alone")]) is None
    assert Card.objects.filter(board=board).count() == 0


def test_a_batch_takes_fewer_statements_per_command_than_commands_alone(
    board, column, guest, second_guest
):
    people = [guest, second_guest]
    with CaptureQueriesContext(connection) as alone:
        for n in range(10):
            actions.post_card(
                people[n % 2].access, column.pk, f"alone {n}", request_id=uuid.uuid4()
            )
    together = [
        post(people[n % 2], column, f"together {n}", uuid.uuid4()) for n in range(10)
    ]
    with CaptureQueriesContext(connection) as batched:
        assert len(run_batch(board.pk, together)) == 10

    # Alone, each command locks the board, looks up its request id, reads its column,
    # saves the board's last seq and records its request id (11 statements each); a
    # batch does each of those once, leaving each command its card, its event and
    # its savepoint.
    assert len(batched.captured_queries) <= len(alone.captured_queries) // 2


# Through the queue and the socket ---------------------------------------------------


@pytest.mark.django_db(transaction=True)
async def test_commands_queued_together_run_as_one_batch_in_order(
    board, column, monkeypatch
):
    guests = [
        await database_sync_to_async(Guest)(board, name=f"P{n}") for n in range(5)
    ]
    sizes = []
    real = batching.run_batch

    def counting(board_id, queued):
        sizes.append(len(queued))
        return real(board_id, queued)

    monkeypatch.setattr(batching, "run_batch", counting)

    replies = [
        batching.submit(board.pk, post(g, column, g.participant.display_name))
        for g in guests
    ]

    assert await asyncio.gather(*replies) == [1, 2, 3, 4, 5]
    assert sizes == [5]


@pytest.mark.django_db(transaction=True)
async def test_an_error_in_one_queued_command_reaches_its_sender_only(board, column):
    guest = await database_sync_to_async(Guest)(board)

    def crash():
        raise RuntimeError("a bug in one command")

    replies = [
        batching.submit(board.pk, post(guest, column, "before")),
        batching.submit(board.pk, Queued(crash, "x", None)),
        batching.submit(board.pk, post(guest, column, "after")),
    ]
    outcomes = await asyncio.gather(*replies, return_exceptions=True)

    assert outcomes[0] == 1
    assert isinstance(outcomes[1], RuntimeError)
    assert outcomes[2] == 2
    assert await database_sync_to_async(stored_seqs)(board) == [1, 2]


@pytest.mark.django_db(transaction=True)
async def test_one_socket_sending_many_commands_at_once_gets_every_answer_in_order(
    board, column
):
    guest = await database_sync_to_async(Guest)(board)
    socket = await connect(board.join_code, guest.cookie)
    await send(socket, {"type": "resume", "after": 0})
    assert (await receive(socket))["type"] == "synced"
    ids = [str(uuid.uuid4()) for _ in range(8)]
    frames = [
        {"type": "card.create", "request_id": rid, "column": column.pk, "text": f"c{n}"}
        for n, rid in enumerate(ids)
    ]
    frames[3]["column"] = 999_999  # no such column: fails alone
    frames[5]["request_id"] = ids[4]  # a retry of the one before: the same ack
    for frame in frames:
        await send(socket, frame)

    answers = []
    while len(answers) < len(frames):
        message = await receive(socket)
        if message["type"] in ("ack", "error"):
            answers.append(message)
    await socket.disconnect()

    assert [a["request_id"] for a in answers] == [f["request_id"] for f in frames]
    assert [a.get("seq") for a in answers] == [1, 2, 3, None, 4, 4, 5, 6]
    assert answers[3]["code"] == "not_found"
    assert await database_sync_to_async(stored_seqs)(board) == [1, 2, 3, 4, 5, 6]
    board = await database_sync_to_async(Board.objects.get)(pk=board.pk)
    assert board.last_seq == 6
