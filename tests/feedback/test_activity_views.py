"""The activities part of a page on its own, as live pages fetch it (feedback.activity_views)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from feedback import actions, activities
from feedback.models import Activity
from tests.conftest import logged_in

from .conftest import Guest, make_board, staff_access

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def section_url(board, view) -> str:
    return (
        reverse("feedback:board_activities", args=[board.join_code]) + f"?view={view}"
    )


def opened_poll(board, facilitator, question="Which kit?"):
    staff = staff_access(board, facilitator)
    ack = activities.add_activity(staff, "poll", question, ["Tablet", "Watch"])
    activities.open_activity(staff, ack.result["activity"])
    return Activity.objects.get(pk=ack.result["activity"]), staff


def answered(board, poll, count: int) -> None:
    option = poll.options.first().pk
    for n in range(count):
        activities.answer_activity(Guest(board, f"G{n}").access, poll.pk, [option])


def without_tokens(html: str) -> str:
    return CSRF.sub('name="csrfmiddlewaretoken" value=""', html)


def test_participant_gets_the_open_poll_alone_and_uncached(board, facilitator):
    poll, _staff = opened_poll(board, facilitator)
    client = Guest(board).client()

    response = client.get(section_url(board, "board"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<div data-activities")
    assert "<html" not in html and "Post card" not in html
    assert f'id="activity-{poll.pk}"' in html and "Send my answer" in html
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    "view, page",
    [("board", "feedback:board"), ("present", "feedback:board_present")],
)
def test_section_is_the_pages_own_section(board, facilitator, team_member, view, page):
    opened_poll(board, facilitator)
    client = logged_in(team_member)

    section = client.get(section_url(board, view)).content.decode().strip()
    full = client.get(reverse(page, args=[board.join_code])).content.decode()

    assert section.endswith("</div>")
    assert without_tokens(section) in without_tokens(full)


def test_control_section_is_the_control_views_own(board, facilitator):
    poll, _staff = opened_poll(board, facilitator)
    client = logged_in(facilitator)

    section = client.get(section_url(board, "facilitate")).content.decode().strip()
    full = client.get(
        reverse("feedback:board_facilitate", args=[board.join_code])
    ).content.decode()

    assert without_tokens(section) in without_tokens(full)
    facilitate = reverse("feedback:board_facilitate", args=[board.join_code])
    assert f'name="next" value="{facilitate}#activity-{poll.pk}"' in section


def test_sealed_answers_stay_sealed_until_the_reveal(board, facilitator):
    poll, staff = opened_poll(board, facilitator)
    answered(board, poll, 5)
    activities.close_activity(staff, poll.pk)
    guest = Guest(board, "Late").client()
    staff_client = logged_in(facilitator)

    sealed = guest.get(section_url(board, "board")).content.decode()
    counted = staff_client.get(section_url(board, "facilitate")).content.decode()
    activities.reveal_activity(staff, poll.pk)
    revealed = guest.get(section_url(board, "board")).content.decode()

    assert "activity-result-" not in sealed and "Which kit?" not in sealed
    assert "5 answers" in counted and "activity-result-" not in counted
    assert f'id="activity-result-{poll.pk}"' in revealed
    assert '<svg class="activity-bars"' in revealed


def test_participant_sees_no_results_of_fewer_than_five(board, facilitator):
    poll, staff = opened_poll(board, facilitator)
    answered(board, poll, 3)
    activities.reveal_activity(staff, poll.pk)

    html = Guest(board, "Late").client().get(section_url(board, "board")).content

    assert "Fewer than 5 people answered" in html.decode()
    assert '<svg class="activity-bars"' not in html.decode()


def test_projector_suppresses_small_counts_whoever_opens_it(board, facilitator):
    poll, staff = opened_poll(board, facilitator)
    answered(board, poll, 3)
    activities.reveal_activity(staff, poll.pk)
    client = logged_in(facilitator)

    wall = client.get(section_url(board, "present")).content.decode()
    own = client.get(section_url(board, "board")).content.decode()

    assert "Fewer than 5 people answered" in wall
    assert '<svg class="activity-bars"' not in wall
    assert '<svg class="activity-bars"' in own
    assert "?view=present" in wall and "Send my answer" not in wall


@pytest.mark.parametrize(
    "who, view",
    [
        ("anonymous", "board"),
        ("outsider", "board"),
        ("anonymous", "present"),
        ("guest", "present"),
        ("outsider", "present"),
        ("guest", "facilitate"),
        ("team", "facilitate"),
        ("other_guest", "board"),
    ],
)
def test_people_who_may_not_see_the_page_are_refused(
    board, other_board, facilitator, outsider, team_member, who, view
):
    opened_poll(board, facilitator)
    client = {
        "anonymous": Client(),
        "outsider": logged_in(outsider),
        "guest": Guest(board).client(),
        "team": logged_in(team_member),
        "other_guest": Guest(other_board, "Bert").client(),
    }[who]

    response = client.get(section_url(board, view))

    assert response.status_code == 403
    assert "Which kit?" not in response.content.decode()


@pytest.mark.parametrize(
    "query", ["", "?view=", "?view=projector", "?view=BOARD", "?view=a%00b"]
)
def test_an_odd_view_is_not_found(board, facilitator, query):
    opened_poll(board, facilitator)
    url = reverse("feedback:board_activities", args=[board.join_code])

    response = logged_in(facilitator).get(url + query)

    assert response.status_code == 404
    assert "Which kit?" not in response.content.decode()


@pytest.mark.parametrize("code", ["NOPE00", "²", "x" * 300])
def test_a_wrong_code_is_not_found(board, facilitator, code):
    url = reverse("feedback:board_activities", args=[code]) + "?view=board"

    response = logged_in(facilitator).get(url)

    assert response.status_code == 404


def test_no_view_code_or_person_gets_a_server_error(
    board, other_board, facilitator, outsider
):
    opened_poll(board, facilitator)
    clients = [
        Client(raise_request_exception=False),
        Guest(board).client(),
        Guest(other_board, "Bert").client(),
        logged_in(outsider),
        logged_in(facilitator),
    ]
    codes = [board.join_code, "²", "9" * 25, "-1", "a%00b", "x" * 5000]
    views = ["board", "present", "facilitate", "²", "x" * 5000, "a%00b", "%00"]

    statuses = {
        client.get(f"/b/{code}/activities/?view={view}").status_code
        for client in clients
        for code in codes
        for view in views
    }

    # 429: the address has tried too many wrong codes (docs/security.md).
    assert statuses == {200, 403, 404, 429}


def test_the_section_only_answers_get(board, facilitator):
    response = logged_in(facilitator).post(section_url(board, "facilitate"))

    assert response.status_code == 405


def fill(board, facilitator, cards: int, polls: int) -> None:
    """Cards in every column and revealed, open and waiting activities."""
    author = Guest(board, "Author")
    column = board.columns.first().pk
    for n in range(cards):
        actions.post_card(author.access, column, f"Card {n}")
    for n in range(polls):
        poll, staff = opened_poll(board, facilitator, f"Question {n}")
        answered(board, poll, 2)
        if n % 2:
            activities.reveal_activity(staff, poll.pk)


@pytest.mark.parametrize(
    "view, queries", [("board", 6), ("present", 8), ("facilitate", 8)]
)
def test_query_count_is_the_same_at_one_and_at_many(
    project, organiser, facilitator, iteration, django_assert_num_queries, view, queries
):
    small, large = make_board(project, organiser), make_board(project, organiser)
    fill(small, facilitator, cards=1, polls=1)
    fill(large, facilitator, cards=60, polls=12)
    client = Guest(small).client() if view == "board" else logged_in(facilitator)
    large_client = Guest(large).client() if view == "board" else client

    with django_assert_num_queries(queries):
        one = client.get(section_url(small, view))
    with django_assert_num_queries(queries):
        many = large_client.get(section_url(large, view))

    assert (one.status_code, many.status_code) == (200, 200)
    assert "Question 11" in many.content.decode()
