"""Text size and high contrast per person (static/js/display-prefs.js): chosen by
keyboard, remembered on the device, respected by every page, and the pages still fit
a 360 px phone at the largest size."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from events.models import Workshop
from tests.accessibility import axe_violations
from tests.conftest import make_board
from tests.events.conftest import make_workshop
from tests.feedback.conftest import Guest

pytestmark = pytest.mark.browser


def html_classes(page) -> str:
    return page.evaluate("document.documentElement.className")


def choose_largest_and_high_contrast(page) -> None:
    page.get_by_role("button", name="Largest").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="High contrast").focus()
    page.keyboard.press("Space")


def test_choice_by_keyboard_is_remembered_and_respected_by_every_page(
    asgi_live_server, phone, project, organiser, iteration
):
    board = make_board(project, organiser)
    phone.goto(
        asgi_live_server + reverse("feedback:board_join", args=[board.join_code])
    )

    choose_largest_and_high_contrast(phone)

    expect(phone.get_by_role("button", name="Largest")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(phone.get_by_role("button", name="Normal")).to_have_attribute(
        "aria-pressed", "false"
    )
    expect(phone.get_by_role("button", name="High contrast")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert html_classes(phone) == "text-largest contrast-high"
    assert phone.evaluate("getComputedStyle(document.documentElement).fontSize") == (
        "24px"
    )
    assert axe_violations(phone) == []
    phone.goto(asgi_live_server + "/accounts/login/")
    assert html_classes(phone) == "text-largest contrast-high"
    phone.goto(asgi_live_server + reverse("feedback:join"))
    phone.get_by_role("button", name="Normal").click()
    assert html_classes(phone) == "contrast-high"


def test_pages_fit_360_px_and_pass_axe_at_the_largest_size(
    asgi_live_server, phone, project, organiser, iteration
):
    board = make_board(project, organiser)
    workshop = make_workshop(project, visibility=Workshop.Visibility.PUBLIC)
    anna = Guest(board)
    phone.context.add_cookies(
        [
            {"name": k, "value": v, "url": asgi_live_server}
            for k, v in anna.cookies.items()
        ]
    )
    phone.goto(asgi_live_server + reverse("feedback:join"))
    choose_largest_and_high_contrast(phone)
    paths = [
        reverse("feedback:join"),
        reverse("feedback:board", args=[board.join_code]),
        workshop.public_path(),
        "/",
    ]

    for path in paths:
        phone.goto(asgi_live_server + path)

        assert html_classes(phone) == "text-largest contrast-high", path
        assert phone.evaluate("document.documentElement.scrollWidth") == 360, path
        assert axe_violations(phone) == [], path
