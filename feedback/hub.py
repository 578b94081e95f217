"""A board's hub: this process's subscription to the board and its local sockets.

- Each process holds one channel-layer subscription per board (``BoardHub``), taken
  when the first local socket joins and dropped when the last leaves.
- The hub writes each event to every local socket in a plain loop, straight to the
  socket: no database work, no channel-layer message and no thread hop per socket
  (under Daphne through ``feedback.daphne_fastpath``, elsewhere the ASGI ``send``).
- An idle hub sends each event at once. Events that arrive while a delivery is in
  progress, or during the pause after one (``pause_after``: in proportion to its
  cost, so next to nothing after a cheap one), are sent together as one
  ``{"type": "events", "items": [...]}`` frame.
- A socket whose server-side send buffer passes ``SLOW_CLIENT_BYTES`` is closed with
  ``CLOSE_TOO_SLOW``; its client reconnects and resumes, losing nothing.
- The hub is infrastructure: whatever goes wrong with one socket or one batch is
  logged, the socket is closed and detached, and the next delivery goes ahead.

An event with redacted variants (``feedback.fanout.event_payload``) is delivered per
audience (``Audiences``): ``deliver`` builds one frame per distinct combination, so a
batch is still serialised once per audience, not once per socket.
"""

import asyncio
import logging
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import NamedTuple, Protocol

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings

from .daphne_fastpath import DaphneSocket
from .fanout import batch_frame, dumps, group_name
from .visibility import FULL, Viewer, variant_of

logger = logging.getLogger(__name__)

MAX_COALESCE_SECONDS = 0.2
# After a delivery that took t seconds, wait BUSY_FACTOR * t before the next one, so
# that writing frames takes at most about a quarter of the event loop's time: with
# many sockets and many events, frames grow (more events each) instead of queueing.
# No fixed minimum: a window of its own would add its length to every event's
# latency on an idle board, where a delivery costs a fraction of a millisecond.
BUSY_FACTOR = 3
HEARTBEAT_SECONDS = settings.BOARD_HEARTBEAT_SECONDS
PRESENCE_EXPIRY_SECONDS = 45
SLOW_CLIENT_BYTES = 1024 * 1024
CLOSE_TOO_SLOW = 4408
# Identifies this process in presence reports, so each process counts its own sockets.
PROCESS_ID = uuid.uuid4().hex


class Subscriber(Protocol):
    """What the hub uses of a local socket (``BoardConsumer`` is the one in use)."""

    user_id: int | None  # whose sockets a log-out closes
    participant_id: int | None  # presence, and owning a redacted event
    role: str | None  # presence by role
    viewer: Viewer  # who is looking, with the rights of now (``feedback.visibility``)
    live: bool  # has resumed and takes frames; else ``buffer_items``
    fast_path: DaphneSocket | None  # None: plain ASGI, no slow-client guard
    frame_send: Callable[[dict], Awaitable[None]]  # the socket's ASGI send

    def buffer_items(self, items: list[tuple[int, str]]) -> None: ...

    async def close_slow(self) -> None: ...

    async def close_logged_out(self) -> None: ...

    def rights_changed(self) -> None: ...


def pause_after(delivery_seconds: float) -> float:
    """The coalescing window after a delivery: in proportion to its cost, capped."""
    return min(MAX_COALESCE_SECONDS, BUSY_FACTOR * delivery_seconds)


class Audiences(NamedTuple):
    """The serialised variants of an event for owner and others (None: the full one)."""

    own: str | None
    other: str | None
    owner: int | None


def audience_of(subscriber, audiences: Audiences | None) -> str:
    """Which variant a subscriber gets: the visibility rule's "full", "own" or "other"."""
    if audiences is None:
        return FULL
    return variant_of(
        subscriber.viewer, audiences.owner, audiences.own, audiences.other
    )


async def write_frame(subscriber: Subscriber, message: dict) -> bool:
    """Send a frame unless the socket is broken or too far behind (slow clients)."""
    fast = subscriber.fast_path
    if fast is not None:
        if fast.unsent_bytes() > SLOW_CLIENT_BYTES:
            return False
        written = fast.write(message)
        if written is not None:
            return written
    try:
        await subscriber.frame_send(message)
    except Exception:  # one broken socket must not stop the others.
        logger.warning("Could not write to a socket", exc_info=True)
        return False
    return True


