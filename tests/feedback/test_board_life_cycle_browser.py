"""An edited board in a real browser: the phone shows the new words at once (issue 15)."""

import pytest
from playwright.sync_api import expect

from tests.conftest import log_in_browser

from .conftest import Guest, make_board

pytestmark = pytest.mark.browser


def test_phone_and_projector_see_the_edit_live(
    asgi_live_server, page, phone, project, organiser, iteration
):
    board = make_board(project, organiser)
    guest = Guest(board)
    phone.context.add_cookies(
        [
            {"name": k, "value": v, "url": asgi_live_server}
            for k, v in guest.cookies.items()
        ]
    )
    phone.goto(f"{asgi_live_server}/b/{board.join_code}/")
    expect(phone.locator("#connection-status")).to_have_attribute("data-state", "live")
    log_in_browser(page, asgi_live_server, organiser)
    page.goto(f"{asgi_live_server}/b/{board.join_code}/present/")
    expect(page.locator("#connection-status")).to_have_attribute("data-state", "live")
    first = board.columns.first()

    editor = page.context.new_page()
    editor.goto(f"{asgi_live_server}/b/{board.join_code}/edit/")
    editor.get_by_label("Question for the participants").fill("What helps at night?")
    editor.get_by_label("Columns").fill(
        "Good things\nWhat could be better\nIdeas\nQuestions"
    )
    editor.get_by_role("button", name="Save changes").click()

    for tab in (phone, page):
        expect(tab.locator(".board-prompt")).to_have_text("What helps at night?")
        expect(tab.locator(f"#column-{first.pk}-title")).to_contain_text("Good things")
    expect(
        phone.locator(f'select[name="column"] option[value="{first.pk}"]')
    ).to_have_text("Good things")
