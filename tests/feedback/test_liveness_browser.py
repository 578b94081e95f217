"""Issue 12, item 5 in a real browser: the page knows when it is not live.

The board's socket is routed through Playwright (``page.route_web_socket``), so a
test can hold the server's frames back (a half-open connection: nothing arrives,
nothing closes) or hand the page a frame that is not JSON.
"""

import re

import pytest
from playwright.sync_api import expect

from feedback import hub

from .conftest import Guest, make_board

pytestmark = pytest.mark.browser

HEARTBEAT_SECONDS = 1


@pytest.fixture
def short_heartbeat_server(request, monkeypatch, transactional_db):
    """A live server whose heartbeat (and so the page's watchdog) is one second."""
    # Set before the server process forks, so its hub and its pages both use it.
    monkeypatch.setattr(hub, "HEARTBEAT_SECONDS", HEARTBEAT_SECONDS)
    return request.getfixturevalue("asgi_live_server")


class Relay:
    """Passes the board socket's frames through, or holds the server's frames back."""

    def __init__(self):
        self.silent = False
        self.routes = []

    def route(self, ws):
        server = ws.connect_to_server()
        ws.on_message(server.send)
        server.on_message(lambda message: None if self.silent else ws.send(message))
        self.routes.append(ws)


def open_board_as_guest(page, base_url, board):
    guest = Guest(board)
    page.context.add_cookies(
        [{"name": n, "value": v, "url": base_url} for n, v in guest.cookies.items()]
    )
    relay = Relay()
    page.route_web_socket(re.compile(r"/ws/boards/"), relay.route)
    page.goto(f"{base_url}/b/{board.join_code}/")
    return relay


def test_a_silent_socket_shows_reconnecting_then_live_again(
    short_heartbeat_server, page, project, organiser, iteration
):
    board = make_board(project, organiser)
    relay = open_board_as_guest(page, short_heartbeat_server, board)
    status = page.locator("#connection-status")
    expect(status).to_have_attribute("data-state", "live")
    expect(status).to_have_text("Live: new cards appear by themselves.")

    relay.silent = True
    expect(status).to_have_attribute("data-state", "reconnecting", timeout=6000)
    expect(status).to_have_text("Reconnecting…")
    relay.silent = False

    expect(status).to_have_attribute("data-state", "live", timeout=10000)
    assert len(relay.routes) >= 2


def test_a_frame_that_is_not_json_is_ignored_and_the_page_goes_on(
    short_heartbeat_server, page, project, organiser, iteration
):
    board = make_board(project, organiser)
    warnings = []
    page.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
    relay = open_board_as_guest(page, short_heartbeat_server, board)
    expect(page.locator("#connection-status")).to_have_attribute("data-state", "live")

    relay.routes[-1].send('{"type": "event", "seq":')
    relay.routes[-1].send("null")
    page.get_by_label("Your card").fill("Still here after a broken frame.")
    page.get_by_role("button", name="Post card").click()

    card = page.locator(".card-text", has_text="Still here after a broken frame.")
    expect(card).to_have_count(1)
    expect(page.locator("#connection-status")).to_have_attribute("data-state", "live")
    assert len(relay.routes) == 1
    assert [w.split(":")[0] for w in warnings] == [
        "Ignored a frame that is not JSON",
        "Ignored a frame that is not a JSON object.",
    ]
