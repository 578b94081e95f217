"""Daphne's fast path: frames framed once and written straight to the TCP socket.

Under load most of the event loop's time went into writing frames (docs/performance.md):
Daphne encodes and frames the same text again for every socket, and Twisted's
``write`` costs two ``epoll_ctl`` calls per frame. This module avoids both, and tells
how many bytes wait for a socket (the slow-client guard). It reaches into private
parts of Channels, Daphne, autobahn and Twisted, so it is used only when
``settings.BOARD_FAST_PATH`` is on and the socket is really served by Daphne;
anywhere else the hub writes through the plain ASGI ``send``, and the slow-client
guard is off (ASGI does not tell how far behind a socket is).
"""

import functools

from django.conf import settings


def daphne_socket(send) -> "DaphneSocket | None":
    """The Daphne socket behind an ASGI ``send``, or None (setting off, another server).

    Channels' session middleware wraps ``send`` (to save sessions on HTTP responses);
    under Daphne the innermost ``send`` is ``partial(server.handle_reply, protocol)``.
    """
    if not settings.BOARD_FAST_PATH:
        return None
    while getattr(getattr(send, "__self__", None), "real_send", None) is not None:
        send = send.__self__.real_send
    if not (isinstance(send, functools.partial) and send.args):
        return None
    protocol = send.args[0]
    connections = getattr(getattr(send.func, "__self__", None), "connections", None)
    if connections is None or not hasattr(protocol, "sendPreparedMessage"):
        return None
    return DaphneSocket(protocol, connections)


class DaphneSocket:
    """One WebSocket of a Daphne server, written to below the ASGI interface."""

    __slots__ = ("connections", "protocol", "transport")

    def __init__(self, protocol, connections: dict):
        self.protocol = protocol
        self.connections = connections
        self.transport = protocol.transport

    def unsent_bytes(self) -> int:
        """Bytes accepted for the socket but not yet written to the network."""
        transport = self.transport
        try:
            return len(transport.dataBuffer) - transport.offset + transport._tempDataLen
        except AttributeError:
            return 0

    def write(self, message: dict) -> bool | None:
        """Write a frame, framed once for every socket (cached in ``message``).

        Returns None when the socket is not plainly open: then the ASGI send is used.
        """
        protocol = self.protocol
        if protocol not in self.connections or self.connections[protocol].get(
            "disconnected"
        ):
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
            write_now(self.transport, prepared.payloadHybi)
        return True


def write_now(transport, data: bytes) -> None:
    """Write to a Twisted TCP socket at once when nothing waits before the data.

    Twisted's ``write`` only queues the data and registers the socket for writing;
    it goes out on the reactor's next turn, after which the socket is unregistered:
    two ``epoll_ctl`` calls per frame, which cost more than the ``send`` itself.
    Like asyncio's transports, send straight away and queue only what the kernel did
    not take. Anything unusual goes through ``write``.
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
