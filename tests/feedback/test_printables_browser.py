"""The printables on A4 in headless Chromium's print-to-PDF (issue 15 item 5)."""

import re

import pytest

from feedback import actions
from tests.accessibility import axe_violations
from tests.conftest import log_in_browser

from .conftest import Guest, make_board

pytestmark = pytest.mark.browser


def pdf_pages(pdf: bytes) -> int:
    """The number of pages, counted by their ``/Type /Page`` objects (not ``/Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def printed(page, url: str) -> bytes:
    page.goto(url)
    page.emulate_media(media="print")
    return page.pdf(format="A4", print_background=True)


def test_poster_prints_on_one_a4_page_with_the_join_code(
    asgi_live_server, page, project, facilitator, organiser
):
    board = make_board(project, organiser, prompt="What would make your stay better?")
    log_in_browser(page, asgi_live_server, facilitator)

    pdf = printed(page, f"{asgi_live_server}/b/{board.join_code}/poster/")

    assert pdf.startswith(b"%PDF")
    assert pdf_pages(pdf) == 1
    assert page.locator(".poster-code").inner_text() == f"Join code:\n{board.join_code}"
    assert page.locator(".poster-code").is_visible()
    assert page.locator(".site-header").is_hidden()
    page.emulate_media(media="screen")
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["cards-sheet", "print"])
def test_card_sheet_and_printable_board_print_on_a4(
    asgi_live_server, page, project, facilitator, organiser, path
):
    board = make_board(project, organiser)
    actions.post_card(Guest(board).access, board.columns.first().pk, "Evening visits")
    log_in_browser(page, asgi_live_server, facilitator)

    pdf = printed(page, f"{asgi_live_server}/b/{board.join_code}/{path}/")

    assert pdf.startswith(b"%PDF")
    assert pdf_pages(pdf) >= 1
    assert board.prompt in page.locator("h1").inner_text()
    page.emulate_media(media="screen")
    assert axe_violations(page) == []
