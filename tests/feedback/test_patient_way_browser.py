"""The patient's way through, by keyboard and screen reader (issue 15 item 6)."""

import pytest
from playwright.sync_api import expect

from feedback import actions
from tests.accessibility import axe_violations

from .conftest import Guest
from .test_board_browser import card
from .test_inclusion_browser import as_guest, board_url
from .test_session_browser import open_phone, post

pytestmark = pytest.mark.browser


def open_board(phone, base, board, guest):
    as_guest(phone, base, guest)
    phone.goto(board_url(base, board))
    expect(phone.locator("#connection-status")).to_have_attribute("data-state", "live")


def test_join_error_is_summarised_focused_and_in_the_title(
    asgi_live_server, phone, board
):
    phone.goto(f"{asgi_live_server}/join/{board.join_code}/")

    phone.get_by_role("button", name="Join").press("Enter")

    expect(phone.locator("#error-summary")).to_be_focused()
    expect(phone).to_have_title("Error: Join the board · Codesign")
    expect(phone.locator("#error-summary")).to_contain_text(
        "I take part as: Please choose your role."
    )
    assert axe_violations(phone) == []


def test_delete_asks_first_then_focuses_the_next_card_and_says_so(
    asgi_live_server, phone, board
):
    anna = Guest(board)
    column = board.columns.first().pk
    actions.post_card(anna.access, column, "First thought")
    actions.post_card(anna.access, column, "Second thought")
    open_board(phone, asgi_live_server, board, anna)
    delete = card(phone, "First thought").get_by_role("button", name="Delete")

    phone.once("dialog", lambda dialog: dialog.dismiss())
    delete.press("Enter")
    expect(card(phone, "First thought")).to_have_count(1)
    phone.once("dialog", lambda dialog: dialog.accept())
    delete.press("Enter")

    expect(card(phone, "First thought")).to_have_count(0)
    expect(phone.locator("#announcer")).to_have_text("Your card is deleted.")
    focused = phone.evaluate("document.activeElement.closest('.card').id")
    assert focused == f"card-{board.cards.get(text='Second thought').pk}"


def test_other_peoples_cards_are_read_out_in_a_batch_or_not_at_all(
    asgi_live_server, browser, phone, board
):
    open_board(phone, asgi_live_server, board, Guest(board))
    other = open_phone(browser, asgi_live_server, Guest(board, "Bob"), board.join_code)

    for n in range(3):
        post(other, f"Card {n}")
    expect(phone.locator("#announcer")).to_have_text("3 new cards")
    phone.get_by_label("Read out new cards from others").uncheck()
    phone.reload()
    post(other, "Quiet one")

    expect(card(phone, "Quiet one")).to_have_count(1)
    phone.wait_for_timeout(2500)
    expect(phone.locator("#announcer")).to_have_text("")
    expect(phone.get_by_label("Read out new cards from others")).not_to_be_checked()
    other.context.close()
