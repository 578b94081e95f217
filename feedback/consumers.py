"""The board WebSocket, ``/ws/boards/<join_code>/``: DESIGN §5, documented in docs/protocol.md.

Commands are validated here, then handed to the same ``feedback.actions`` functions the
HTML forms use, in their board's next batch (``feedback.batching``). Events reach the
socket through ``feedback.hub`` (one subscription per board per process, frames
written straight to the socket), not through a channel-layer message per socket, so
this consumer has no channel of its own.
"""

import asyncio
import logging
import time
from collections import defaultdict, deque
from functools import partial

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from codesign.ratelimit import RateLimited, client_address

from . import batching, fanout, visibility
from .access import board_for, board_for_code
from .commands import parse_command
from .daphne_fastpath import daphne_socket
from .frames import echo_request_id, parse_frame
from .hub import CLOSE_TOO_SLOW, attach, write_frame
from .models import Board, BoardEvent
from .snapshot import board_state
from .socket_scope import language_from_scope, wants_projector
from .visibility import PROJECTOR, Viewer

logger = logging.getLogger(__name__)

# Defaults of the limits; each can be set in settings as BOARD_<NAME> (the fuzz test
# lifts the rate limit that way).
MAX_FRAME_BYTES = 8 * 1024
RATE_LIMIT = 20
RATE_WINDOW_SECONDS = 10
ABUSE_LIMIT = 100
RESUME_INTERVAL_SECONDS = 2
RESUME_BURST = 2
SNAPSHOT_WHEN_BEHIND = 200
REPLAY_BATCH = 100
MAX_SYNC_BUFFER = 5000
ERROR_CODES = {
    "server_error",
    "invalid",
    "too_long",
    "forbidden",
    "not_found",
    "board_closed",
    "rate_limited",
    "privacy",
    "voting_closed",
    "sealed",
}
CLOSE_FORBIDDEN = 4403
CLOSE_UNKNOWN_BOARD = 4404
CLOSE_FLOODING = 4429
# Recent command times per participant in this process, for the rate limit.
_recent_commands: dict[str, deque] = defaultdict(deque)


def limit(name: str):
    """A limit of the board socket: ``settings.BOARD_<name>``, else this module's."""
    return getattr(settings, f"BOARD_{name}", globals()[name])


