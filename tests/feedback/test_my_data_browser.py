"""Issue 14 in a real browser: a guest on a phone sees, downloads and erases their data
on a board, and the projector drops their cards at once; the new pages pass axe."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from codesign.models import StakeholderRole
from tests.accessibility import axe_violations
from tests.conftest import log_in_browser

from .conftest import make_board

pytestmark = pytest.mark.browser


def projected(page, text):
    return page.locator(
        ".board-columns .card", has=page.locator(".card-text", has_text=text)
    )


def join_and_post(phone, base_url, code, texts):
    phone.goto(f"{base_url}/join/{code}/")
    phone.get_by_label("Your name on this board").fill("Anna")
    phone.get_by_label("I take part as").select_option(StakeholderRole.PATIENT)
    phone.get_by_label("I agree").check()
    phone.get_by_role("button", name="Join").click()
    expect(phone.locator("#connection-status")).to_have_attribute("data-state", "live")
    for text in texts:
        phone.get_by_label("Your card").fill(text)
        phone.get_by_role("button", name="Post card").click()
        expect(
            phone.locator(".board-columns .card-text", has_text=text)
        ).to_be_visible()


def test_a_guest_on_a_phone_downloads_and_erases_and_the_projector_drops_the_cards(
    asgi_live_server, page, phone, project, organiser, iteration
):
    board = make_board(project, organiser)
    log_in_browser(page, asgi_live_server, organiser)
    page.goto(f"{asgi_live_server}/b/{board.join_code}/present/")
    expect(page.locator("#connection-status")).to_have_attribute("data-state", "live")
    texts = ["The cuff pinches my arm.", "Night calls scare me."]
    join_and_post(phone, asgi_live_server, board.join_code, texts)
    expect(projected(page, "Night calls")).to_have_count(1)

    phone.get_by_role("link", name="My data on this board").click()
    expect(phone.get_by_role("heading", name="Your data on this board")).to_be_visible()
    assert axe_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Download my data (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text())
    phone.get_by_role("link", name="Erase me from this board").click()
    assert axe_violations(phone) == []
    phone.get_by_role("button", name="Yes, erase me").click()

    cards = data["participation"]["cards"]
    assert (data["participation"]["display_name"], len(cards)) == ("Anna", 2)
    assert sorted(card["text"] for card in cards) == sorted(texts)
    expect(projected(page, "The cuff pinches")).to_have_count(0)
    expect(projected(page, "Night calls")).to_have_count(0)
    assert (board.cards.count(), board.participants.count()) == (0, 0)
    page.reload()
    expect(page.locator("#connection-status")).to_have_attribute("data-state", "live")
    expect(projected(page, "Night calls")).to_have_count(0)


def test_the_statements_and_the_project_data_page_pass_axe_on_a_phone(
    asgi_live_server, phone, project, organiser
):
    log_in_browser(phone, asgi_live_server, organiser)

    for path in ("/privacy/", "/accessibility/", f"/projects/{project.pk}/data/"):
        phone.goto(f"{asgi_live_server}{path}")

        assert axe_violations(phone) == [], path
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, path