class BoardHub:
    """One board's local sockets and this process's subscription to its group."""

    def __init__(self, board_id: int):
        self.board_id = board_id
        self.group = group_name(board_id)
        self.loop = asyncio.get_running_loop()
        self.subscribers: list[Subscriber] = []
        self.pending: list[tuple[int, str]] = []
        # Variants of pending events that not everyone may see in full, by seq.
        self.audiences: dict[int, Audiences] = {}
        self.wakeup = asyncio.Event()
        self.ready = asyncio.Event()
        self.stopped = False
        self.seq = 0
        self.remote_presence: dict[str, tuple[float, dict]] = {}
        self.pending_presence = False
        self.closing: set[asyncio.Task] = set()
        self.tasks = [
            self.loop.create_task(self._listen()),
            self.loop.create_task(self._send_loop()),
            self.loop.create_task(self._heartbeat()),
        ]

    async def _listen(self) -> None:
        layer = get_channel_layer()
        channel = await layer.new_channel("board.")
        await layer.group_add(self.group, channel)
        self.ready.set()
        try:
            while True:
                try:
                    message = await layer.receive(channel)
                except asyncio.CancelledError:
                    raise
                except Exception:  # e.g. Redis restarting; resume recovers.
                    logger.exception("Receiving for %s failed; retrying", self.group)
                    await asyncio.sleep(1)
                    continue
                try:
                    self.handle(message)
                except Exception:
                    logger.exception("Ignored a malformed message on %s", self.group)
        finally:
            try:
                await asyncio.shield(layer.group_discard(self.group, channel))
            except Exception:  # the layer may already be gone at shutdown.
                logger.warning("Could not leave %s", self.group, exc_info=True)

    def handle(self, message: dict) -> None:
        kind = message.get("type")
        if kind == "board.events":
            for event in message["events"]:
                self.pending.append((event["seq"], event["text"]))
                if event.get("own") is not None or event.get("other") is not None:
                    self.audiences[event["seq"]] = Audiences(
                        event.get("own"), event.get("other"), event.get("owner")
                    )
            self.wakeup.set()
        elif kind == "board.presence" and message.get("origin") != PROCESS_ID:
            self.remote_presence[message["origin"]] = (
                time.monotonic(),
                message["by_role"],
            )
            self.pending_presence = True
            self.wakeup.set()
        elif kind == "board.logout":
            for subscriber in list(self.subscribers):
                if subscriber.user_id == message.get("user"):
                    task = self.loop.create_task(
                        self.drop(subscriber, subscriber.close_logged_out)
                    )
                    self.closing.add(task)
                    task.add_done_callback(self.closing.discard)
        elif kind == "board.rights_changed":
            for subscriber in list(self.subscribers):
                if subscriber.user_id == message.get("user"):
                    subscriber.rights_changed()

    async def _send_loop(self) -> None:
        """Deliver pending events; what arrives meanwhile goes in the next frame."""
        while not self.stopped:
            await self.wakeup.wait()
            self.wakeup.clear()
            # CPU time, not wall time: waiting for the GIL while the database thread
            # runs a command is not delivery work and must not stretch the pause.
            started = time.thread_time()
            try:
                await self.deliver_pending()
            except Exception:  # a lost batch is recovered by resume; go on.
                logger.exception("Delivery on %s failed; carrying on", self.group)
            await asyncio.sleep(pause_after(time.thread_time() - started))

    async def deliver_pending(self) -> None:
        items, self.pending = self.pending, []
        if items:
            items.sort()
            self.seq = max(self.seq, items[-1][0])
            await self.deliver(items)
        if self.pending_presence:
            self.pending_presence = False
            await self.send_presence()

    async def deliver(self, items: list[tuple[int, str]]) -> None:
        """Write one frame to every live local socket: the hot path, no database."""
        audiences = [self.audiences.pop(seq, None) for seq, _ in items]
        redacting = any(a is not None for a in audiences)
        message = {"type": "websocket.send", "text": batch_frame(items)}
        views: dict[tuple, tuple[list, dict]] = {}
        failed = []
        for subscriber in list(self.subscribers):
            try:
                mine, frame = items, message
                if redacting:
                    mine, frame = self.audience_view(
                        subscriber, items, audiences, views
                    )
                if not subscriber.live:
                    subscriber.buffer_items(mine)
                elif not await write_frame(subscriber, frame):
                    failed.append(subscriber)
            except Exception:
                logger.exception("Could not deliver to a socket of %s", self.group)
                failed.append(subscriber)
        for subscriber in failed:
            await self.drop(subscriber, subscriber.close_slow)

    @staticmethod
    def audience_view(subscriber, items, audiences, views: dict) -> tuple[list, dict]:
        """The subscriber's variant of the items and its frame, one per audience."""
        key = tuple(audience_of(subscriber, a) for a in audiences)
        if key not in views:
            mine = [
                (seq, text if pick == FULL else getattr(a, pick))
                for (seq, text), a, pick in zip(items, audiences, key, strict=True)
            ]
            views[key] = (mine, {"type": "websocket.send", "text": batch_frame(mine)})
        return views[key]

    async def drop(self, subscriber: Subscriber, close) -> None:
        """Close a socket the hub cannot serve; it leaves even if closing fails."""
        try:
            await close()
        except Exception:
            logger.exception("Could not close a socket of %s", self.group)
        await self.remove(subscriber)

    async def remove(self, subscriber: Subscriber) -> None:
        """Take a socket out; the last one out ends the subscription. Never raises."""
        if subscriber not in self.subscribers:
            return
        self.subscribers.remove(subscriber)
        try:
            await self.presence_changed()
        except Exception:  # the next heartbeat reports presence again.
            logger.warning("Could not report presence on %s", self.group, exc_info=True)
        finally:
            # Several sockets may leave at once, each awaiting its presence message
            # (a real wait with Redis): whoever finds the hub empty ends it, and
            # unregisters it unless a newer hub (of a later socket) took its place.
            if not self.subscribers:
                if _hubs.get(self.board_id) is self:
                    del _hubs[self.board_id]
                self.stop()

    # Presence ---------------------------------------------------------------------

    def local_by_role(self) -> dict:
        people = {
            s.participant_id: s.role for s in self.subscribers if s.participant_id
        }
        return dict(Counter(people.values()))

    def presence(self) -> dict:
        now = time.monotonic()
        total = Counter(self.local_by_role())
        for origin, (seen, by_role) in list(self.remote_presence.items()):
            if now - seen > PRESENCE_EXPIRY_SECONDS:
                del self.remote_presence[origin]
            else:
                total.update(by_role)
        return {
            "type": "presence",
            "seq": self.seq,
            "total": sum(total.values()),
            "by_role": dict(total),
        }

    async def send_presence(self) -> None:
        message = {"type": "websocket.send", "text": dumps(self.presence())}
        failed = [
            s for s in list(self.subscribers) if not await write_frame(s, message)
        ]
        for subscriber in failed:
            await self.drop(subscriber, subscriber.close_slow)

    async def presence_changed(self) -> None:
        """Tell the other processes and the local sockets that someone came or went."""
        layer = get_channel_layer()
        await layer.group_send(
            self.group,
            {
                "type": "board.presence",
                "origin": PROCESS_ID,
                "by_role": self.local_by_role(),
            },
        )
        self.pending_presence = True
        self.wakeup.set()

    async def _heartbeat(self) -> None:
        """Every few seconds: re-read the board's latest seq and send presence."""
        from .models import Board

        def latest_seq():
            board = Board.objects.filter(pk=self.board_id)
            return board.values_list("last_seq", flat=True).first() or 0

        while True:
            await asyncio.sleep(HEARTBEAT_SECONDS)
            try:
                self.seq = max(self.seq, await database_sync_to_async(latest_seq)())
                await self.presence_changed()
            except asyncio.CancelledError:
                raise
            except Exception:  # the next beat tries again.
                logger.exception("Heartbeat of %s failed", self.group)

    def stop(self) -> None:
        """End the hub's tasks; the one stopping it (a delivery) ends on its own."""
        self.stopped = True
        current = asyncio.current_task()
        for task in self.tasks:
            if task is not current:
                task.cancel()


_hubs: dict[int, BoardHub] = {}


async def attach(subscriber: Subscriber, board_id: int, seq: int = 0) -> BoardHub:
    """Add a local socket to its board's hub; subscribes this process if first.

    ``seq`` is the board's latest event number as the caller read it, so presence
    frames carry it from the start rather than from the first heartbeat. Should
    joining fail, the socket is taken out again before the error is raised.
    """
    hub = _hubs.get(board_id)
    if hub is not None and hub.loop is not asyncio.get_running_loop():
        hub = None  # A hub of an event loop that has ended (tests run one per test).
    if hub is None:
        hub = _hubs[board_id] = BoardHub(board_id)
    hub.seq = max(hub.seq, seq)
    hub.subscribers.append(subscriber)
    try:
        await asyncio.wait_for(hub.ready.wait(), timeout=10)
        await hub.presence_changed()
    except BaseException:
        await hub.remove(subscriber)
        raise
    return hub
