"""The two yardsticks the benchmark measures our fan-out against (issue 4).

- ``NaiveConsumer``: the textbook Channels design this project replaced. Every socket
  has a channel; each message is ``group_send`` to the group, so the channel layer
  carries one message per socket and each goes through ``AsyncConsumer.dispatch``.
  It is served only by ``bench.site.naive``, never by the site's own routes.
- ``python -m bench.reference PORT``: a bare ``websockets`` server that broadcasts
  every message it receives to every connected socket, the practical limit of one
  Python process.

Both simply relay what a sender sends; unlike the real board they write nothing to
a database, which flatters them.
"""

import asyncio
import sys

from channels.generic.websocket import AsyncWebsocketConsumer

GROUP = "naive-bench"


class NaiveConsumer(AsyncWebsocketConsumer):
    """One channel per socket and one ``group_send`` per event."""

    async def connect(self):
        await self.channel_layer.group_add(GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(GROUP, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        await self.channel_layer.group_send(
            GROUP, {"type": "bench.event", "text": text_data}
        )

    async def bench_event(self, message):
        await self.send(text_data=message["text"])


async def serve_bare(port: int) -> None:
    """Relay every message to every socket with ``websockets.broadcast``."""
    from websockets.asyncio.server import broadcast, serve

    sockets = set()

    async def handler(websocket):
        sockets.add(websocket)
        try:
            async for message in websocket:
                broadcast(sockets, message)
        finally:
            sockets.discard(websocket)

    # No keepalive pings: websockets pings every 20 s even while it is sending, and a
    # client reading a long backlog (1,000 clients) answers late and is dropped.
    # Daphne pings only idle sockets.
    async with serve(
        handler,
        "127.0.0.1",
        port,
        compression=None,
        max_queue=None,
        ping_interval=None,
    ):
        await asyncio.get_running_loop().create_future()


if __name__ == "__main__":
    asyncio.run(serve_bare(int(sys.argv[1])))
