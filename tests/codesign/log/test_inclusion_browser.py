"""Issue 18 on the log entry form: the evidence picker announces a short count, not
every card, and each checkbox sits on the same line as the card it cites."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.accessibility import axe_violations
from tests.codesign.log.factories import make_card
from tests.conftest import log_in_browser

pytestmark = pytest.mark.browser

LONG = "I want to know who to call at night, because the nurse line closes at ten. " * 3


def entry_form_url(base: str, iteration) -> str:
    return base + reverse(
        "codesign:entry_create", args=[iteration.project_id, iteration.number]
    )


def test_a_search_announces_a_short_count(
    asgi_live_server, phone, organiser, iteration, board
):
    for n in range(12):
        make_card(board, f"{n}: {LONG}")
    make_card(board, "Home visits by the same nurse")
    log_in_browser(phone, asgi_live_server, organiser)
    phone.goto(entry_form_url(asgi_live_server, iteration))

    phone.get_by_label("Search cards and themes").fill("same nurse")

    status = phone.locator("#evidence-count")
    expect(status).to_have_text("1 card found. 0 themes found.")
    assert status.get_attribute("role") == "status"
    assert phone.locator("#evidence-results").get_attribute("aria-live") is None
    assert axe_violations(phone) == []


def test_each_checkbox_starts_the_line_of_its_card(
    asgi_live_server, phone, organiser, iteration, board
):
    make_card(board, LONG)
    log_in_browser(phone, asgi_live_server, organiser)

    phone.goto(entry_form_url(asgi_live_server, iteration))

    label = phone.locator(".picker-list label.check").first
    box = label.locator("input").bounding_box()
    text = label.locator(".pick-text").bounding_box()
    assert box["width"] == 24
    assert text["x"] > box["x"] + box["width"]
    assert abs(text["y"] - box["y"]) < 12


def test_entry_form_describes_fields_only_with_ids_on_the_page(
    asgi_live_server, page, organiser, iteration
):
    log_in_browser(page, asgi_live_server, organiser)
    page.goto(entry_form_url(asgi_live_server, iteration))

    page.get_by_role("button", name="Save the entry").click()

    missing = page.evaluate(
        """() => [...document.querySelectorAll('[aria-describedby]')]
        .flatMap(n => n.getAttribute('aria-describedby').split(' '))
        .filter(id => !document.getElementById(id))"""
    )
    assert missing == []
    title = page.locator("#id_title")
    assert title.get_attribute("aria-describedby") == "id_title_error"
    assert page.locator("#id_title_error").inner_text() == "This field is required."
