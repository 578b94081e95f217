"""Commands of a board that arrive together are applied together (issue 17).

Every board command (``actions.run_command``) runs in a ``Batch``: one transaction
holding the board's row lock. A command from a form is a batch of one. Commands from
sockets wait per board in this process (``CommandQueue``), and the database thread
takes all that are waiting as one batch: under load many commands share one lock,
one commit and one publish, while a lone command still runs at once.

Within a batch every command keeps what it had alone:

- its own savepoint (``Batch.command``): a command that fails undoes its own writes
  and its sender gets its own error; the others go ahead;
- gap-free ``seq``: an event takes the board's next number only when its command
  succeeds;
- idempotency: the batch looks up the request ids of all its commands in one query,
  and a request id seen earlier in the batch gets that command's ack.

The board's ``last_seq`` and the idempotency records are written once at the end of
the batch, and its events are published after the commit, in order, in one message.
Should a batch fail as a whole (an unexpected error in one command, the commit
itself), it is rolled back and each command runs again alone, so a bad command
still fails alone.
"""

import asyncio
import logging
import threading
import uuid
import weakref
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from channels.db import database_sync_to_async
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import fanout
from .models import Board, BoardEvent, ProcessedCommand

logger = logging.getLogger(__name__)

# The most commands one transaction takes; the rest wait for the next batch.
MAX_BATCH = 100
# The batch open in this thread (database connections are per thread too).
_open = threading.local()

RequestKey = tuple[str, uuid.UUID]  # (actor, request id)


def clean_request_id(request_id) -> uuid.UUID | None:
    """The request id as a UUID; None when absent; ``invalid`` when malformed."""
    if request_id in (None, ""):
        return None
    try:
        return uuid.UUID(str(request_id))
    except (TypeError, ValueError, AttributeError):
        raise ValidationError(
            _("The request id must be a UUID."), code="invalid"
        ) from None


class Batch:
    """One board's commands in one transaction, its board row locked."""

    def __init__(self, board: Board, expected: Iterable[RequestKey] = ()):
        self.board = board
        self.stored_seq = board.last_seq
        self.events: list[dict] = []
        self.records: list[ProcessedCommand] = []
        self.acks: dict[RequestKey, tuple[int, dict]] = {}
        self.looked_up: set[RequestKey] = set()
        self.read: dict = {}  # ``once``
        self.look_up(expected)

    def look_up(self, keys: Iterable[RequestKey]) -> None:
        """Read the stored acks of these request ids, all in one query."""
        keys = set(keys) - self.looked_up
        if not keys:
            return
        stored = ProcessedCommand.objects.filter(
            board=self.board, request_id__in={request_id for _, request_id in keys}
        ).values_list("actor", "request_id", "seq", "result")
        for actor, request_id, seq, result in stored:
            self.acks[(actor, request_id)] = (seq, result)
        self.looked_up |= keys

    def done(self, actor: str, request_id: uuid.UUID) -> tuple[int, dict] | None:
        """The seq and result of this request if it was done before, else None."""
        self.look_up([(actor, request_id)])
        return self.acks.get((actor, request_id))

    def remember(self, actor, request_id, command: str, seq: int, result) -> None:
        """Keep a successful command's ack for retries (stored when the batch ends)."""
        self.acks[(actor, request_id)] = (seq, result)
        self.records.append(
            ProcessedCommand(
                board=self.board,
                actor=actor,
                request_id=request_id,
                command=command,
                seq=seq,
                result=result,
            )
        )

    @contextmanager
    def command(self):
        """One command's savepoint: if it fails, its writes and its event are undone."""
        seq, events = self.board.last_seq, len(self.events)
        try:
            with transaction.atomic():
                yield
        except BaseException:
            del self.events[events:]
            # The command may have changed the board in memory before it failed.
            self.board.refresh_from_db()
            self.board.last_seq = seq
            raise

    def record(self, name: str, data: dict, audience: dict | None = None) -> int:
        """Append the board's next event to its log; it is published after commit.

        ``audience`` holds the variants for viewers who may not see ``data`` in full
        (``BoardEvent.audience``). Returns the event's seq.
        """
        self.board.last_seq += 1
        event = BoardEvent.objects.create(
            board=self.board,
            seq=self.board.last_seq,
            name=name,
            data=data,
            audience=audience or {},
        )
        variants = {}
        if audience:
            variants = {
                view: event.as_message(audience[view]) if audience.get(view) else None
                for view in ("own", "other")
            }
            variants["owner"] = audience.get("owner")
        self.events.append(fanout.event_payload(event.as_message(), **variants))
        return event.seq

    def finish(self) -> None:
        """Store what the batch's commands share, and publish their events on commit."""
        if self.board.last_seq != self.stored_seq:
            Board.objects.filter(pk=self.board.pk).update(last_seq=self.board.last_seq)
        ProcessedCommand.objects.bulk_create(self.records)
        if self.events:
            publish = partial(fanout.publish_events, self.board.pk, self.events)
            transaction.on_commit(publish)


