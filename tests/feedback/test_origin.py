"""The board socket accepts pages of this site only: scheme, host and port compared."""

import pytest
from channels.testing import WebsocketCommunicator

pytestmark = pytest.mark.django_db(transaction=True)


async def handshake(
    board, origin: str | None, host="testserver", scheme="ws", extra=()
):
    """Whether the socket was accepted (a later 4403 counts as accepted here)."""
    from codesign.asgi import application

    headers = [(b"host", host.encode()), *extra]
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    communicator = WebsocketCommunicator(
        application, f"/ws/boards/{board.join_code}/", headers=headers
    )
    communicator.scope["scheme"] = scheme
    connected, _code = await communicator.connect()
    await communicator.disconnect()
    return connected


async def test_same_scheme_host_and_port_are_accepted(board):
    assert await handshake(board, "http://testserver") is True


@pytest.mark.parametrize(
    "origin",
    [
        "https://testserver",
        "http://testserver:8080",
        "http://evil.example",
        "http://testserver.evil.example",
        "null",
        None,
    ],
)
async def test_another_scheme_port_or_host_is_refused(board, origin):
    assert await handshake(board, origin) is False


async def test_a_host_outside_allowed_hosts_is_refused_even_as_its_own_origin(board):
    assert await handshake(board, "http://evil.example", host="evil.example") is False


async def test_a_secure_socket_wants_an_https_origin(board):
    secure = await handshake(board, "https://testserver", scheme="wss")
    plain = await handshake(board, "http://testserver", scheme="wss")

    assert (secure, plain) == (True, False)


async def test_behind_the_proxy_forwarded_proto_makes_the_socket_secure(
    board, settings
):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    proto = [(b"x-forwarded-proto", b"https")]

    secure = await handshake(board, "https://testserver", extra=proto)
    plain = await handshake(board, "http://testserver", extra=proto)

    assert (secure, plain) == (True, False)


async def test_csrf_trusted_origins_are_accepted_exactly(board, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://app.example.org", "https://*.example.net"]

    exact = await handshake(board, "https://app.example.org")
    other_port = await handshake(board, "https://app.example.org:8443")
    wildcard = await handshake(board, "https://ward.example.net")
    wildcard_http = await handshake(board, "http://ward.example.net")

    assert (exact, other_port, wildcard, wildcard_http) == (True, False, True, False)
