"""A whole facilitated session in real browsers (issue 6): the control panel and two
phones agree at every step: silent brainstorm, timer, reveal, a voting round, themes
and hiding a card."""

import re

import pytest
from playwright.sync_api import expect

from codesign.models import StakeholderRole
from feedback import actions
from tests.conftest import log_in_browser

from .conftest import Guest, make_board
from .test_board_browser import card

pytestmark = pytest.mark.browser


def open_phone(browser, base_url, guest, code):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    context.add_cookies(
        [{"name": n, "value": v, "url": base_url} for n, v in guest.cookies.items()]
    )
    tab = context.new_page()
    tab.goto(f"{base_url}/b/{code}/")
    expect(tab.locator("#connection-status")).to_have_attribute("data-state", "live")
    return tab


def post(tab, text):
    tab.get_by_label("Your card").fill(text)
    tab.get_by_role("button", name="Post card").click()
    expect(card(tab, text)).to_have_count(1)


def test_whole_session_control_panel_and_two_phones_agree(
    asgi_live_server, browser, page, project, organiser, iteration
):
    board = make_board(project, organiser)
    code = board.join_code
    anna, bob = Guest(board, "Anna"), Guest(board, "Bob", StakeholderRole.CLINICIAN)
    log_in_browser(page, asgi_live_server, organiser)
    page.goto(f"{asgi_live_server}/b/{code}/facilitate/")
    expect(page.locator("#connection-status")).to_have_attribute("data-state", "live")
    wall = page.context.new_page()
    wall.goto(f"{asgi_live_server}/b/{code}/present/")
    expect(wall.locator("#connection-status")).to_have_attribute("data-state", "live")
    phones = [open_phone(browser, asgi_live_server, g, code) for g in (anna, bob)]
    a, b = phones
    everyone = [page, wall, *phones]

    # Silent brainstorm with hidden vote counts.
    page.get_by_label("Hide cards from other participants until the reveal").check()
    page.get_by_label("Hide vote counts until the reveal").check()
    page.get_by_role("button", name="Apply").click()
    for tab in phones:
        expect(tab.locator("#board-mode")).to_be_visible()

    # Timer.
    page.get_by_label("Minutes").fill("5")
    page.get_by_role("button", name="Start timer").click()
    for tab in everyone:
        expect(tab.locator("#board-timer")).to_have_text(
            re.compile(r"Time left: [45]:\d\d")
        )

    post(a, "Anna wants a night nurse")
    post(b, "Bob suggests a sensor")
    expect(card(page, "Anna wants a night nurse")).to_have_count(1)
    expect(card(page, "Bob suggests a sensor")).to_have_count(1)
    expect(wall.locator(".card-sealed")).to_have_count(2)
    assert "Anna wants" not in wall.content() and "Bob suggests" not in wall.content()
    for tab, other in ((a, "Bob suggests a sensor"), (b, "Anna wants a night nurse")):
        expect(tab.locator(".card-sealed")).to_have_count(2)
        placeholder = "A card, hidden until the facilitator reveals all cards."
        expect(tab.locator(".card-text", has_text=placeholder)).to_have_count(1)
        assert other not in tab.content()

    # Reveal: everyone sees every card.
    page.get_by_role("button", name="Reveal all cards and votes").click()
    for tab in everyone:
        expect(card(tab, "Anna wants a night nurse")).to_have_count(1)
        expect(card(tab, "Bob suggests a sensor")).to_have_count(1)
        expect(tab.locator(".card-sealed")).to_have_count(0)
    for tab in phones:
        expect(tab.locator("#board-mode")).to_be_hidden()

    # A voting round of two votes each.
    page.get_by_label("Votes per person").fill("2")
    page.get_by_role("button", name="Start a voting round").click()
    for tab in phones:
        expect(tab.locator("#votes-left")).to_have_text("2")
        expect(tab.locator("#board-voting")).to_have_text("Voting is open. Round 1")
    card(a, "Bob suggests").locator("button.vote-button").first.click()
    expect(a.locator("#votes-left")).to_have_text("1")
    card(b, "Bob suggests").locator("button.vote-button").first.click()
    expect(b.locator("#votes-left")).to_have_text("1")
    for tab in everyone:
        expect(card(tab, "Bob suggests").locator(".vote-count")).to_have_text("2")
    page.get_by_role("button", name="Close the round").click()
    for tab in phones:
        expect(tab.locator("#board-voting")).to_have_text(
            "Voting is closed right now. Round 1"
        )
        expect(
            card(tab, "Anna wants").locator("button.vote-button").first
        ).to_be_disabled()

    # Themes, with a select menu and a button (no dragging needed).
    page.locator("summary", has_text="Themes").click()
    page.get_by_label("Name", exact=True).fill("Night-time support")
    page.get_by_role("button", name="Add theme").click()
    nurse = card(page, "Anna wants a night nurse")
    nurse.get_by_text("Actions").click()
    expect(nurse.get_by_label("Theme")).to_contain_text("Night-time support")
    nurse.get_by_label("Theme").select_option(label="Night-time support")
    nurse.get_by_role("button", name="Assign").click()
    theme_id = nurse.get_by_label("Theme").input_value()
    for tab in everyone:
        expect(card(tab, "Anna wants")).to_have_attribute("data-theme", theme_id)
    b.goto(f"{asgi_live_server}/b/{code}/?view=theme")
    expect(b.locator(f'[data-theme-list="{theme_id}"] .card-text')).to_have_text(
        ["Anna wants a night nurse"]
    )

    # Hiding a card: its author sees why, the other phone no longer sees it.
    sensor = card(page, "Bob suggests a sensor")
    sensor.get_by_text("Actions").click()
    sensor.get_by_label("Reason for hiding").fill("Please keep it about care")
    sensor.get_by_role("button", name="Hide").click()
    expect(card(b, "Bob suggests a sensor").locator(".card-hidden-note")).to_have_text(
        "Hidden by the facilitator: Please keep it about care"
    )
    for tab in (a, wall):
        expect(card(tab, "Bob suggests a sensor")).to_have_count(0)
    expect(sensor).to_have_class(re.compile("card-hidden"))

    # Scribe mode and a private request for support.
    page.locator("summary", has_text="Scribe").click()
    page.get_by_label("Their stakeholder role").select_option(
        label="Family member or carer"
    )
    page.get_by_label("Their card").fill("Paper note: visits are too short")
    page.get_by_role("button", name="Post for them").click()
    for tab in everyone:
        expect(card(tab, "Paper note").locator(".card-scribe")).to_be_visible()
        expect(card(tab, "Paper note").locator(".card-role")).to_have_text(
            "Family member or carer"
        )
    a.get_by_text("I need support").click()
    a.get_by_label("Message (optional)").fill("Can someone sit with me?")
    a.get_by_role("button", name="Ask for support").click()
    expect(a.locator("#support-status")).to_have_text(
        "The facilitators have been told. Someone will come to you."
    )
    expect(page.locator("#support-list")).to_contain_text("Can someone sit with me?")
    for tab in (b, wall):
        assert "Can someone sit with me?" not in tab.content()
        assert "Anna (Patient)" not in tab.content()

    page.get_by_role("button", name="Stop timer").click()
    for tab in everyone:
        expect(tab.locator("#board-timer")).to_be_hidden()
    # A fresh load of each page ends where the live pages are.
    a.reload()
    expect(card(a, "Bob suggests a sensor")).to_have_count(0)
    expect(card(a, "Anna wants a night nurse")).to_have_count(1)
    for tab in phones:
        tab.context.close()


