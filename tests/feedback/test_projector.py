"""The projector on the wall and the controls on the facilitator's device (issue 11.4).

The projector shows the board as a participant who wrote none of the cards sees it,
whoever opens it, and its socket receives what such a participant receives.
"""

import uuid

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from playwright.sync_api import expect

from codesign.models import StakeholderRole
from feedback import actions, facilitation
from feedback.access import board_for
from tests.accessibility import axe_violations
from tests.conftest import log_in_browser, logged_in

from .conftest import (
    ORIGIN,
    Guest,
    make_board,
    receive,
    receive_events,
    receive_until,
    send,
    session_cookie,
)
from .test_board_browser import card as card_on

VISIBLE = "More evening visits, please"
HIDDEN = "The night nurse Piet is lazy"
REASON = "Names a member of staff"
SEALED = "I worry about the alarm at night"
ASKER = "Joke Verhoeven"
SUPPORT = "I can't read the letters"


def silent_board_with_secrets(board, organiser, column):
    """A visible card, a hidden one, a sealed one and an open support request."""
    staff = board_for(organiser, board, {})
    anna, bob = Guest(board, "Anna"), Guest(board, "Bob", StakeholderRole.CLINICIAN)
    actions.post_card(anna.access, column.pk, VISIBLE)
    hidden = actions.post_card(bob.access, column.pk, HIDDEN).result["card"]
    facilitation.hide_card(staff, hidden, REASON)
    facilitation.set_mode(staff, True, True)
    actions.post_card(bob.access, column.pk, SEALED)
    facilitation.request_support(Guest(board, ASKER).access, SUPPORT)


# The page -----------------------------------------------------------------------


@pytest.mark.django_db
def test_projector_shows_an_organiser_only_what_the_room_may_see(
    board, organiser, column
):
    silent_board_with_secrets(board, organiser, column)

    html = logged_in(organiser).get(f"/b/{board.join_code}/present/").content.decode()

    for secret in (SEALED, HIDDEN, REASON, SUPPORT, ASKER, "Moderation record"):
        assert secret not in html, secret
    assert f'action="/b/{board.join_code}/do/"' not in html
    assert 'name="reason"' not in html and "data-control" not in html
    assert VISIBLE in html
    assert "A card, hidden until the facilitator reveals all cards." in html
    assert f"</span>{board.join_code}</p>" in html
    assert 'class="qr-code"><title>QR code to join the board</title>' in html
    assert f'data-ws-path="/ws/boards/{board.join_code}/?view=projector"' in html


@pytest.mark.django_db
def test_projector_hides_vote_counts_while_they_are_hidden(board, organiser, column):
    silent_board_with_secrets(board, organiser, column)

    html = logged_in(organiser).get(f"/b/{board.join_code}/present/").content.decode()

    visible_card = html.split(VISIBLE)[0].rsplit("<li", 1)[1]
    assert 'data-votes=""' in visible_card


@pytest.mark.django_db
def test_control_view_keeps_every_control_and_links_to_the_projector(
    board, organiser, column
):
    silent_board_with_secrets(board, organiser, column)

    html = logged_in(organiser).get(f"/b/{board.join_code}/facilitate/")

    html = html.content.decode()
    for control in (
        "board.set_state",
        "timer.start",
        "timer.stop",
        "board.set_mode",
        "board.reveal",
        "votes.start_round",
        "votes.close_round",
        "theme.create",
        "theme.assign",
        "card.hide",
        "card.unhide",
        "support.resolve",
        "card.scribe",
    ):
        assert f'data-control="{control}"' in html, control
    assert SEALED in html and HIDDEN in html and REASON in html
    assert f"{ASKER} (Patient): {SUPPORT}" in html.replace("&#x27;", "'")
    assert (
        f'<a href="/b/{board.join_code}/present/" '
        'target="_blank" rel="noopener">Open the projector view<span '
        'class="visually-hidden"> (opens in a new window)</span></a>'
    ) in html


@pytest.mark.django_db
def test_new_board_and_state_form_lead_to_the_control_view(board, facilitator):
    control_view = f"/b/{board.join_code}/facilitate/"

    response = logged_in(facilitator).post(
        f"/b/{board.join_code}/do/",
        {"type": "board.set_state", "state": "paused", "next": control_view},
    )

    assert response["Location"] == control_view


