"""Board fan-out: each event is published once and written to every local socket.

The naive Channels pattern (one channel-layer message per socket, each delivered
through ``AsyncConsumer.dispatch`` with a thread hop) delivers about 2,000 frames a
second and drops messages when a channel is full (issue 4). Here instead:

- Across processes, each process holds one channel-layer subscription per board
  (``BoardHub``), taken when the first local socket joins and dropped when the last
  leaves. ``publish_event`` sends the already serialised event to the board's group
  once, after the transaction commits.
- Within a process, the hub writes the frame to every local socket in a plain loop,
  straight to the socket's ASGI ``send``: no database work, no channel-layer message
  and no thread hop per socket.
- Events arriving within ``COALESCE_SECONDS`` of a delivery (longer when the last
  delivery was slow, see ``pause_after``) are sent together as one
  ``{"type": "events", "items": [...]}`` frame.
- A socket whose server-side send buffer passes ``SLOW_CLIENT_BYTES`` is closed with
  ``CLOSE_TOO_SLOW``; its client reconnects and resumes, losing nothing.

The ``seq``/``resume`` protocol remains the safety net for anything dropped.

Most events are the same for every recipient and take the path above. An event that
some recipients may not see in full (a sealed card in a silent brainstorm, a hidden
card, a support request) is published with up to three serialised variants
(``Audiences``): the full one for staff (``sees_all``), one for its owner (the card's
author) and one for everyone else. ``BoardHub.deliver`` picks per subscriber and builds
one frame per distinct combination, so a batch is still serialised once per audience,
not once per socket, and delivery still does no database work.
"""

import asyncio
import functools
import json
import logging
import os
import time
import uuid
import weakref
from collections import Counter, deque
from typing import NamedTuple

from asgiref.sync import SyncToAsync, async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import models

logger = logging.getLogger(__name__)

COALESCE_SECONDS = 0.025
MAX_COALESCE_SECONDS = 0.2
# After a delivery that took t seconds, wait BUSY_FACTOR * t before the next one, so
# that writing frames takes at most about a quarter of the event loop's time: with
# many sockets and many events, frames grow (more events each) instead of queueing.
BUSY_FACTOR = 3
HEARTBEAT_SECONDS = 15
PRESENCE_EXPIRY_SECONDS = 45
SLOW_CLIENT_BYTES = 1024 * 1024
CLOSE_TOO_SLOW = 4408
# Identifies this process in presence reports, so each process counts its own sockets.
PROCESS_ID = uuid.uuid4().hex


def pause_after(delivery_seconds: float) -> float:
    """The coalescing window after a delivery: 25 ms, longer when delivering is slow."""
    return min(
        MAX_COALESCE_SECONDS, max(COALESCE_SECONDS, BUSY_FACTOR * delivery_seconds)
    )


def group_name(board_id: int) -> str:
    return f"board-{board_id}"


def dumps(message: dict) -> str:
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False)


class Audiences(NamedTuple):
    """The serialised variants of one event for owner and others (None: the full one)."""

    own: str | None
    other: str | None
    owner: int | None


def audience_of(subscriber, audiences: Audiences | None) -> str:
    """Which variant a subscriber gets: "full", "own" or "other"."""
    if audiences is None or getattr(subscriber, "sees_all", False):
        return "full"
    owner = audiences.owner
    if owner is not None and getattr(subscriber, "participant_id", None) == owner:
        return "own" if audiences.own is not None else "full"
    return "other" if audiences.other is not None else "full"


def publish_event(
    board_id: int,
    message: dict,
    own: dict | None = None,
    other: dict | None = None,
    owner: int | None = None,
) -> None:
    """Send a committed event to every process serving the board (called on commit).

    ``own`` and ``other`` are the variants for the ``owner`` participant and for
    everyone else who is not staff, when they differ from ``message``.
    """
    layer = get_channel_layer()
    if layer is None:
        return
    payload = {"type": "board.event", "seq": message["seq"], "text": dumps(message)}
    if own is not None or other is not None:
        payload.update(
            own=dumps(own) if own is not None else None,
            other=dumps(other) if other is not None else None,
            owner=owner,
        )
    loop = server_loop()
    if loop is None:  # A management command or a plain thread: publish now.
        try:
            async_to_sync(layer.group_send)(group_name(board_id), payload)
        except Exception:
            logger.exception(
                "Could not publish event %s of board %s", message["seq"], board_id
            )
        return
    loop.call_soon_threadsafe(_outbox_of(loop).put, group_name(board_id), payload)


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

    def put(self, group: str, payload: dict) -> None:
        self.items.append((group, payload))
        if not self.draining:
            self.draining = True
            self.loop.create_task(self._drain())

    async def _drain(self) -> None:
        layer = get_channel_layer()
        try:
            while self.items:
                group, payload = self.items.popleft()
                try:
                    await layer.group_send(group, payload)
                except Exception:
                    logger.exception("Could not publish event %s", payload["seq"])
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


