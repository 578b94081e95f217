"""The hub never dies quietly and every socket leaves it (issue 12 items 2 to 4)."""

import asyncio
import functools
import json

import pytest
from channels.auth import AuthMiddlewareStack
from channels.layers import get_channel_layer
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.urls import path

from feedback import hub as hubs
from feedback.consumers import BoardConsumer
from feedback.daphne_fastpath import DaphneSocket, daphne_socket
from feedback.fanout import group_name
from feedback.visibility import Viewer

from .conftest import ORIGIN, connect, receive, receive_events, send


class Recorder:
    """A local socket that keeps the events written to it."""

    participant_id = None
    viewer = Viewer()
    role = None
    user_id = None
    live = True
    fast_path = None

    def __init__(self):
        self.events: list[int] = []
        self.closed = 0

    async def frame_send(self, message: dict) -> None:
        frame = json.loads(message["text"])
        for item in frame.get("items", [frame]):
            if item["type"] == "event":
                self.events.append(item["seq"])

    def buffer_items(self, items) -> None:
        pass

    async def close_slow(self) -> None:
        self.closed += 1

    async def close_logged_out(self) -> None:
        self.closed += 1


class Broken(Recorder):
    """A socket whose connection is gone, and whose closing fails as well."""

    async def frame_send(self, message: dict) -> None:
        raise ConnectionResetError("the client went away")

    async def close_slow(self) -> None:
        self.closed += 1
        raise RuntimeError("the channel layer is down")


class Backlogged:
    """A Daphne socket whose client stopped reading two megabytes ago."""

    def unsent_bytes(self) -> int:
        return 2 * 1024 * 1024

    def write(self, message: dict) -> bool:
        raise AssertionError("a backlogged socket must not be written to")


async def publish(board_id: int, seq: int, seq_value=None) -> None:
    """An event as ``fanout.publish_events`` sends it, through the channel layer."""
    text = json.dumps({"type": "event", "seq": seq, "name": "card.updated"})
    event = {"seq": seq if seq_value is None else seq_value, "text": text}
    await get_channel_layer().group_send(
        group_name(board_id), {"type": "board.events", "events": [event]}
    )


