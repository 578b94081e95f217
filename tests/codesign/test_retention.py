"""apply_retention: each project's periods, applied exactly on time, once (issue 14)."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from codesign.models import Erasure
from events.models import Registration
from feedback import actions, facilitation, life_cycle
from feedback.models import Board, BoardEvent, Card, SupportRequest
from tests.conftest import make_board
from tests.events.conftest import (
    amsterdam,
    make_registration,
    make_session,
    make_workshop,
)
from tests.feedback.conftest import Guest, staff_access

# The workshop's last session and the board both end on 5 March 2030 at noon.
ENDED = amsterdam(2030, 3, 5, 12, 0)


@pytest.fixture
def held(project, organiser, iteration):
    """A workshop with a confirmed and a cancelled registration, and a closed board
    with a named guest's card and a resolved support request."""
    workshop = make_workshop(project)
    make_session(workshop, (2030, 3, 5, 10, 0), (2030, 3, 5, 12, 0))
    make_registration(workshop, 1, access_needs="Wheelchair")
    make_registration(workshop, 2, status=Registration.Status.CANCELLED)
    board = make_board(project, organiser)
    guest = Guest(board, "Anna")
    actions.post_card(guest.access, board.columns.first().pk, "The cuff hurts")
    facilitation.request_support(guest.access, "I need a break")
    support = SupportRequest.objects.get()
    staff = staff_access(board, organiser)
    facilitation.resolve_support(staff, support.pk)
    life_cycle.set_board_state(staff, Board.State.CLOSED)
    Board.objects.filter(pk=board.pk).update(closed_at=ENDED)
    SupportRequest.objects.filter(pk=support.pk).update(resolved_at=ENDED)
    return board


def run(*args) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def line(project, verb="Erased", **counts) -> str:
    listed = ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items()))
    return f"{verb} in project {project.pk} “{project}”: {listed}\n"


def counts(cancelled=0, names=0, registrations=0, support=0, walk_ins=0) -> dict:
    return {
        "cancelled_registrations": cancelled,
        "names": names,
        "registrations": registrations,
        "support_messages": support,
        "walk_ins": walk_ins,
    }


def names_and_emails() -> list[tuple[str, str]]:
    return list(Registration.objects.order_by("pk").values_list("name", "email"))


def test_before_the_workshop_ends_nothing_is_erased(held):
    output = run("--today", "2030-03-05")

    assert output == "Erased nothing.\n"
    assert names_and_emails() == [
        ("Person 1", "person1@example.org"),
        ("Person 2", "person2@example.org"),
    ]
    assert Erasure.objects.count() == 0


def test_a_cancelled_registration_goes_when_the_workshop_ends(held, project):
    output = run("--today", "2030-03-06")

    assert output == line(project, **counts(cancelled=1))
    second = Registration.objects.order_by("pk")[1]
    assert names_and_emails()[1] == ("", f"erased-{second.pk}@erased.invalid")


@pytest.mark.parametrize(("today", "erased"), [("2030-03-12", 0), ("2030-03-13", 1)])
def test_support_messages_go_seven_days_after_resolution(held, today, erased):
    run("--today", today)

    assert SupportRequest.objects.filter(message="").count() == erased


def test_at_day_n_minus_1_names_and_registrations_stay(held, project):
    output = run("--today", "2030-06-02")

    assert output == line(project, **counts(cancelled=1, support=1))
    assert names_and_emails()[0] == ("Person 1", "person1@example.org")
    assert held.participants.get().display_name == "Anna"


def test_at_day_n_plus_1_exactly_what_is_due_is_erased(held, project):
    output = run("--today", "2030-06-04")

    assert output == line(project, **counts(1, 1, 1, 1))
    first = Registration.objects.order_by("pk")[0]
    assert (first.name, first.access_needs, first.status) == ("", "", "confirmed")
    participant = held.participants.get()
    assert (participant.display_name, participant.role) == ("", "patient")
    assert Card.objects.get().text == "The cuff hurts"
    assert SupportRequest.objects.get().message == ""
    stored = json.dumps(list(BoardEvent.objects.values("data", "audience")))
    assert "Anna" not in stored
    assert "I need a break" not in stored


def test_every_retention_erasure_is_recorded_without_content(held, project):
    run("--today", "2030-06-04")

    workshop = Registration.objects.first().workshop
    assert list(
        Erasure.objects.order_by("pk").values_list(
            "kind", "project", "subject", "count", "reason", "by"
        )
    ) == [
        ("registration", project.pk, f"workshop {workshop.pk}", 1, "retention", None),
        ("registration", project.pk, f"workshop {workshop.pk}", 1, "retention", None),
        ("names", project.pk, held.join_code, 1, "retention", None),
        ("support", project.pk, held.join_code, 1, "retention", None),
    ]


def test_a_second_run_erases_nothing(held, project):
    run("--today", "2030-06-04")

    output = run("--today", "2030-06-04")

    assert output == "Erased nothing.\n"
    assert Erasure.objects.count() == 4


def test_dry_run_erases_nothing_and_prints_the_same_counts(held, project):
    dry = run("--dry-run", "--today", "2030-06-04")

    assert dry == line(project, "Would erase", **counts(1, 1, 1, 1))
    assert names_and_emails()[0] == ("Person 1", "person1@example.org")
    assert held.participants.get().display_name == "Anna"
    assert SupportRequest.objects.get().message == "I need a break"
    assert Erasure.objects.count() == 0
    assert run("--today", "2030-06-04") == line(project, **counts(1, 1, 1, 1))


def test_the_projects_own_periods_apply(held, project):
    project.name_retention_days = 10
    project.save()

    output = run("--today", "2030-03-16")

    assert output == line(project, **counts(cancelled=1, names=1, support=1))


def test_a_board_that_is_not_closed_keeps_its_names(held, project, organiser):
    life_cycle.set_board_state(staff_access(held, organiser), Board.State.OPEN)

    run("--today", "2031-01-01")

    assert held.participants.get().display_name == "Anna"
    assert Board.objects.get().closed_at is None


def test_closing_a_board_records_when(project, organiser, iteration):
    board = make_board(project, organiser)
    before = timezone.now()

    life_cycle.set_board_state(staff_access(board, organiser), Board.State.CLOSED)

    board.refresh_from_db()
    assert before <= board.closed_at <= timezone.now()


def test_an_erased_registrations_link_says_so(held, client):
    run("--today", "2030-03-06")
    cancelled = Registration.objects.get(status=Registration.Status.CANCELLED)

    response = client.get(reverse("events:registration", args=[cancelled.manage_token]))

    page = response.content.decode()
    assert "The personal data of this registration are erased." in page
    assert "Person 2" not in page
