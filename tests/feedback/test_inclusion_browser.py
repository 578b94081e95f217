"""Issue 18 in a browser: what axe cannot see on the board pages (status messages,
the timer in view, reflow at 320 px, the projected join address, input purpose)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from feedback import actions, facilitation
from tests.accessibility import axe_violations
from tests.conftest import log_in_browser

from .conftest import Guest, staff_access, vote_by_roles

pytestmark = pytest.mark.browser


def as_guest(page, base: str, guest: Guest) -> None:
    page.context.add_cookies(
        [{"name": k, "value": v, "url": base} for k, v in guest.cookies.items()]
    )


def board_url(base: str, board) -> str:
    return base + reverse("feedback:board", args=[board.join_code])


def test_a_vote_is_announced(asgi_live_server, phone, board):
    anna = Guest(board)
    actions.post_card(anna.access, board.columns.first().pk, "Night calls")
    as_guest(phone, asgi_live_server, anna)
    phone.goto(board_url(asgi_live_server, board))
    expect(phone.locator("#connection-status")).to_have_attribute("data-state", "live")

    phone.get_by_role("button", name="Vote").first.click()

    expect(phone.locator("#announcer")).to_have_text(
        "Your vote is counted. Votes left: 2"
    )


def test_time_is_up_reaches_a_status_region_and_the_timer_stays_in_view(
    asgi_live_server, phone, board, organiser
):
    for n in range(8):
        actions.post_card(Guest(board, f"P{n}").access, board.columns.first().pk, "A")
    facilitation.start_timer(staff_access(board, organiser), 1)
    as_guest(phone, asgi_live_server, Guest(board))
    phone.clock.install()
    phone.goto(board_url(asgi_live_server, board))
    phone.evaluate("window.scrollTo(0, document.body.scrollHeight)")

    phone.clock.run_for(61_000)

    status = phone.get_by_role("status").filter(has_text="Time is up.")
    expect(status).to_have_text("Time is up.")
    box = phone.locator("#board-timer").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740


def test_a_changed_card_message_is_in_view(asgi_live_server, phone, board):
    anna = Guest(board)
    column = board.columns.last().pk
    for n in range(10):
        actions.post_card(Guest(board, f"P{n}").access, column, f"Card {n}")
    card = actions.post_card(anna.access, column, "Mine").result["card"]
    as_guest(phone, asgi_live_server, anna)
    phone.goto(
        asgi_live_server + reverse("feedback:card_edit", args=[board.join_code, card])
    )

    phone.get_by_label("Your card").fill("Mine, changed")
    phone.get_by_role("button", name="Save").click()

    message = phone.get_by_text("Your card is changed.")
    expect(message).to_be_in_viewport()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_results_page_fits_320_px(
    asgi_live_server, browser, board, organiser, language
):
    vote_by_roles(board, board.columns.first(), {"patient": 5, "clinician": 6})
    context = browser.new_context(viewport={"width": 320, "height": 640})
    narrow = context.new_page()
    log_in_browser(narrow, asgi_live_server, organiser)
    narrow.context.add_cookies(
        [{"name": "django_language", "value": language, "url": asgi_live_server}]
    )

    narrow.goto(
        asgi_live_server + reverse("feedback:board_results", args=[board.join_code])
    )

    assert narrow.evaluate("document.documentElement.scrollWidth") == 320
    assert axe_violations(narrow) == []
    context.close()


def test_projected_join_address_is_at_least_24_px(
    asgi_live_server, page, board, organiser
):
    log_in_browser(page, asgi_live_server, organiser)

    page.goto(
        asgi_live_server + reverse("feedback:board_present", args=[board.join_code])
    )

    size = page.locator(".join-address").evaluate("n => getComputedStyle(n).fontSize")
    assert float(size.removesuffix("px")) >= 24


def test_join_form_names_the_purpose_of_the_display_name(
    asgi_live_server, phone, board
):
    phone.goto(
        asgi_live_server + reverse("feedback:board_join", args=[board.join_code])
    )

    name = phone.get_by_label("Your name on this board")

    assert name.get_attribute("autocomplete") == "nickname"


def test_new_board_form_names_the_empty_session_choice(
    asgi_live_server, page, project, organiser
):
    log_in_browser(page, asgi_live_server, organiser)

    page.goto(asgi_live_server + reverse("feedback:board_create", args=[project.pk]))

    empty = page.get_by_label("Session").locator("option").first
    assert empty.inner_text() == "No session: the board belongs to the iteration"