class BoardConsumer(AsyncWebsocketConsumer):
    # No channel per socket: events arrive through the board's hub (feedback.hub).
    channel_layer_alias = None
    # Set once the socket has joined its board's hub (``feedback.hub.Subscriber``).
    hub = None
    # The request id of the frame being handled, for its error frame.
    request_id = None
    # Commands sent and not yet answered (``answer``); none before ``connect``.
    answering: set = frozenset()

    async def dispatch(self, message):
        """Call the handler without Channels' extra thread hop per message.

        ``AsyncConsumer.dispatch`` first closes stale database connections in a
        worker thread; every query here runs through ``database_sync_to_async``,
        which does that itself, so the hop would only add latency to each frame.
        """
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def connect(self):
        self.hub = None
        self.answering = set()
        self.live = False
        self.syncing = False
        self.sync_buffer: list[tuple[int, str]] = []
        self.user = self.scope.get("user")
        self.cookies = self.scope.get("cookies", {})
        self.language = language_from_scope(self.scope)
        await self.accept()
        try:
            access = await database_sync_to_async(board_for_code)(
                self.user,
                self.scope["url_route"]["kwargs"]["code"],
                self.cookies,
                client_address(self.scope),
            )
        except Http404:
            return await self.close(code=CLOSE_UNKNOWN_BOARD)
        except RateLimited:
            return await self.close(code=CLOSE_FLOODING)
        except PermissionDenied:
            return await self.close(code=CLOSE_FORBIDDEN)
        self.board_id = access.board.pk
        # Commands re-check access against this object: only its id and project are
        # read (the action locks and re-reads the board row itself), which saves a
        # query per command (docs/performance.md).
        self.board = access.board
        self.actor_key = access.actor_key
        self.user_id = self.user.pk if self.user.is_authenticated else None
        # A projector socket sees what the wall may show, whoever opened it: anyone
        # may ask to see less than their rights allow, never more.
        self.projector = wants_projector(self.scope)
        # What this socket may receive (``feedback.visibility``), re-checked on every
        # resume and whenever the person's membership changes.
        self.viewer = self.viewer_for(access)
        self.participant_id = self.viewer.participant_id
        self.role = access.participant.role if access.participant else None
        self.frame_send = self.base_send
        self.fast_path = daphne_socket(self.base_send)
        # Joining the hub subscribes this process to the board's group, before any
        # resume reads the database, so nothing committed in between is missed.
        self.hub = await attach(self, self.board_id, access.board.last_seq)

    def viewer_for(self, access) -> Viewer:
        """The socket's viewer: a projector socket sees what the wall may show."""
        return PROJECTOR if self.projector else Viewer.of(access)

    async def __call__(self, scope, receive, send):
        """Serve the socket; whatever ends it (close, crash, shutdown), it leaves."""
        try:
            await super().__call__(scope, receive, send)
        finally:
            await self.leave()

    async def disconnect(self, code):
        await self.leave()

    async def leave(self):
        """Leave the board's hub and presence; safe to call more than once."""
        self.live = False
        for answer in list(self.answering):
            answer.cancel()  # its command still runs; nobody is left to hear.
        hub, self.hub = self.hub, None
        if hub is not None:
            await hub.remove(self)
            recent = _recent_commands.get(self.actor_key)
            if recent is not None and not self.within_window(recent):
                del _recent_commands[self.actor_key]

    # Incoming frames --------------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None):
        # Every reply, error messages included, is in the participant's language.
        with translation.override(self.language):
            self.request_id = None
            try:
                await self.handle_frame(text_data, bytes_data)
            except Exception:
                logger.exception("Board %s: a frame failed", self.scope["path"])
                await self.send_server_error(self.request_id)

    async def send_server_error(self, request_id) -> None:
        """Whatever a frame did, its sender gets an answer and the socket stays."""
        await self.send_error(
            request_id,
            "server_error",
            _("Something went wrong on the server; please try again."),
        )

    async def handle_frame(self, text_data, bytes_data):
        if self.hub is None:
            return
        # Every frame counts, also one that turns out invalid or a resume.
        within_limit = self.within_rate_limit()
        message, problem = parse_frame(text_data, bytes_data, limit("MAX_FRAME_BYTES"))
        if message is not None:
            self.request_id = echo_request_id(message.get("request_id"))
        if not within_limit:
            return await self.send_error(
                self.request_id,
                "rate_limited",
                _("Too many messages at once; wait a few seconds."),
            )
        if problem is not None:
            return await self.send_error(None, *problem)
        if message.get("type") == "resume":
            return await self.resume(message)
        await self.command(message)

    async def command(self, message: dict):
        if self.projector:
            return await self.send_error(
                self.request_id, "forbidden", _("The projector view only shows.")
            )
        try:
            action, fields = parse_command(message.get("type"), message)
        except ValidationError as error:
            return await self.send_error(self.request_id, error.code, error.messages[0])
        run = partial(self.execute, action, fields, self.request_id)
        reply = batching.submit(
            self.board_id, batching.Queued(run, self.actor_key, self.request_id)
        )
        # Queued in the order the frames came; the socket reads its next frames while
        # this one waits for its batch, so one sender's commands can share a batch.
        answer = asyncio.ensure_future(self.answer(self.request_id, reply))
        self.answering.add(answer)
        answer.add_done_callback(self.answering.discard)

    async def answer(self, request_id, reply: asyncio.Future) -> None:
        """Send a command's ack or error frame once its batch has run."""
        with translation.override(self.language):
            try:
                await self.send(text_data=fanout.dumps(await reply))
            except Exception:
                logger.exception("Board %s: a command failed", self.scope["path"])
                await self.send_server_error(request_id)

    def execute(self, action, fields: dict, request_id: str | None) -> dict:
        """Re-check access, run the action and turn its outcome into a frame."""
        with translation.override(self.language):
            try:
                # Rights of now, read once per batch however many commands it has
                # from this socket.
                check = partial(board_for, self.user, self.board, self.cookies)
                access = batching.once(("access", id(self)), check)
                ack = action(access, **fields)
            except PermissionDenied as error:
                return self.error_frame(
                    request_id,
                    "forbidden",
                    str(error) or _("You may not do that on this board."),
                )
            except ValidationError as error:
                code = error.code if error.code in ERROR_CODES else "invalid"
                return self.error_frame(request_id, code, " ".join(error.messages))
            except Board.DoesNotExist:
                return self.error_frame(
                    request_id, "not_found", _("This board no longer exists.")
                )
        reply = {"type": "ack", "request_id": request_id, "seq": ack.seq}
        if ack.result:
            reply["result"] = ack.result
        return reply

    def within_rate_limit(self) -> bool:
        """Count this frame, whatever it holds; whether the sender is within the limit."""
        recent = _recent_commands[self.actor_key]
        recent.append(time.monotonic())
        return self.within_window(recent) <= limit("RATE_LIMIT")

    @staticmethod
    def within_window(recent: deque) -> int:
        """Drop frame times older than the window; the number left."""
        cutoff = time.monotonic() - limit("RATE_WINDOW_SECONDS")
        while recent and recent[0] < cutoff:
            recent.popleft()
        return len(recent)

    def resume_allowed(self, after: int) -> bool:
        """Snapshots, and replays, each at most a burst of two then one per interval.

        Which of the two a resume gets is foreseen from the hub's latest seq, without
        a query, so a flood is refused before it reads the database.
        """
        latest = self.hub.seq
        snapshot = after > latest or latest - after > SNAPSHOT_WHEN_BEHIND
        kind = "snapshots_sent" if snapshot else "replays_sent"
        sent = self.__dict__.setdefault(kind, deque(maxlen=RESUME_BURST))
        now = time.monotonic()
        window = RESUME_BURST * limit("RESUME_INTERVAL_SECONDS")
        if len(sent) == RESUME_BURST and now - sent[0] < window:
            return False
        sent.append(now)
        return True

    def error_frame(self, request_id, code: str, message) -> dict:
        with translation.override(self.language):
            return {
                "type": "error",
                "request_id": request_id,
                "code": code,
                "message": str(message),
            }

    async def send_error(self, request_id, code: str, message):
        await self.send(
            text_data=fanout.dumps(self.error_frame(request_id, code, message))
        )
        if code == "rate_limited" and len(_recent_commands[self.actor_key]) > limit(
            "ABUSE_LIMIT"
        ):
            await self.leave()
            await self.close(code=CLOSE_FLOODING)

    # Resume -----------------------------------------------------------------------

    async def resume(self, message: dict):
        after = message.get("after")
        if not isinstance(after, int) or isinstance(after, bool) or after < 0:
            return await self.send_error(
                None, "invalid", _("“after” must be a whole number of at least 0.")
            )
        if not self.resume_allowed(after):
            return await self.send_error(
                None,
                "rate_limited",
                _(
                    "The board was sent a moment ago; wait a few seconds to resume again."
                ),
            )
        self.live, self.syncing, self.sync_buffer = False, True, []
        try:
            frames, seq = await database_sync_to_async(self.missed_frames)(after)
        except PermissionDenied:
            await self.leave()
            return await self.close(code=CLOSE_FORBIDDEN)
        except Board.DoesNotExist:
            await self.leave()
            return await self.close(code=CLOSE_UNKNOWN_BOARD)
        for frame in frames:
            if not await self.send_guarded(frame):
                return
        # No await between taking the buffer and going live: no event can slip past.
        buffered, self.sync_buffer = self.sync_buffer, []
        self.live, self.syncing = True, False
        newer = sorted({item for item in buffered if item[0] > seq})
        if newer:
            await self.send_guarded(fanout.batch_frame(newer))

    async def send_guarded(self, text: str) -> bool:
        """Write a replay or snapshot frame as events are; close clients not reading."""
        if await write_frame(self, {"type": "websocket.send", "text": text}):
            return True
        await self.close_slow()
        return False

    def missed_frames(self, after: int) -> tuple[list[str], int]:
        """The frames that bring a client at ``after`` up to date, and the seq they reach.

        They show the board as it is now, to the viewer with the rights of now.
        """
        board = Board.objects.get(pk=self.board_id)
        self.viewer = self.viewer_for(board_for(self.user, board, self.cookies))
        last = board.last_seq
        if after > last or last - after > SNAPSHOT_WHEN_BEHIND:
            state = board_state(board, self.viewer)
            snapshot = {"type": "snapshot", "seq": last, "board": state}
            return [fanout.dumps(snapshot)], last
        events = list(
            BoardEvent.objects.filter(board=board, seq__gt=after, seq__lte=last)
        )
        messages = visibility.replay(board, self.viewer, events)
        items = [(m["seq"], fanout.dumps(m)) for m in messages]
        frames = [
            fanout.batch_frame(items[i : i + REPLAY_BATCH])
            for i in range(0, len(items), REPLAY_BATCH)
        ]
        frames.append(fanout.dumps({"type": "synced", "seq": last}))
        return frames, last

    # Called by the hub ------------------------------------------------------------

    def buffer_items(self, items: list[tuple[int, str]]) -> None:
        """Keep live events that arrive while missed ones are being replayed.

        Past ``MAX_SYNC_BUFFER`` events are dropped; the client sees the gap in
        ``seq`` and resumes again, so nothing is lost.
        """
        if self.syncing and len(self.sync_buffer) < MAX_SYNC_BUFFER:
            self.sync_buffer.extend(items)

    async def close_slow(self):
        await self.leave()
        await self.close(code=CLOSE_TOO_SLOW)

    async def close_logged_out(self):
        await self.leave()
        await self.close(code=CLOSE_FORBIDDEN)

    def rights_changed(self) -> None:
        """The person's membership changed: see less at once, then what is allowed now."""
        self.viewer = Viewer(staff=False, participant_id=self.viewer.participant_id)
        self.recheck = asyncio.ensure_future(self.recheck_rights())

    async def recheck_rights(self) -> None:
        try:
            access = await database_sync_to_async(board_for)(
                self.user, self.board, self.cookies
            )
        except (PermissionDenied, Http404, Board.DoesNotExist):
            return await self.close_logged_out()
        self.viewer = self.viewer_for(access)