def publish_control(board_id: int, message: dict) -> None:
    """Send a low-rate control message (such as a log-out) to the board's processes."""
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group_name(board_id), message)


def close_user_sockets(sender, request=None, user=None, **kwargs) -> None:
    """On log-out, close that person's board sockets in every process (DESIGN §5)."""
    from codesign.models import Membership

    from .models import Board

    if user is None or user.pk is None:
        return
    projects = Membership.objects.filter(user=user).values("project_id")
    boards = Board.objects.live().filter(
        models.Q(participants__user=user) | models.Q(project_id__in=projects)
    )
    for board_id in boards.values_list("pk", flat=True).distinct():
        publish_control(board_id, {"type": "board.logout", "user": user.pk})


def batch_frame(items: list[tuple[int, str]]) -> str:
    """One frame for the serialised events, without serialising them again."""
    if len(items) == 1:
        return items[0][1]
    return '{"type":"events","items":[' + ",".join(text for _, text in items) + "]}"


def server_send(send):
    """The server's own ``send`` behind Channels' wrappers, and its socket transport.

    Channels' session middleware wraps ``send`` to save sessions on HTTP responses;
    frames need none of that, so the hub writes to the innermost ``send``. Under
    Daphne that is ``partial(server.handle_reply, protocol)``, whose protocol's
    Twisted transport tells how many bytes still wait to be written (None elsewhere).
    """
    while getattr(getattr(send, "__self__", None), "real_send", None) is not None:
        send = send.__self__.real_send
    transport = None
    if isinstance(send, functools.partial) and send.args:
        transport = getattr(send.args[0], "transport", None)
    return send, transport


def write_prepared(send, message: dict) -> bool | None:
    """Write a frame to a Daphne socket as a message framed once for every socket.

    Under load most of the event loop's time went into writing frames, and Daphne
    encodes and frames the same text again for every socket (docs/performance.md).
    autobahn's prepared message is encoded and framed once per frame (cached in
    ``message``) and then only copied to each socket. Returns None when ``send`` is
    not Daphne's, or the socket is not plainly open: then the ASGI send is used.
    """
    if not (isinstance(send, functools.partial) and send.args):
        return None
    protocol = send.args[0]
    connections = getattr(getattr(send.func, "__self__", None), "connections", None)
    if connections is None or not hasattr(protocol, "sendPreparedMessage"):
        return None
    if protocol not in connections or connections[protocol].get("disconnected"):
        return True  # Gone; Daphne's own send would drop the frame silently too.
    if protocol.state != protocol.STATE_OPEN:
        return None
    prepared = message.get("prepared")
    if prepared is None:
        from autobahn.websocket.protocol import PreparedMessage

        prepared = message["prepared"] = PreparedMessage(
            message["text"].encode(), False, False, False
        )
    if protocol._perMessageCompress is not None or protocol.send_queue:
        protocol.sendPreparedMessage(prepared)
    else:
        write_now(protocol.transport, prepared.payloadHybi)
    return True


def write_now(transport, data: bytes) -> None:
    """Write to a Twisted TCP socket at once when nothing waits before the data.

    Twisted's ``write`` only queues the data and registers the socket for writing;
    it goes out on the reactor's next turn, after which the socket is unregistered:
    two ``epoll_ctl`` calls per frame, which cost more than the ``send`` itself
    (docs/performance.md). Like asyncio's transports, send straight away and queue
    only what the kernel did not take. Anything unusual goes through ``write``.
    """
    sock = getattr(transport, "socket", None)
    try:
        idle = (
            transport.connected
            and not transport.disconnecting
            and not transport._tempDataBuffer
            and len(transport.dataBuffer) == transport.offset
        )
    except AttributeError:  # Not a plain TCP transport (TLS, tests).
        idle = False
    if sock is None or not idle:
        transport.write(data)
        return
    try:
        sent = sock.send(data)
    except BlockingIOError:
        sent = 0
    except OSError:
        transport.write(data)  # Twisted reports the broken connection its own way.
        return
    if sent < len(data):
        transport.write(data[sent:])


def unsent_bytes(transport) -> int:
    """Bytes accepted for a socket but not yet written to the network."""
    try:
        return len(transport.dataBuffer) - transport.offset + transport._tempDataLen
    except AttributeError:
        return 0


