"""Every frame gets an answer (issue 12): thousands of generated frames on one socket.

Each Hypothesis example sends a list of frames (random JSON, raw text, every command
with every field mangled, a few sound commands) to one socket of a facilitator who
also joined the board, and checks after each frame that an ``ack`` or ``error`` came
back, now and then that a sound command is still acknowledged, and at the end that
the board is consistent and nothing was logged as an error.
"""

import json

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codesign.text import FORBIDDEN
from feedback import boards
from feedback.access import board_for
from feedback.commands import COMMANDS
from feedback.models import BoardEvent, Card
from feedback.snapshot import board_state
from feedback.visibility import Viewer

from .conftest import connect, receive, session_cookie

pytestmark = pytest.mark.django_db(transaction=True)

ANSWERS = {"ack", "error", "synced", "snapshot"}
SOUND_COMMAND = json.dumps({"type": "timer.stop"})
# Values some field of some command takes; COLUMN_ID becomes the board's column.
SOUND_VALUES = ["COLUMN_ID", "1", "2", "3", '"Sleep"', '"open"', '"patient"', "true"]
RAW_VALUES = [
    "1e400",
    "-1e400",
    "-0",
    "-0.0",
    "1234567890123456789012345",
    "-1234567890123456789012345",
    "NaN",
    "Infinity",
    "null",
    "true",
    "false",
    "[]",
    "{}",
    "[[[[[[[[[[1]]]]]]]]]]",
    '"\\u0000"',
    '"\\ud800"',
    '"a\\udfffb"',
    '"\\u202e\\u200b\\ufeff"',
    '"x\\u001b[2J"',
    '"' + "é" * 600 + '"',
    '"1"',
    '""',
    "0",
    "1",
    "2",
    "1.5",
]
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(st.characters(codec="utf-8", exclude_categories=["Cs"])),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
raw_value = st.sampled_from(RAW_VALUES) | json_values.map(json.dumps)


@st.composite
def mangled_command(draw) -> str:
    """A command of any type, each field absent, sound or replaced by odd JSON."""
    kind = draw(st.sampled_from(sorted(COMMANDS)))
    parts = [f'"type": {json.dumps(kind)}']
    for name in COMMANDS[kind][0].base_fields:
        choice = draw(st.sampled_from(["absent", "sound", "odd"]))
        if choice != "absent":
            value = draw(st.sampled_from(SOUND_VALUES))
            parts.append(f'"{name}": {draw(raw_value) if choice == "odd" else value}')
    return "{" + ", ".join(parts) + "}"


frames = st.one_of(
    mangled_command(),
    json_values.map(json.dumps),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=40),
    st.sampled_from(["[" * 5000, "{" * 3000, '{"type": "resume", "after": 0}']),
    st.builds(lambda v: '{"type": "resume", "after": ' + v + "}", raw_value),
)


async def answer(communicator) -> dict:
    """The next ack, error, synced or snapshot frame, skipping events on the way."""
    while True:
        frame = await receive(communicator)
        assert frame["type"] != "websocket.close", frame
        if frame["type"] in ANSWERS:
            return frame


async def send_all(board, cookie, texts: list[str]) -> list[int]:
    """Send each frame, check each is answered; the seqs of the acks."""
    column_id = str(await database_sync_to_async(lambda: board.columns.first().pk)())
    communicator = await connect(board.join_code, cookie)
    seqs = []
    for number, text in enumerate(texts, start=1):
        await communicator.send_to(text_data=text.replace("COLUMN_ID", column_id))
        reply = await answer(communicator)
        seqs += [reply["seq"]] if reply["type"] == "ack" else []
        if number % 25 == 0:
            await communicator.send_to(text_data=SOUND_COMMAND)
            sound = await answer(communicator)
            assert sound["type"] == "ack", sound
            seqs.append(sound["seq"])
    await communicator.disconnect()
    return seqs


async def fresh_snapshot(board, cookie) -> dict:
    communicator = await connect(board.join_code, cookie)
    await communicator.send_to(text_data='{"type": "resume", "after": 1000000000}')
    snapshot = await answer(communicator)
    await communicator.disconnect()
    return snapshot


def joined_facilitator(board, facilitator) -> str:
    boards.join_board(board, facilitator, display_name="Frank", role="other")
    return session_cookie(facilitator)


def expected_state(board, facilitator) -> dict:
    board.refresh_from_db()
    access = board_for(facilitator, board, {})
    return json.loads(
        json.dumps(
            {"seq": board.last_seq, "board": board_state(board, Viewer.of(access))}
        )
    )


@override_settings(BOARD_RATE_LIMIT=10**9, BOARD_ABUSE_LIMIT=10**9)
def test_every_frame_gets_an_answer_and_the_board_stays_sound(
    board, column, facilitator, caplog
):
    cookie = joined_facilitator(board, facilitator)

    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(st.lists(frames, min_size=150, max_size=250))
    def run(texts):
        caplog.clear()
        seqs = async_to_sync(send_all)(board, cookie, texts)
        snapshot = async_to_sync(fresh_snapshot)(board, cookie)

        assert seqs == sorted(set(seqs))
        assert BoardEvent.objects.filter(board=board).count() == board_last_seq(board)
        assert {"seq": snapshot["seq"], "board": snapshot["board"]} == expected_state(
            board, facilitator
        )
        assert not [c.text for c in Card.objects.all() if FORBIDDEN.search(c.text)]
        assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []

    run()


def board_last_seq(board) -> int:
    board.refresh_from_db()
    return board.last_seq
