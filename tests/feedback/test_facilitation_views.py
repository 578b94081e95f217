"""The control panel, the command form, results by role and the board exports."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from codesign.models import StakeholderRole
from feedback import actions, facilitation
from feedback.models import Board, Card, ModerationAction
from tests.conftest import logged_in

from .conftest import Guest, staff_access, vote_by_roles

pytestmark = pytest.mark.django_db


# The command form (no JavaScript) -------------------------------------------------


def test_facilitator_runs_commands_through_the_plain_form(board, facilitator, column):
    client = logged_in(facilitator)
    url = f"/b/{board.join_code}/do/"

    client.post(url, {"type": "timer.start", "minutes": "5"})
    client.post(url, {"type": "theme.create", "name": "Night-time"})
    response = client.post(
        url, {"type": "board.set_mode", "silent": "1", "next": "/elsewhere/"}
    )

    board.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == "/elsewhere/"
    assert board.timer_ends_at is not None and board.silent
    assert list(board.themes.values_list("name", flat=True)) == ["Night-time"]


def test_command_form_refuses_a_guest_with_403(board, guest):
    response = guest.client().post(
        f"/b/{board.join_code}/do/", {"type": "board.reveal"}
    )

    assert response.status_code == 403


def test_command_form_reports_bad_input_and_refuses_get(board, facilitator):
    client = logged_in(facilitator)
    url = f"/b/{board.join_code}/do/"

    bad = client.post(url, {"type": "timer.start", "minutes": "many"}, follow=True)
    unknown = client.post(url, {"type": "nonsense"}, follow=True)

    assert (
        "The number of minutes must be a whole number from 1 to 180."
        in bad.content.decode()
    )
    assert "Unknown message type." in unknown.content.decode()
    assert client.get(url).status_code == 405


def test_command_form_ignores_an_outside_next_url(board, facilitator):
    response = logged_in(facilitator).post(
        f"/b/{board.join_code}/do/",
        {"type": "timer.stop", "next": "https://evil.example/"},
    )

    assert response["Location"] == f"/b/{board.join_code}/"


def test_guest_asks_for_support_through_the_form(board, guest):
    guest.client().post(
        f"/b/{board.join_code}/do/",
        {"type": "support.request", "message": "Too loud here"},
    )

    assert list(board.support_requests.values_list("message", flat=True)) == [
        "Too loud here"
    ]


# Control panel and presenter ------------------------------------------------------


def test_control_panel_for_facilitators_only(board, facilitator, team_member, guest):
    assert (
        logged_in(facilitator).get(f"/b/{board.join_code}/facilitate/").status_code
        == 200
    )
    assert (
        logged_in(team_member).get(f"/b/{board.join_code}/facilitate/").status_code
        == 403
    )
    assert guest.client().get(f"/b/{board.join_code}/facilitate/").status_code == 302
    assert (
        logged_in(facilitator).post(f"/b/{board.join_code}/facilitate/").status_code
        == 405
    )


def test_control_panel_lists_support_and_moderation_with_constant_queries(
    board, facilitator, guest, column
):
    client = logged_in(facilitator)
    access = staff_access(board, facilitator)
    card = actions.post_card(guest.access, column.pk, "Rude").result["card"]
    facilitation.hide_card(access, card, "Not kind")
    facilitation.request_support(guest.access, "Need a break")
    with CaptureQueriesContext(connection) as one:
        response = client.get(f"/b/{board.join_code}/facilitate/")
    Card.objects.bulk_create(
        Card(board=board, column=column, participant=guest.participant, text=f"C{n}")
        for n in range(300)
    )
    for n in range(5):
        facilitation.request_support(guest.access, f"again {n}")
        facilitation.create_theme(access, f"Theme {n}")

    with CaptureQueriesContext(connection) as many:
        client.get(f"/b/{board.join_code}/facilitate/")

    html = response.content.decode()
    assert "Need a break" in html and "Not kind" in html
    assert len(many.captured_queries) == len(one.captured_queries)


def test_moderation_is_recorded_with_who_and_when(board, facilitator, guest, column):
    card = actions.post_card(guest.access, column.pk, "Spam").result["card"]
    access = staff_access(board, facilitator)

    facilitation.hide_card(access, card, "Advertising")
    facilitation.unhide_card(access, card)

    record = list(
        ModerationAction.objects.order_by("at", "id").values_list(
            "kind", "reason", "by__email", "card_text"
        )
    )
    assert record == [
        ("hide", "Advertising", facilitator.email, "Spam"),
        ("unhide", "", facilitator.email, "Spam"),
    ]


def test_board_page_by_theme_and_you_said_link(board, guest, facilitator, column):
    theme = facilitation.create_theme(staff_access(board, facilitator), "Sleep").result[
        "theme"
    ]
    card = actions.post_card(guest.access, column.pk, "Cannot sleep").result["card"]
    facilitation.assign_theme(staff_access(board, facilitator), card, theme)

    html = guest.client().get(f"/b/{board.join_code}/?view=theme").content.decode()

    section = html.split(f'data-theme-list="{theme}"')[1].split("</ul>")[0]
    assert "Cannot sleep" in section
    assert f"/projects/{board.project_id}/you-said/" in html


def test_hidden_card_is_left_out_of_others_pages_but_shown_to_its_author(
    board, guest, second_guest, facilitator, column
):
    card = actions.post_card(guest.access, column.pk, "Shouting").result["card"]
    facilitation.hide_card(staff_access(board, facilitator), card, "Be kind")

    mine = guest.client().get(f"/b/{board.join_code}/").content.decode()
    theirs = second_guest.client().get(f"/b/{board.join_code}/").content.decode()

    assert "Shouting" in mine and "Hidden by the facilitator: Be kind" in mine
    assert "Shouting" not in theirs


def test_sealed_cards_show_only_a_placeholder_to_others(
    board, guest, second_guest, facilitator, column
):
    facilitation.set_mode(staff_access(board, facilitator), True, False)
    actions.post_card(guest.access, column.pk, "My secret idea")

    theirs = second_guest.client().get(f"/b/{board.join_code}/").content.decode()
    controls = logged_in(facilitator).get(f"/b/{board.join_code}/facilitate/")

    assert "My secret idea" not in theirs
    assert "hidden until the facilitator reveals all cards" in theirs
    assert "My secret idea" in controls.content.decode()


# Results and exports --------------------------------------------------------------


def test_results_per_role_are_exact_for_the_team(board, team_member, column):
    vote_by_roles(board, column, {"patient": 3, "clinician": 6})

    html = logged_in(team_member).get(f"/b/{board.join_code}/results/").content.decode()

    assert (
        '<tr data-role="patient"><th scope="row">Patient</th><td class="result-count">3</td>'
        in html
    )
    assert (
        '<tr data-role="clinician"><th scope="row">Clinician</th><td class="result-count">6</td>'
        in html
    )


def test_results_show_small_counts_as_fewer_than_5_to_participants(
    board, guest, column
):
    vote_by_roles(board, column, {"patient": 3, "clinician": 6})

    html = guest.client().get(f"/b/{board.join_code}/results/").content.decode()

    assert '<td class="result-count">fewer than 5</td>' in html
    assert '<td class="result-count">6</td>' in html
    assert '<td class="result-count">3</td>' not in html


def test_results_wait_for_the_reveal_for_participants(board, guest, facilitator):
    facilitation.set_mode(staff_access(board, facilitator), True, False)

    response = guest.client().get(f"/b/{board.join_code}/results/")

    assert response.status_code == 403


def test_results_refuse_outsiders_and_post(board, outsider, team_member):
    assert logged_in(outsider).get(f"/b/{board.join_code}/results/").status_code == 403
    assert (
        logged_in(team_member).post(f"/b/{board.join_code}/results/").status_code == 405
    )


def test_json_export_parses_holds_exactly_the_cards_and_no_names(
    board, facilitator, column
):
    card = vote_by_roles(board, column, {"patient": 2, "family": 1})
    other = Guest(board, "Zoë", StakeholderRole.ENGINEER)
    actions.post_card(other.access, column.pk, "Sensor, 'quoted' and \"double\"")

    response = logged_in(facilitator).get(f"/b/{board.join_code}/export.json")

    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment;")
    assert sorted(c["id"] for c in data["cards"]) == sorted(
        Card.objects.filter(board=board).values_list("pk", flat=True)
    )
    first = next(c for c in data["cards"] if c["id"] == card)
    assert first["votes_by_role"]["patient"] == 2 and first["votes"] == 3
    assert "author_name" not in first
    assert (
        "Zoë" not in response.content.decode()
        and "Author" not in response.content.decode()
    )


def test_csv_export_parses_and_names_only_when_an_organiser_asks(
    board, organiser, facilitator, column
):
    vote_by_roles(board, column, {"clinician": 1})

    plain = logged_in(facilitator).get(f"/b/{board.join_code}/export.csv")
    named = logged_in(organiser).get(f"/b/{board.join_code}/export.csv?names=1")
    refused = logged_in(facilitator).get(f"/b/{board.join_code}/export.csv?names=1")

    rows = list(csv.DictReader(io.StringIO(plain.content.decode())))
    assert [(r["text"], r["votes"], r["votes_clinician"]) for r in rows] == [
        ("Home visits", "1", "1")
    ]
    assert "author_name" not in rows[0]
    named_rows = list(csv.DictReader(io.StringIO(named.content.decode())))
    assert named_rows[0]["author_name"] == "Author"
    assert refused.status_code == 403


def test_export_is_for_facilitators_only(board, team_member, guest):
    assert (
        logged_in(team_member).get(f"/b/{board.join_code}/export.csv").status_code
        == 403
    )
    assert guest.client().get(f"/b/{board.join_code}/export.json").status_code == 302
    assert Board.objects.count() == 1


def test_board_page_tells_a_guest_their_card_was_cited_until_seen(
    board, guest, column, team_member, iteration
):
    from codesign.log import actions as log_actions
    from codesign.log.publish import publish_update

    card = actions.post_card(guest.access, column.pk, "Night line").result["card"]
    client = guest.client()
    before = client.get(f"/b/{board.join_code}/").content.decode()
    log_actions.record_entry(
        team_member, iteration, kind="decision", title="Line", cards=[card], themes=()
    )
    publish_update(team_member, iteration.project)

    cited = client.get(f"/b/{board.join_code}/").content.decode()
    client.get(f"/projects/{board.project_id}/you-said/")
    seen = client.get(f"/b/{board.join_code}/").content.decode()

    notice = "The team published what became of your cards."
    assert (notice in before, notice in cited, notice in seen) == (False, True, False)


def test_presenter_view_by_theme(board, facilitator, guest, column):
    access = staff_access(board, facilitator)
    theme = facilitation.create_theme(access, "Money").result["theme"]
    card = actions.post_card(guest.access, column.pk, "Parking costs").result["card"]
    facilitation.assign_theme(access, card, theme)

    html = logged_in(facilitator).get(f"/b/{board.join_code}/present/?view=theme")

    section = html.content.decode().split(f'data-theme-list="{theme}"')[1]
    assert "Parking costs" in section.split("</ul>")[0]


def test_csv_export_defuses_text_that_looks_like_a_formula(
    board, facilitator, column, guest
):
    actions.post_card(guest.access, column.pk, '=HYPERLINK("http://x")')

    response = logged_in(facilitator).get(f"/b/{board.join_code}/export.csv")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["text"] for row in rows] == ['\'=HYPERLINK("http://x")']