class BoardHub:
    """One board's local sockets and this process's subscription to its group.

    A subscriber (``BoardConsumer``) offers ``frame_send`` (the server's send),
    ``sees_all`` (staff: gets every event in full, see ``Audiences``),
    ``live`` (it has resumed and takes frames), ``buffer_items(items)`` (it is still
    replaying missed events), ``transport`` (for the slow-client check),
    ``user_id``, ``participant_id``, ``role``, ``close_slow()`` and
    ``close_logged_out()``.
    """

    def __init__(self, board_id: int):
        self.board_id = board_id
        self.group = group_name(board_id)
        self.loop = asyncio.get_running_loop()
        self.subscribers: list = []
        self.pending: list[tuple[int, str]] = []
        # Variants of pending events that not everyone may see in full, by seq.
        self.audiences: dict[int, Audiences] = {}
        self.wakeup = asyncio.Event()
        self.ready = asyncio.Event()
        self.seq = 0
        self.remote_presence: dict[str, tuple[float, dict]] = {}
        self.pending_presence = False
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
                except (KeyError, TypeError, AttributeError):
                    logger.exception("Ignored a malformed message on %s", self.group)
        finally:
            try:
                await asyncio.shield(layer.group_discard(self.group, channel))
            except Exception:  # the layer may already be gone at shutdown.
                logger.warning("Could not leave %s", self.group, exc_info=True)

    def handle(self, message: dict) -> None:
        kind = message.get("type")
        if kind == "board.event":
            self.pending.append((message["seq"], message["text"]))
            if message.get("own") is not None or message.get("other") is not None:
                self.audiences[message["seq"]] = Audiences(
                    message.get("own"), message.get("other"), message.get("owner")
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
                    self.loop.create_task(subscriber.close_logged_out())

    async def _send_loop(self) -> None:
        """Deliver pending events; whatever arrives during the pause goes in one frame."""
        while True:
            await self.wakeup.wait()
            self.wakeup.clear()
            # CPU time, not wall time: waiting for the GIL while the database thread
            # runs a command is not delivery work and must not stretch the pause.
            started = time.thread_time()
            items, self.pending = self.pending, []
            if items:
                items.sort()
                self.seq = max(self.seq, items[-1][0])
                await self.deliver(items)
            if self.pending_presence:
                self.pending_presence = False
                await self.send_presence()
            await asyncio.sleep(pause_after(time.thread_time() - started))

    async def deliver(self, items: list[tuple[int, str]]) -> None:
        """Write one frame to every live local socket: the hot path, no database."""
        audiences = [self.audiences.pop(seq, None) for seq, _ in items]
        redacting = any(a is not None for a in audiences)
        message = {"type": "websocket.send", "text": batch_frame(items)}
        views: dict[tuple, tuple[list, dict]] = {}
        failed = []
        for subscriber in list(self.subscribers):
            mine, frame = items, message
            if redacting:
                mine, frame = self.audience_view(subscriber, items, audiences, views)
            if not subscriber.live:
                subscriber.buffer_items(mine)
            elif not await self.write(subscriber, frame):
                failed.append(subscriber)
        for subscriber in failed:
            await subscriber.close_slow()

    @staticmethod
    def audience_view(subscriber, items, audiences, views: dict) -> tuple[list, dict]:
        """The subscriber's variant of the items and its frame, built once per audience."""
        key = tuple(audience_of(subscriber, a) for a in audiences)
        if key not in views:
            mine = [
                (seq, text if pick == "full" else getattr(a, pick))
                for (seq, text), a, pick in zip(items, audiences, key, strict=True)
            ]
            views[key] = (mine, {"type": "websocket.send", "text": batch_frame(mine)})
        return views[key]

    async def write(self, subscriber, message: dict) -> bool:
        """Send a frame unless the socket is too far behind or broken."""
        if unsent_bytes(subscriber.transport) > SLOW_CLIENT_BYTES:
            return False
        written = write_prepared(subscriber.frame_send, message)
        if written is not None:
            return written
        return await self.send_to(subscriber, message)

    async def send_to(self, subscriber, message: dict) -> bool:
        try:
            await subscriber.frame_send(message)
        except Exception:  # one broken socket must not stop the others.
            logger.warning(
                "Could not write to a socket of %s", self.group, exc_info=True
            )
            return False
        return True

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
        for subscriber in list(self.subscribers):
            await self.send_to(subscriber, message)

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
        for task in self.tasks:
            task.cancel()


_hubs: dict[int, BoardHub] = {}


async def attach(subscriber, board_id: int, seq: int = 0) -> BoardHub:
    """Add a local socket to its board's hub; subscribes this process if first.

    ``seq`` is the board's latest event number as the caller read it, so presence
    frames carry it from the start rather than from the first heartbeat.
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
    except TimeoutError:
        await detach(subscriber, board_id)
        raise
    await hub.presence_changed()
    return hub


async def detach(subscriber, board_id: int) -> None:
    """Remove a socket; the last one out ends the process's subscription."""
    hub = _hubs.get(board_id)
    if hub is None or subscriber not in hub.subscribers:
        return
    hub.subscribers.remove(subscriber)
    try:
        await hub.presence_changed()
    finally:
        # Several sockets may leave at once, each awaiting its presence message
        # (a real wait with Redis): only the one that finds the hub empty and still
        # registered ends it, and never a newer hub a later socket has started.
        if not hub.subscribers and _hubs.get(board_id) is hub:
            del _hubs[board_id]
            hub.stop()
