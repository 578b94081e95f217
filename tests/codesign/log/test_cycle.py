"""The project page's timeline with sessions, participants, cards, decisions and changes."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from codesign.log import actions as log_actions
from codesign.models import Iteration, StakeholderRole
from events.models import Session, Workshop
from tests.codesign.log.factories import make_board, make_card


def decide(actor, iteration, cards=()):
    return log_actions.record_entry(
        actor, iteration, kind="decision", title="Night line", cards=cards
    )


def add_iteration_with_activity(project, organiser, team_member, number):
    iteration = Iteration.objects.create(
        project=project, number=number, stage="bedside", status="closed"
    )
    workshop = Workshop.objects.create(
        project=project, title=f"W{number}", iteration=iteration
    )
    start = timezone.now()
    Session.objects.create(
        workshop=workshop, starts_at=start, ends_at=start + timedelta(hours=1)
    )
    board = make_board(project, organiser, iteration)
    card = make_card(board, f"Card {number}", StakeholderRole.FAMILY)
    decide(team_member, iteration, cards=[card.pk])
    return iteration


def test_project_page_query_count_is_constant_with_log_activity(
    client, django_assert_num_queries, project, organiser, team_member
):
    client.force_login(organiser)
    add_iteration_with_activity(project, organiser, team_member, 1)
    client.get(project.get_absolute_url())
    with CaptureQueriesContext(connection) as one:
        client.get(project.get_absolute_url())
    for number in range(2, 7):
        add_iteration_with_activity(project, organiser, team_member, number)

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(project.get_absolute_url())
    assert [i.decision_count for i in response.context["iterations"]] == [1] * 6


def test_project_page_shows_counts_per_iteration(
    client, project, organiser, team_member, iteration
):
    board = make_board(project, organiser, iteration)
    workshop = Workshop.objects.create(
        project=project, title="Kick-off", iteration=iteration
    )
    start = timezone.now()
    Session.objects.create(
        workshop=workshop, starts_at=start, ends_at=start + timedelta(hours=1)
    )
    make_card(board, "One", StakeholderRole.PATIENT)
    make_card(board, "Two", StakeholderRole.CLINICIAN)
    decide(team_member, iteration, cards=[board.cards.first().pk])
    log_actions.record_entry(team_member, iteration, kind="change", title="Changed")
    client.force_login(organiser)

    html = client.get(project.get_absolute_url()).content.decode()

    assert "1 session" in html
    assert "2 cards" in html
    assert "1 decision" in html
    assert "1 change" in html
    assert "Patient 1, Clinician 1" in html
