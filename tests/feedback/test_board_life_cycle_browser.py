"""An edited board in a real browser: the phone shows the new words at once (issue 15)."""

import re

import pytest
from playwright.sync_api import expect

from tests.accessibility import axe_violations
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


def test_life_cycle_pages_pass_axe(
    asgi_live_server, page, phone, project, organiser, iteration
):
    from feedback.models import Board

    draft = make_board(project, organiser, state=Board.State.DRAFT)
    archived = make_board(project, organiser, prompt="Last week's question")
    log_in_browser(page, asgi_live_server, organiser)
    log_in_browser(phone, asgi_live_server, organiser)
    page.goto(f"{asgi_live_server}/projects/{project.pk}/boards/")
    page.get_by_role("button", name=re.compile("Archive.+Last week's")).click()
    expect(page.get_by_role("heading", name="Archived")).to_be_visible()
    archived.refresh_from_db()

    assert archived.archived_at is not None
    assert axe_violations(page) == []
    for tab in (page, phone):
        for path in ["edit/", "delete/"]:
            tab.goto(f"{asgi_live_server}/b/{draft.join_code}/{path}")
            assert axe_violations(tab) == [], path
    phone.goto(f"{asgi_live_server}/b/{draft.join_code}/edit/")
    phone.get_by_label("Question for the participants").fill("")
    phone.get_by_role("button", name="Save changes").click()
    expect(phone.locator("#error-summary")).to_be_focused()
    assert axe_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