@pytest.mark.django_db
def test_board_list_offers_staff_the_control_panel_and_everyone_the_projector(
    board, facilitator, team_member
):
    url = f"/projects/{board.project_id}/boards/"

    staff_html = logged_in(facilitator).get(url).content.decode()
    team_html = logged_in(team_member).get(url).content.decode()

    assert f'href="/b/{board.join_code}/facilitate/"' in staff_html
    assert f'href="/b/{board.join_code}/facilitate/"' not in team_html
    assert f'href="/b/{board.join_code}/present/">Projector view' in team_html


# The socket ---------------------------------------------------------------------


async def connect_projector(board, user, after):
    """A socket of ``user`` that asks for the projector's view and resumes."""
    from codesign.asgi import application

    cookie = await database_sync_to_async(session_cookie)(user)
    communicator = WebsocketCommunicator(
        application,
        f"/ws/boards/{board.join_code}/?view=projector",
        headers=[*ORIGIN, (b"cookie", cookie.encode())],
    )
    connected, _subprotocol = await communicator.connect()
    assert connected
    await send(communicator, {"type": "resume", "after": after})
    return communicator


@pytest.mark.django_db(transaction=True)
async def test_projector_socket_of_an_organiser_gets_what_others_get(
    board, organiser, guest, column
):
    staff = await database_sync_to_async(board_for)(organiser, board, {})
    await database_sync_to_async(facilitation.set_mode)(staff, True, False)
    await database_sync_to_async(board.refresh_from_db)()
    communicator = await connect_projector(board, organiser, board.last_seq)
    assert await receive(communicator) == {"type": "synced", "seq": board.last_seq}

    await database_sync_to_async(actions.post_card)(guest.access, column.pk, SEALED)
    await database_sync_to_async(facilitation.request_support)(guest.access, SUPPORT)

    created, support = await receive_events(communicator, 2)
    assert (created["name"], created["data"]["text"]) == ("card.created", "")
    assert created["data"]["author"] == {"name": "", "role": ""}
    assert created["data"]["sealed"] is True
    assert (support["name"], support["data"]) == ("private", {})
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_projector_socket_snapshot_leaves_sealed_text_out(
    board, organiser, guest, column
):
    staff = await database_sync_to_async(board_for)(organiser, board, {})
    await database_sync_to_async(facilitation.set_mode)(staff, True, False)
    await database_sync_to_async(actions.post_card)(guest.access, column.pk, SEALED)
    await database_sync_to_async(board.refresh_from_db)()

    communicator = await connect_projector(board, organiser, board.last_seq + 1)
    snapshot = await receive(communicator)

    assert snapshot["type"] == "snapshot"
    assert [card["text"] for card in snapshot["board"]["cards"]] == [""]
    await communicator.disconnect()


# In a browser -------------------------------------------------------------------


@pytest.mark.browser
def test_projector_is_large_and_passes_axe_and_the_control_link_opens_a_window(
    asgi_live_server, page, phone, project, organiser, iteration
):
    board = make_board(project, organiser)
    silent_board_with_secrets(board, organiser, board.columns.first())
    log_in_browser(page, asgi_live_server, organiser)
    page.set_viewport_size({"width": 1280, "height": 800})

    page.goto(f"{asgi_live_server}/b/{board.join_code}/present/")
    expect(page.locator("#connection-status")).to_have_attribute("data-state", "live")

    text = card_on(page, VISIBLE).locator(".card-text")
    size = text.evaluate("node => parseFloat(getComputedStyle(node).fontSize)")
    assert size >= 24
    assert axe_violations(page) == []
    assert SEALED not in page.content() and SUPPORT not in page.content()
    log_in_browser(phone, asgi_live_server, organiser)
    phone.goto(f"{asgi_live_server}/b/{board.join_code}/present/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(phone) == []
    page.goto(f"{asgi_live_server}/b/{board.join_code}/facilitate/")
    link = page.get_by_role("link", name="Open the projector view")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener")


@pytest.mark.django_db(transaction=True)
async def test_a_projector_socket_sends_no_commands(board, organiser):
    communicator = await connect_projector(board, organiser, 0)
    await receive_until(communicator, "synced")

    await send(
        communicator,
        {"type": "timer.start", "request_id": str(uuid.uuid4()), "minutes": 5},
    )
    error = await receive(communicator)

    assert (error["type"], error["code"], error["message"]) == (
        "error",
        "forbidden",
        "The projector view only shows.",
    )
    await communicator.disconnect()
