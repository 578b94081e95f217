"""Publishing board events: each committed event goes to the board's group once.

The naive Channels pattern (one channel-layer message per socket, each delivered
through ``AsyncConsumer.dispatch`` with a thread hop) delivers about 2,000 frames a
second and drops messages when a channel is full (issue 4). Here instead each
process holds one channel-layer subscription per board (``feedback.hub``), and
``publish_events`` sends the already serialised events of a transaction to the
board's group once, after it commits. The hub writes them to every local socket.

An event that some recipients may not see in full (a sealed card in a silent
brainstorm, a hidden card, a support request) is published with up to two more
serialised variants: one for its owner (the card's author) and one for everyone
else who is not staff; the hub picks per socket (``hub.audience_of``).

The ``seq``/``resume`` protocol remains the safety net for anything dropped.
"""

import asyncio
import json
import logging
import os
import weakref
from collections import deque

from asgiref.sync import SyncToAsync, async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


def group_name(board_id: int) -> str:
    return f"board-{board_id}"


def dumps(message: dict) -> str:
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False)


def batch_frame(items: list[tuple[int, str]]) -> str:
    """One frame for the serialised events, without serialising them again."""
    if len(items) == 1:
        return items[0][1]
    return '{"type":"events","items":[' + ",".join(text for _, text in items) + "]}"


def event_payload(
    message: dict,
    own: dict | None = None,
    other: dict | None = None,
    owner: int | None = None,
) -> dict:
    """A committed event as the hub takes it: its seq, its text and its variants.

    ``own`` and ``other`` are the variants for the ``owner`` participant and for
    everyone else who is not staff, when they differ from ``message``.
    """
    payload = {"seq": message["seq"], "text": dumps(message)}
    if own is not None or other is not None:
        payload.update(
            own=dumps(own) if own is not None else None,
            other=dumps(other) if other is not None else None,
            owner=owner,
        )
    return payload


def publish_events(board_id: int, events: list[dict]) -> None:
    """Send committed events (``event_payload``) to every process serving the board.

    Called on commit, with the events of one transaction in ``seq`` order: they travel
    as one channel-layer message.
    """
    layer = get_channel_layer()
    if layer is None or not events:
        return
    message = {"type": "board.events", "events": events}
    loop = server_loop()
    if loop is None:  # A management command or a plain thread: publish now.
        try:
            async_to_sync(layer.group_send)(group_name(board_id), message)
        except Exception:
            logger.exception(
                "Could not publish %s of board %s", _seqs(message), board_id
            )
        return
    loop.call_soon_threadsafe(_outbox_of(loop).put, group_name(board_id), message)


def _seqs(message: dict) -> str:
    events = message["events"]
    return f"events {events[0]['seq']}-{events[-1]['seq']}"


def publish_to_user(board_id: int, user_id: int, kind: str) -> None:
    """Tell every process serving the board about one person's sockets.

    ``kind`` is ``board.logout`` (close them) or ``board.rights_changed`` (re-check
    what they may see, with the rights of now).
    """
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(
            group_name(board_id), {"type": kind, "user": user_id}
        )


def server_loop() -> asyncio.AbstractEventLoop | None:
    """The running event loop whose worker thread this is (asgiref's), if any."""
    local = SyncToAsync.threadlocal
    if getattr(local, "main_event_loop_pid", None) != os.getpid():
        return None
    loop = getattr(local, "main_event_loop", None)
    return loop if loop is not None and loop.is_running() else None


class Outbox:
    """Publishes committed events from the server's event loop, in commit order.

    Commands run in Django's single database thread. Waiting there for the channel
    layer (an ``async_to_sync`` hop to the event loop and back, which waits behind
    whatever frames the loop is writing) cost about a quarter of every command's
    time under load (docs/performance.md). So the database thread only hands the
    event over; one task per event loop publishes the queue in order. Should a
    publish fail, clients recover the event by ``seq``.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.items: deque = deque()
        self.draining = False

    def put(self, group: str, message: dict) -> None:
        self.items.append((group, message))
        if not self.draining:
            self.draining = True
            self.loop.create_task(self._drain())

    async def _drain(self) -> None:
        layer = get_channel_layer()
        try:
            while self.items:
                group, message = self.items.popleft()
                try:
                    await layer.group_send(group, message)
                except Exception:
                    logger.exception("Could not publish %s", _seqs(message))
        finally:
            self.draining = False


_outboxes: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Outbox]" = (
    weakref.WeakKeyDictionary()
)


def _outbox_of(loop: asyncio.AbstractEventLoop) -> Outbox:
    outbox = _outboxes.get(loop)
    if outbox is None:
        outbox = _outboxes[loop] = Outbox(loop)
    return outbox
