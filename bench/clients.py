"""WebSocket clients of a board, as the protocol (docs/protocol.md) asks them to behave.

A ``Client`` connects, resumes from the last ``seq`` it applied, notes when each event
first arrives, resumes again on a gap in ``seq`` or a heartbeat ahead of it, and
reconnects (to the next of its server URLs) when the connection drops. A ``Client``
with commands to send keeps them until they are acknowledged and sends them again,
with the same ``request_id``, after every reconnect. No Django here: client processes
only need ``websockets``.

Frames are not parsed as JSON: the ``seq`` numbers of events are found with a regular
expression (a JSON string cannot contain an unescaped quote, so ``"seq":`` after
``{`` or ``,`` is always a key), which keeps the clients cheap next to the servers
they measure.
"""

import asyncio
import itertools
import json
import random
import re
import time
import uuid

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

SEQ = re.compile(r'[{,]"seq":(\d+)')
FINAL_CLOSE_CODES = {4403, 4404}


def resume_frame(after: int) -> str:
    return json.dumps({"type": "resume", "after": after})


class Client:
    """One socket on a board; ``arrivals`` maps each event's seq to its first arrival."""

    def __init__(self, urls: list[str], cookie: str = "", after: int = 0, board=True):
        self.urls = itertools.cycle(urls)
        self.cookie = cookie
        self.board = board
        self.top = after
        self.arrivals: dict[int, float] = {}
        self.frames = 0
        self.events = 0
        self.resumes = 0
        self.reconnects = 0
        self.close_codes: list[int] = []
        self.final: int | None = None
        self.ws = None
        self.resuming = False
        self.synced = asyncio.Event()
        self.done = asyncio.Event()
        self.stopping = False
        self.pending: dict[str, tuple[str, float, asyncio.Future]] = {}
        self.acks: dict[str, dict] = {}
        self.sent_at: dict[int, float] = {}
        self.errors: dict[str, int] = {}
        self.last_arrival = time.monotonic()

    # Connection -------------------------------------------------------------------

    async def run(self) -> None:
        delay = 0.1
        while not self.stopping:
            url = next(self.urls)
            try:
                async with connect(
                    url,
                    origin=url.replace("ws://", "http://").split("/ws/")[0],
                    additional_headers={"Cookie": self.cookie} if self.cookie else None,
                    compression=None,
                    max_size=None,
                    max_queue=None,
                    proxy=None,
                    ping_interval=None,
                ) as ws:
                    self.ws = ws
                    delay = 0.1
                    await self.opened()
                    async for frame in ws:
                        self.on_frame(frame)
                    code = ws.close_code
            except (ConnectionClosed, OSError, InvalidHandshake, InvalidStatus) as err:
                code = getattr(getattr(err, "rcvd", None), "code", None)
            self.ws = None
            if code is not None:
                self.close_codes.append(code)
            if self.stopping or code in FINAL_CLOSE_CODES:
                return
            self.reconnects += 1
            await asyncio.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 2)

    async def opened(self) -> None:
        if not self.board:
            self.synced.set()
            return
        self.resuming = True
        await self.ws.send(resume_frame(self.top))

    async def stop(self) -> None:
        self.stopping = True
        if self.ws is not None:
            await self.ws.close()

    def send_soon(self, text: str) -> None:
        if self.ws is not None:
            asyncio.ensure_future(self._send(text))

    async def _send(self, text: str) -> None:
        try:
            await self.ws.send(text)
        except (ConnectionClosed, AttributeError):
            pass  # Sent again after the reconnect.

    # Incoming frames --------------------------------------------------------------

    def on_frame(self, frame: str) -> None:
        now = time.monotonic()
        self.frames += 1
        if frame.startswith('{"type":"event'):
            self.on_events([int(s) for s in SEQ.findall(frame)], now)
        elif frame.startswith('{"type":"presence'):
            seq = int(SEQ.search(frame).group(1))
            if seq > max(self.top, max(self.arrivals, default=0)):
                self.resume()
        else:
            self.on_reply(json.loads(frame), now)

    def on_events(self, seqs: list[int], now: float) -> None:
        self.events += len(seqs)
        self.last_arrival = now
        for seq in seqs:
            self.arrivals.setdefault(seq, now)
        while self.top + 1 in self.arrivals:
            self.top += 1
        if self.board and not self.resuming and max(seqs) > self.top + 1:
            self.resume()
        self.check_done()

    def on_reply(self, message: dict, now: float) -> None:
        kind = message.get("type")
        if kind in ("synced", "snapshot"):
            if kind == "snapshot":  # Everything up to its seq is now on the board.
                for seq in range(self.top + 1, message["seq"] + 1):
                    self.arrivals.setdefault(seq, now)
                self.top = max(self.top, message["seq"])
            self.resuming = False
            self.synced.set()
            for text, _sent, _future in list(self.pending.values()):
                self.send_soon(text)
            self.check_done()
        elif kind == "ack":
            self.on_ack(message, now)
        elif kind == "error":
            self.errors[message["code"]] = self.errors.get(message["code"], 0) + 1
            entry = self.pending.pop(message.get("request_id"), None)
            if entry is not None and not entry[2].done():
                entry[2].set_result(None)

    def on_ack(self, message: dict, now: float) -> None:
        entry = self.pending.pop(message["request_id"], None)
        if entry is None:
            return
        _text, sent, future = entry
        self.acks[message["request_id"]] = message
        self.sent_at[message["seq"]] = sent
        if not future.done():
            future.set_result(message)

    def resume(self) -> None:
        if self.ws is not None:
            self.resuming = True
            self.resumes += 1
            self.send_soon(resume_frame(self.top))

    def check_done(self) -> None:
        if self.final is not None and self.top >= self.final:
            self.done.set()

    def expect(self, final: int) -> None:
        self.final = final
        self.check_done()

    # Commands ---------------------------------------------------------------------

    def command(self, kind: str, **fields) -> asyncio.Future:
        """Send a command now (and again after reconnects) until it is acknowledged."""
        request_id = str(uuid.uuid4())
        text = json.dumps({"type": kind, "request_id": request_id, **fields})
        future = asyncio.get_running_loop().create_future()
        self.pending[request_id] = (text, time.monotonic(), future)
        if not self.resuming:
            self.send_soon(text)
        return future

    async def relay(self, seq: int, text: str) -> None:
        """Send one message to a relay server (the references), noting when."""
        self.sent_at[seq] = time.monotonic()
        await self.ws.send(text)

    def stats(self) -> dict:
        return {
            "arrivals": self.arrivals,
            "frames": self.frames,
            "events": self.events,
            "resumes": self.resumes,
            "reconnects": self.reconnects,
            "errors": self.errors,
            "sent_at": self.sent_at,
            "acks": len(self.acks),
            "top": self.top,
        }
