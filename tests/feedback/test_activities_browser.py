"""A ranking put in order by keyboard alone on a 360 px phone; the pages pass axe."""

import pytest
from playwright.sync_api import expect

from feedback import activities
from feedback.models import Activity, Answer
from tests.accessibility import axe_violations
from tests.conftest import log_in_browser

from .conftest import Guest, make_board, staff_access

pytestmark = pytest.mark.browser


def as_guest(phone, base_url, guest) -> None:
    phone.context.add_cookies(
        [
            {"name": name, "value": value, "url": base_url}
            for name, value in guest.cookies.items()
        ]
    )


def test_ranking_by_keyboard_on_a_phone(
    asgi_live_server, phone, project, organiser, facilitator, iteration
):
    board = make_board(project, organiser)
    staff = staff_access(board, facilitator)
    ack = activities.add_activity(staff, "ranking", "What first?", ["Sleep", "Food"])
    activity = ack.result["activity"]
    activities.open_activity(staff, activity)
    guest = Guest(board)
    as_guest(phone, asgi_live_server, guest)
    phone.goto(f"{asgi_live_server}/b/{board.join_code}/")
    expect(phone.locator("#connection-status")).to_have_attribute("data-state", "live")
    items = phone.locator(".ranking .ranking-label")

    phone.locator(".ranking button[name=down]").first.focus()
    phone.keyboard.press("Enter")

    expect(items).to_have_text(["Food", "Sleep"])
    expect(phone.locator(f"#activity-{activity} .activity-status")).to_have_text(
        "Your answer is saved. You can change it while the question is open."
    )
    focused = phone.evaluate("document.activeElement.textContent")
    assert focused == "Up"
    sleep, food = Activity.objects.get(pk=activity).options.values_list("pk", flat=True)
    assert Answer.objects.get().choice == [food, sleep]
    assert axe_violations(phone) == []


def test_activity_controls_and_results_pass_axe(
    asgi_live_server, page, project, organiser, facilitator, iteration
):
    board = make_board(project, organiser)
    staff = staff_access(board, facilitator)
    ack = activities.add_activity(staff, "scale", "Easy?", [], scale="faces")
    activities.open_activity(staff, ack.result["activity"])
    for n in range(5):
        guest = Guest(board, f"G{n}")
        activities.answer_activity(guest.access, ack.result["activity"], [4])
    activities.reveal_activity(staff, ack.result["activity"])
    log_in_browser(page, asgi_live_server, organiser)

    for path in ("facilitate/", "results/", "present/", ""):
        page.goto(f"{asgi_live_server}/b/{board.join_code}/{path}")

        expect(page.locator(".activity-chart").first).to_be_visible()
        assert axe_violations(page) == [], path


def test_pages_fetch_the_activities_alone_not_the_whole_page(
    asgi_live_server, page, phone, project, organiser, facilitator, iteration
):
    board = make_board(project, organiser)
    staff = staff_access(board, facilitator)
    ack = activities.add_activity(staff, "poll", "Which kit?", ["Tablet", "Watch"])
    activity = ack.result["activity"]
    as_guest(phone, asgi_live_server, Guest(board))
    board_url = f"{asgi_live_server}/b/{board.join_code}/"
    phone.goto(board_url)
    expect(phone.locator("#connection-status")).to_have_attribute("data-state", "live")
    log_in_browser(page, asgi_live_server, facilitator)
    page.goto(f"{board_url}facilitate/")
    expect(page.locator("#connection-status")).to_have_attribute("data-state", "live")
    asked = []
    phone.on("request", lambda request: asked.append(request.url))

    with phone.expect_request(f"{board_url}activities/?view=board"):
        page.locator(f"#activity-{activity}").get_by_role("button", name="Open").click()
    expect(phone.locator(".activity-question")).to_have_text("Which kit?")
    expect(page.locator("#connection-status")).to_have_attribute("data-state", "live")
    with page.expect_request(f"{board_url}activities/?view=facilitate"):
        phone.get_by_label("Tablet").check()
        phone.get_by_role("button", name="Send my answer").click()

    expect(page.locator(f"#activity-{activity}")).to_contain_text("1 answer")
    assert asked == [f"{board_url}activities/?view=board"]