async def until(condition, timeout=3.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


async def test_a_socket_that_fails_is_dropped_and_the_next_event_reaches_the_others():
    first, broken, last = Recorder(), Broken(), Recorder()
    for socket in (first, broken, last):
        hub = await hubs.attach(socket, 9101)

    await publish(9101, 1)
    await until(lambda: last.events == [1])
    await publish(9101, 2)
    await until(lambda: last.events == [1, 2])

    assert first.events == [1, 2]
    assert broken.closed == 1
    assert hub.subscribers == [first, last]
    assert not any(task.done() for task in hub.tasks)
    await hub.remove(first)
    await hub.remove(last)
    assert 9101 not in hubs._hubs


async def test_a_batch_that_fails_is_logged_and_the_next_event_still_arrives(caplog):
    socket = Recorder()
    hub = await hubs.attach(socket, 9102)

    await publish(9102, 1, seq_value="one")  # cannot be compared with a number
    await until(lambda: "Delivery on board-9102 failed" in caplog.text)
    await publish(9102, 3)
    await until(lambda: socket.events == [3])

    assert not any(task.done() for task in hub.tasks)
    await hub.remove(socket)


async def test_a_socket_whose_joining_fails_is_not_left_in_the_hub(monkeypatch):
    async def layer_down(hub):
        raise ConnectionError("the channel layer is down")

    monkeypatch.setattr(hubs.BoardHub, "presence_changed", layer_down)
    socket = Recorder()

    with pytest.raises(ConnectionError):
        await hubs.attach(socket, 9103)

    assert 9103 not in hubs._hubs


class CrashingConsumer(BoardConsumer):
    """A consumer whose frame handling crashes outright."""

    async def receive(self, text_data=None, bytes_data=None):
        raise RuntimeError("a bug in frame handling")


crashing_app = AuthMiddlewareStack(
    URLRouter([path("ws/boards/<str:code>/", CrashingConsumer.as_asgi())])
)


async def presence_total(communicator, total: int) -> dict:
    while True:
        message = await communicator.receive_json_from(timeout=3)
        if message["type"] == "presence" and message["total"] == total:
            return message


@pytest.mark.django_db(transaction=True)
async def test_a_crashed_socket_leaves_the_hub_and_presence(board, guest, second_guest):
    watcher = await connect(board.join_code, guest.cookie)
    crasher = WebsocketCommunicator(
        crashing_app,
        f"/ws/boards/{board.join_code}/",
        headers=[*ORIGIN, (b"cookie", second_guest.cookie.encode())],
    )
    assert (await crasher.connect())[0]
    await presence_total(watcher, 2)

    await crasher.send_to(text_data="{}")
    with pytest.raises(RuntimeError):
        while True:  # presence frames, then the crash
            await crasher.receive_output(timeout=3)

    assert await presence_total(watcher, 1) == {
        "type": "presence",
        "seq": 0,
        "total": 1,
        "by_role": {"patient": 1},
    }
    assert len(hubs._hubs[board.pk].subscribers) == 1
    await watcher.disconnect()
    assert board.pk not in hubs._hubs


@pytest.mark.django_db(transaction=True)
async def test_a_client_not_reading_its_resume_is_closed_with_4408(board, guest):
    communicator = await connect(board.join_code, guest.cookie)
    await presence_total(communicator, 1)
    consumer = hubs._hubs[board.pk].subscribers[0]
    consumer.fast_path = Backlogged()

    await send(communicator, {"type": "resume", "after": 0})

    assert await receive(communicator) == {"type": "websocket.close", "code": 4408}
    assert board.pk not in hubs._hubs
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_client_not_reading_events_is_closed_with_4408(board, guest):
    communicator = await connect(board.join_code, guest.cookie)
    await send(communicator, {"type": "resume", "after": 0})
    assert await receive(communicator) == {"type": "synced", "seq": 0}
    hubs._hubs[board.pk].subscribers[0].fast_path = Backlogged()

    await publish(board.pk, 1)

    assert await receive(communicator) == {"type": "websocket.close", "code": 4408}
    assert board.pk not in hubs._hubs
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_events_reach_every_socket_with_plain_asgi_sends(
    board, guest, second_guest, settings
):
    settings.BOARD_FAST_PATH = False
    first = await connect(board.join_code, guest.cookie)
    second = await connect(board.join_code, second_guest.cookie)
    for communicator in (first, second):
        await send(communicator, {"type": "resume", "after": 0})
        assert await receive(communicator) == {"type": "synced", "seq": 0}

    await publish(board.pk, 1)

    assert [e["seq"] for e in await receive_events(first, 1)] == [1]
    assert [e["seq"] for e in await receive_events(second, 1)] == [1]
    assert [s.fast_path for s in hubs._hubs[board.pk].subscribers] == [None, None]
    await first.disconnect()
    await second.disconnect()


class DaphneServer:
    """Just what the fast path recognises of a Daphne server and its protocol."""

    def __init__(self):
        self.protocol = type("Protocol", (), {"transport": None})()
        self.protocol.sendPreparedMessage = None
        self.connections = {self.protocol: {}}

    async def handle_reply(self, protocol, message):
        pass


def test_the_fast_path_serves_daphne_sockets_only_and_only_when_enabled(settings):
    server = DaphneServer()
    daphne_send = functools.partial(server.handle_reply, server.protocol)

    async def other_server_send(message):
        pass

    settings.BOARD_FAST_PATH = True
    assert isinstance(daphne_socket(daphne_send), DaphneSocket)
    assert daphne_socket(other_server_send) is None
    settings.BOARD_FAST_PATH = False
    assert daphne_socket(daphne_send) is None