def test_control_panel_fits_a_phone_and_works_with_the_keyboard(
    asgi_live_server, phone, project, facilitator, organiser, iteration
):
    board = make_board(project, organiser)
    guest = Guest(board, "Anna")
    actions.post_card(guest.access, board.columns.first().pk, "Quiet room please")
    log_in_browser(phone, asgi_live_server, facilitator)
    phone.goto(f"{asgi_live_server}/b/{board.join_code}/facilitate/")
    expect(phone.locator("#connection-status")).to_have_attribute("data-state", "live")

    phone.get_by_label("Minutes").focus()
    phone.keyboard.press("Control+A")
    phone.keyboard.type("3")
    phone.keyboard.press("Enter")
    expect(phone.locator("#board-timer")).to_have_text(
        re.compile(r"Time left: [23]:\d\d")
    )
    phone.locator("summary", has_text="Themes").press("Enter")
    theme_name = phone.get_by_label("Name", exact=True)
    theme_name.focus()
    phone.keyboard.type("Rest")
    phone.keyboard.press("Enter")
    card(phone, "Quiet room").get_by_text("Actions").press("Enter")
    select = card(phone, "Quiet room").get_by_label("Theme")
    expect(select).to_contain_text("Rest")
    select.focus()
    select.select_option(label="Rest")
    card(phone, "Quiet room").get_by_role("button", name="Assign").press("Enter")

    expect(card(phone, "Quiet room")).to_have_attribute(
        "data-theme", str(board.themes.get().pk)
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
