"""DESIGN §4.2 in a real browser: a phone joins, posts and votes; the presenter sees it live."""

import pytest
from playwright.sync_api import expect

from codesign.models import StakeholderRole
from tests.conftest import log_in_browser

from .conftest import Guest, make_board

pytestmark = pytest.mark.browser


def card(page, text):
    return page.locator(
        ".board-columns .card", has=page.locator(".card-text", has_text=text)
    )


def test_phone_joins_posts_and_votes_while_presenter_watches(
    asgi_live_server, page, phone, project, organiser, iteration
):
    board = make_board(project, organiser)
    code = board.join_code
    console_errors = []
    for tab in (page, phone):
        tab.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    log_in_browser(page, asgi_live_server, organiser)
    page.goto(f"{asgi_live_server}/b/{code}/present/")
    expect(page.locator(".join-code")).to_have_text(f"Join code: {code}")
    expect(page.locator("svg.qr-code")).to_be_visible()
    expect(page.locator("#connection-status")).to_have_attribute("data-state", "live")

    phone.goto(f"{asgi_live_server}/join/")
    phone.get_by_label("Board code").fill(f"{code[:3].lower()} {code[3:]}")
    phone.get_by_role("button", name="Go to the board").click()
    phone.get_by_label("Your name on this board").fill("Anna")
    phone.get_by_label("I take part as").select_option(StakeholderRole.PATIENT)
    phone.get_by_label("I agree").check()
    phone.get_by_role("button", name="Join").click()
    expect(phone.locator("#connection-status")).to_have_attribute("data-state", "live")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.locator("#presence-total")).to_have_text("1")
    expect(
        page.locator('#presence-by-role [data-role="patient"] .presence-count')
    ).to_have_text("1")

    phone.get_by_label("Your card").fill("I want to know who to call at night.")
    phone.get_by_role("button", name="Post card").click()
    expect(card(page, "I want to know who to call at night.")).to_have_count(1)
    expect(card(phone, "I want to know who to call at night.")).to_have_count(1)

    card(phone, "who to call").get_by_role("button", name="Vote").click()
    expect(card(page, "who to call").locator(".vote-count")).to_have_text("1")
    expect(phone.locator("#votes-left")).to_have_text("2")

    phone.context.set_offline(True)
    expect(phone.locator("#connection-status")).to_have_attribute(
        "data-state", "offline"
    )
    phone.get_by_label("Your card").fill("Posted in the lift, without signal.")
    phone.get_by_role("button", name="Post card").click()
    expect(phone.locator("#queue-status")).to_have_text("Waiting to be sent: 1")
    phone.context.set_offline(False)

    expect(card(page, "Posted in the lift")).to_have_count(1)
    expect(card(phone, "Posted in the lift")).to_have_count(1)
    expect(phone.locator("#queue-status")).to_be_hidden()
    phone.reload()
    expect(card(phone, "Posted in the lift")).to_have_count(1)
    assert board.cards.count() == 2
    # Going offline logs failed reconnects and the browser asks for /favicon.ico;
    # nothing else (no CSP violation, no script error) may fail.
    assert [
        e
        for e in console_errors
        if "WebSocket" not in e and "ERR_INTERNET" not in e and "404" not in e
    ] == []


def post_without_broadcast(guest, column, text):
    """Commit a card and its event but never publish it: a message the layer dropped."""
    from django.db import transaction

    from feedback.models import Board, BoardEvent, Card

    with transaction.atomic():
        board = Board.objects.select_for_update().get(pk=guest.board.pk)
        card = Card.objects.create(
            board=board, column=column, participant=guest.participant, text=text
        )
        board.last_seq += 1
        board.save(update_fields=["last_seq"])
        BoardEvent.objects.create(
            board=board, seq=board.last_seq, name="card.created", data=card.as_data()
        )


def test_page_notices_a_dropped_event_by_its_seq_and_recovers_it(
    asgi_live_server, page, phone, project, organiser, iteration
):
    board = make_board(project, organiser)
    guest = Guest(board)
    column = board.columns.first()
    log_in_browser(page, asgi_live_server, organiser)
    page.goto(f"{asgi_live_server}/b/{board.join_code}/present/")
    phone.context.add_cookies(
        [
            {"name": n, "value": v, "url": asgi_live_server}
            for n, v in guest.cookies.items()
        ]
    )
    phone.goto(f"{asgi_live_server}/b/{board.join_code}/")
    for tab in (page, phone):
        expect(tab.locator("#connection-status")).to_have_attribute(
            "data-state", "live"
        )

    post_without_broadcast(guest, column, "Lost on the way")
    phone.get_by_label("Your card").fill("Arrived normally")
    phone.get_by_role("button", name="Post card").click()

    for tab in (page, phone):
        expect(card(tab, "Arrived normally")).to_have_count(1)
        expect(card(tab, "Lost on the way")).to_have_count(1)
        expect(tab.locator(f'[data-count-for="{column.pk}"]')).to_have_text("2")