def once(key, read: Callable):
    """``read()``, read once per batch when a batch is open in this thread.

    For what stays the same while the board's row is locked and that several commands
    of a batch ask for: a sender's rights, the board's columns.
    """
    batch = getattr(_open, "batch", None)
    if batch is None:
        return read()
    if key not in batch.read:
        batch.read[key] = read()
    return batch.read[key]


@contextmanager
def batch_for(board_id: int, expected: Iterable[RequestKey] = ()):
    """The board's batch open in this thread, or a new one around the block.

    Raises ``Board.DoesNotExist`` when the board is gone.
    """
    current = getattr(_open, "batch", None)
    if current is not None and current.board.pk == board_id:
        yield current
        return
    with transaction.atomic():
        # The row lock serialises writers on PostgreSQL; SQLite's IMMEDIATE
        # transactions already do, and select_for_update is a no-op there.
        batch = Batch(Board.objects.select_for_update().get(pk=board_id), expected)
        _open.batch = batch
        try:
            yield batch
            batch.finish()
        finally:
            _open.batch = current


@dataclass(frozen=True)
class Queued:
    """A command waiting for its board's next batch."""

    run: Callable[[], dict]  # runs it in the database thread: the reply frame
    actor: str
    request_id: object  # as the client sent it


def run_batch(board_id: int, queued: list[Queued]) -> list[dict] | None:
    """Run waiting commands as one batch: their replies, or None to run each alone.

    None for a lone command, and for a batch that failed as a whole (then rolled back).
    """
    if len(queued) < 2:
        return None
    try:
        with batch_for(board_id, _request_keys(queued)):
            return [command.run() for command in queued]
    except Exception:
        logger.warning(
            "A batch of %d commands on board %s failed; running each alone",
            len(queued),
            board_id,
            exc_info=True,
        )
        return None


def _request_keys(queued: list[Queued]) -> list[RequestKey]:
    keys = []
    for command in queued:
        try:
            request_id = clean_request_id(command.request_id)
        except ValidationError:
            continue  # that command answers ``invalid`` when it runs.
        if request_id is not None:
            keys.append((command.actor, request_id))
    return keys


class CommandQueue:
    """One board's socket commands in this process, waiting for the database thread.

    Django runs all database work of a process in one thread, so commands that arrive
    while a batch runs wait here and then go together as the next batch.
    """

    def __init__(self, board_id: int):
        self.board_id = board_id
        self.waiting: list[tuple[Queued, asyncio.Future]] = []
        self.draining: asyncio.Task | None = None

    def put(self, command: Queued) -> asyncio.Future:
        """Queue a command; the future of its reply frame, set once its batch has run."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self.waiting.append((command, future))
        if self.draining is None:
            self.draining = loop.create_task(self._drain())
        return future

    async def _drain(self) -> None:
        try:
            while self.waiting:
                taken = self.waiting[:MAX_BATCH]
                del self.waiting[:MAX_BATCH]
                replies = await database_sync_to_async(run_batch)(
                    self.board_id, [command for command, _ in taken]
                )
                if replies is None:
                    await self._each_alone(taken)
                    continue
                for (_, future), reply in zip(taken, replies, strict=True):
                    if not future.done():  # else its socket has gone.
                        future.set_result(reply)
        finally:
            for _, future in self.waiting:
                future.cancel()  # only when the loop is shutting down.
            self.waiting = []
            self.draining = None
            queues = _queues.get(asyncio.get_running_loop(), {})
            if queues.get(self.board_id) is self:
                del queues[self.board_id]

    @staticmethod
    async def _each_alone(taken: list[tuple[Queued, asyncio.Future]]) -> None:
        """Run each command as a batch of its own; an error reaches its sender only."""
        for command, future in taken:
            alone = asyncio.ensure_future(database_sync_to_async(command.run)())
            await asyncio.wait([alone])
            if future.done():
                continue
            if alone.exception() is not None:
                future.set_exception(alone.exception())
            else:
                future.set_result(alone.result())


_queues: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict]" = (
    weakref.WeakKeyDictionary()
)


def submit(board_id: int, command: Queued) -> asyncio.Future:
    """Queue a socket's command for its board's next batch; the future of its reply.

    Commands are queued in the order they are submitted and applied in that order.
    """
    queues = _queues.setdefault(asyncio.get_running_loop(), {})
    queue = queues.get(board_id)
    if queue is None:
        queue = queues[board_id] = CommandQueue(board_id)
    return queue.put(command)
