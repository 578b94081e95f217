"""axe-core finds no WCAG 2.2 AA problems on the board pages, on a phone and a desktop."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from feedback import actions
from tests.accessibility import axe_violations

from .conftest import Guest, make_board

pytestmark = pytest.mark.browser


def test_joining_pages_pass_axe(asgi_live_server, phone, project, organiser, iteration):
    board = make_board(project, organiser)

    for path in ["/join/", f"/join/{board.join_code}/"]:
        phone.goto(asgi_live_server + path)
        assert axe_violations(phone) == [], path
    phone.get_by_role("button", name="Join").click()  # Without consent: errors shown.
    expect(phone.locator(".errorlist")).to_have_count(2)  # Role and consent.
    assert axe_violations(phone) == []
    phone.goto(asgi_live_server + "/join/")
    phone.get_by_label("Board code").fill("WRONG1")
    phone.get_by_role("button", name="Go to the board").click()
    assert axe_violations(phone) == []


def test_board_and_presenter_pass_axe(
    asgi_live_server, page, phone, project, organiser, iteration
):
    board = make_board(project, organiser)
    guest = Guest(board)
    column = board.columns.first()
    card = actions.post_card(guest.access, column.pk, "Who do I call at night?")
    actions.add_vote(guest.access, card.result["card"])
    phone.context.add_cookies(
        [
            {"name": name, "value": value, "url": asgi_live_server}
            for name, value in guest.cookies.items()
        ]
    )
    client = Client()
    client.force_login(organiser)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": asgi_live_server,
            }
        ]
    )

    phone.goto(f"{asgi_live_server}/b/{board.join_code}/")
    expect(phone.locator("#connection-status")).to_have_attribute("data-state", "live")
    assert axe_violations(phone) == []
    page.goto(f"{asgi_live_server}/b/{board.join_code}/present/")
    expect(page.locator("#connection-status")).to_have_attribute("data-state", "live")
    assert axe_violations(page) == []
    page.goto(f"{asgi_live_server}/projects/{project.pk}/boards/new/")
    assert axe_violations(page) == []


def test_facilitation_pages_pass_axe(
    asgi_live_server, page, phone, project, organiser, iteration
):
    from feedback import facilitation
    from feedback.access import board_for

    board = make_board(project, organiser)
    guest = Guest(board)
    column = board.columns.first()
    staff = board_for(organiser, board, {})
    card = actions.post_card(guest.access, column.pk, "Who do I call at night?")
    facilitation.create_theme(staff, "Nights")
    facilitation.assign_theme(staff, card.result["card"], board.themes.get().pk)
    actions.add_vote(guest.access, card.result["card"])
    facilitation.request_support(guest.access, "Too loud")
    facilitation.start_timer(staff, 5)
    client = Client()
    client.force_login(organiser)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": asgi_live_server,
            }
        ]
    )
    phone.context.add_cookies(
        [
            {"name": name, "value": value, "url": asgi_live_server}
            for name, value in guest.cookies.items()
        ]
    )

    for path in ["facilitate/", "results/"]:
        page.goto(f"{asgi_live_server}/b/{board.join_code}/{path}")
        assert axe_violations(page) == [], path
    phone.goto(f"{asgi_live_server}/b/{board.join_code}/?view=theme")
    expect(phone.locator("#connection-status")).to_have_attribute("data-state", "live")
    assert axe_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
