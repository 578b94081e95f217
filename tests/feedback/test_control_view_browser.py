"""The facilitator's control view on a phone (issue 15 items 1 and 7)."""

import pytest
from playwright.sync_api import expect

from codesign.models import StakeholderRole
from feedback import actions
from tests.accessibility import axe_violations
from tests.conftest import log_in_browser

from .conftest import Guest, make_board
from .test_board_browser import card
from .test_session_browser import open_phone

pytestmark = pytest.mark.browser


def open_controls(tab, base_url, user, code):
    log_in_browser(tab, base_url, user)
    tab.goto(f"{base_url}/b/{code}/facilitate/")
    expect(tab.locator("#connection-status")).to_have_attribute("data-state", "live")


def test_controls_above_the_cards_fit_two_phone_screens(
    asgi_live_server, phone, project, facilitator, organiser
):
    board = make_board(project, organiser)
    actions.post_card(Guest(board).access, board.columns.first().pk, "Quiet room")
    open_controls(phone, asgi_live_server, facilitator, board.join_code)

    offset = phone.evaluate(
        "document.getElementById('cards-title').getBoundingClientRect().top"
        " + window.scrollY"
    )

    assert offset <= 2 * 740
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(phone) == []


def test_handled_support_request_tells_only_the_asker(
    asgi_live_server, browser, phone, project, facilitator, organiser
):
    board = make_board(project, organiser)
    anna, bob = Guest(board, "Anna"), Guest(board, "Bob", StakeholderRole.CLINICIAN)
    open_controls(phone, asgi_live_server, facilitator, board.join_code)
    a = open_phone(browser, asgi_live_server, anna, board.join_code)
    b = open_phone(browser, asgi_live_server, bob, board.join_code)

    a.get_by_text("I need support").click()
    a.get_by_label("Message (optional)").fill("Can someone sit with me?")
    a.get_by_role("button", name="Ask for support").click()
    expect(phone.locator("#support-count")).to_have_text("1")
    phone.mouse.wheel(0, 3000)
    expect(phone.locator("#support-badge")).to_be_in_viewport()
    phone.get_by_role("button", name="On my way").focus()
    phone.keyboard.press("Enter")

    expect(a.locator("#support-answer")).to_have_text(
        "A facilitator is on the way to you."
    )
    expect(phone.locator("#support-count")).to_have_text("0")
    expect(phone.locator("#support-title")).to_be_focused()
    expect(phone.locator("#control-status")).to_have_text(
        "Handled: they are told that someone is on the way."
    )
    expect(phone.locator("#support-list")).to_have_text("Nobody has asked for support.")
    expect(b.locator("#support-answer")).to_be_empty()
    assert axe_violations(a) == []
    for tab in (a, b):
        tab.context.close()


def test_hide_keeps_focus_in_the_card_and_records_it_live(
    asgi_live_server, phone, project, facilitator, organiser
):
    board = make_board(project, organiser)
    actions.post_card(Guest(board).access, board.columns.first().pk, "Call Dr Jansen")
    open_controls(phone, asgi_live_server, facilitator, board.join_code)
    note = card(phone, "Call Dr Jansen")

    note.get_by_text("Actions").press("Enter")
    note.get_by_label("Reason for hiding").fill("A name")
    note.get_by_label("Reason for hiding").press("Enter")

    expect(note.get_by_role("button", name="Show again")).to_be_focused()
    expect(phone.locator("#control-status")).to_have_text("The card is hidden.")
    expect(phone.locator("#moderation-list li")).to_have_count(1)
    expect(phone.locator("#moderation-list li")).to_contain_text(
        "Hidden · “Call Dr Jansen” · A name"
    )
    phone.keyboard.press("Enter")
    expect(note.get_by_label("Reason for hiding")).to_be_focused()
    expect(phone.locator("#moderation-list li").first).to_contain_text("Shown again")


def test_pressed_state_button_looks_pressed_and_alerts_are_remembered(
    asgi_live_server, phone, project, facilitator, organiser
):
    board = make_board(project, organiser)
    open_controls(phone, asgi_live_server, facilitator, board.join_code)
    pressed = phone.locator('[data-state-button][aria-pressed="true"]')
    other = phone.locator('[data-state-button]:not([aria-pressed="true"])').first
    toggle = phone.get_by_role("button", name="Sound and vibration")

    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.press("Enter")
    phone.reload()

    expect(toggle).to_have_attribute("aria-pressed", "true")
    colour = "el => getComputedStyle(el).backgroundColor"
    assert pressed.evaluate(colour) != other.evaluate(colour)
    box = phone.locator("#mode-silent").bounding_box()
    assert (box["width"], box["height"]) == (24, 24)
