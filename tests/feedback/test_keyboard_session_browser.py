"""A whole session run by keyboard only on the control view at 360 px, with a phone
participant who joins, posts, votes until none are left, asks for support and is
told that someone is on the way (issue 15 acceptance)."""

import re

import pytest
from playwright.sync_api import expect

from feedback.models import Board
from tests.accessibility import axe_violations

from .conftest import make_board
from .test_board_browser import card
from .test_control_view_browser import open_controls

pytestmark = pytest.mark.browser


def press(tab, locator, key="Enter"):
    locator.focus()
    tab.keyboard.press(key)


def join(phone, base, code):
    phone.goto(f"{base}/join/{code}/")
    phone.get_by_label("Your name on this board").fill("Anna")
    phone.get_by_label("I take part as").select_option(label="Patient")
    phone.get_by_label("I agree").check()
    phone.get_by_role("button", name="Join").click()
    expect(phone.locator("#connection-status")).to_have_attribute("data-state", "live")


def post(phone, text):
    phone.get_by_label("Your card").fill(text)
    phone.get_by_role("button", name="Post card").click()
    expect(card(phone, text)).to_have_count(1)


def test_whole_session_by_keyboard_on_a_phone_sized_control_view(
    asgi_live_server, browser, project, facilitator, organiser
):
    board = make_board(project, organiser, state=Board.State.DRAFT, vote_any_time=False)
    size = {"viewport": {"width": 360, "height": 740}, "is_mobile": True}
    control = browser.new_context(**size).new_page()
    phone = browser.new_context(**size, has_touch=True).new_page()
    open_controls(control, asgi_live_server, facilitator, board.join_code)
    status = control.locator("#control-status")

    press(control, control.locator('[data-state-button="open"]'))
    expect(control.locator('[data-state-button="open"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    press(control, control.get_by_label("Minutes"), "Control+A")
    control.keyboard.type("3")
    control.keyboard.press("Enter")
    expect(status).to_have_text("The timer is started.")
    press(control, control.locator("#mode-silent"), "Space")
    press(control, control.get_by_role("button", name="Apply"))
    expect(status).to_have_text("The silent brainstorm settings are applied.")

    join(phone, asgi_live_server, board.join_code)
    expect(phone.locator("#board-timer")).to_have_text(re.compile(r"Time left: [23]:"))
    post(phone, "Longer visiting hours")
    post(phone, "My neighbour's name is Jan")
    press(control, control.get_by_role("button", name="Reveal all cards and votes"))
    expect(status).to_have_text("All cards and votes are now shown.")

    press(control, control.get_by_label("Votes per person"), "Control+A")
    control.keyboard.type("2")
    control.keyboard.press("Enter")
    expect(status).to_have_text("Voting round 1 is open.")
    vote = card(phone, "Longer visiting").get_by_role("button", name="Vote", exact=True)
    vote.click()
    expect(phone.locator("#votes-left")).to_have_text("1")
    vote.click()
    expect(phone.locator("#votes-left")).to_have_text("0")
    expect(vote).to_be_disabled()

    press(control, control.locator("summary", has_text="Themes"))
    press(control, control.get_by_label("Name", exact=True), "R")
    control.keyboard.type("est")
    control.keyboard.press("Enter")
    expect(status).to_have_text("The theme is added.")
    visits = card(control, "Longer visiting")
    press(control, visits.locator("summary"))
    press(control, visits.get_by_label("Theme"), "ArrowDown")
    press(control, visits.get_by_role("button", name="Assign"))
    expect(status).to_have_text("The card's theme is saved.")
    expect(visits.get_by_label("Theme")).to_be_focused()

    name = card(control, "My neighbour")
    press(control, name.locator("summary"))
    press(control, name.get_by_label("Reason for hiding"), "A")
    control.keyboard.type(" name")
    control.keyboard.press("Enter")
    expect(name.get_by_role("button", name="Show again")).to_be_focused()
    expect(status).to_have_text("The card is hidden.")

    phone.get_by_text("I need support").click()
    phone.get_by_role("button", name="Ask for support").click()
    expect(control.locator("#support-count")).to_have_text("1")
    press(control, control.get_by_role("button", name="On my way"))
    expect(phone.locator("#support-answer")).to_have_text(
        "A facilitator is on the way to you."
    )
    expect(control.locator("#support-count")).to_have_text("0")
    assert control.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(control) == []
    control.context.close()
    phone.context.close()
