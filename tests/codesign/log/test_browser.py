"""DESIGN §4.3 in a real browser: themes, insight and decision citing cards, close the
iteration, open the next at the bedside, export every format, and a participant sees
their card cited on "you said, we did"."""

import csv
import io
import json
import re

import pytest
from playwright.sync_api import expect

from codesign.models import StakeholderRole
from feedback.models import Participant
from tests.accessibility import axe_violations
from tests.codesign.log.factories import make_board, make_card, make_theme
from tests.conftest import log_in_browser

pytestmark = pytest.mark.browser


def download(page, link_name) -> str:
    with page.expect_download() as info:
        page.locator("section.exports").get_by_role("link", name=link_name).click()
    return open(info.value.path(), encoding="utf-8").read()


def test_team_turns_feedback_into_decisions_and_participant_sees_it(
    asgi_live_server, page, phone, project, organiser, team_member, iteration
):
    base = asgi_live_server
    board = make_board(project, organiser, iteration)
    phone.goto(f"{base}/join/{board.join_code}/")
    phone.get_by_label("Your name on this board").fill("Anna")
    phone.get_by_label("I take part as").select_option(StakeholderRole.PATIENT)
    phone.get_by_label("I agree").check()
    phone.get_by_role("button", name="Join").click()
    expect(phone.locator("#connection-status")).to_have_attribute("data-state", "live")
    anna = Participant.objects.get(board=board, display_name="Anna")
    theme = make_theme(board, "Nights at home")
    mine = make_card(board, "Who do I call at night?", participant=anna, theme=theme)
    make_card(board, "Weekly summary, please", StakeholderRole.CLINICIAN)

    log_in_browser(page, base, team_member)
    page.goto(f"{base}{iteration.get_absolute_url()}")
    page.get_by_role("link", name="Add an entry").click()
    assert axe_violations(page) == []
    page.get_by_label("Kind").select_option("insight")
    page.get_by_label("Title").fill("Nights are the hardest part")
    page.get_by_label("Search cards and themes").fill("night")
    expect(page.locator("#evidence-results")).not_to_contain_text("Weekly summary")
    page.get_by_role("checkbox", name=re.compile("^Nights at home")).check()
    page.get_by_role("button", name="Save the entry").click()
    expect(page.locator(".log-entry")).to_contain_text("Nights are the hardest part")

    page.get_by_role("link", name="Add an entry").click()
    page.get_by_label("Kind").select_option("decision")
    page.get_by_label("Title").fill("A nurse line at night")
    page.get_by_label("Text").fill("Nurses take turns on a **night phone**.")
    page.get_by_role("checkbox", name="“Who do I call at night?”").check()
    page.get_by_role("button", name="Save the entry").click()
    decision = page.locator(".log-decision")
    expect(decision.locator("strong")).to_have_text("night phone")
    expect(decision.locator(".evidence")).to_contain_text("Who do I call at night?")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Close this iteration and open the next").click()
    page.get_by_label("Stage").select_option("bedside")
    page.get_by_label("Guiding question").fill("Does the night line work at home?")
    page.get_by_role("button", name="Close and open the next").click()
    expect(page.locator("h1")).to_contain_text("Iteration 2")

    page.goto(f"{base}{project.get_absolute_url()}")
    first = page.locator(".cycle-step").first
    expect(first.locator(".cycle-counts")).to_contain_text("1 decision")
    expect(first.locator(".cycle-counts")).to_contain_text("2 cards")
    markdown = download(page, "Markdown report")
    rows = list(csv.DictReader(io.StringIO(download(page, "CSV for spreadsheets")[1:])))
    data = json.loads(download(page, "JSON (can be imported again)"))
    gripp2 = download(page, "GRIPP2 involvement report (Markdown)")
    assert "### Decision: A nurse line at night" in markdown
    assert [r["title"] for r in rows] == [
        "Nights are the hardest part",
        "A nurse line at night",
    ]
    assert [i["stage"] for i in data["iterations"]] == ["bench", "bedside"]
    assert "## 5. Reflections" in gripp2
    assert "Anna" not in markdown + gripp2 + json.dumps(data)
    page.get_by_role("link", name="GRIPP2 involvement report (printable page)").click()
    expect(page.locator("h2").first).to_have_text("1. Aim")
    page.goto(f"{base}/projects/{project.pk}/you-said/")
    message = "A short message for the people who took part (optional)"
    page.get_by_label(message).fill("Thank you!")
    page.get_by_role("button", name="Publish the update").click()
    expect(page.locator(".publication-message")).to_have_text("Thank you!")

    phone.goto(f"{base}/projects/{project.pk}/you-said/")
    expect(phone.locator(".you-cited")).to_contain_text("Who do I call at night?")
    cited = phone.locator(".evidence-mine")
    expect(cited).to_contain_text("Who do I call at night?")
    expect(cited).to_contain_text("Your card")
    expect(phone.locator("main")).not_to_contain_text("Anna")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(phone) == []
    assert mine.citations.count() == 1
