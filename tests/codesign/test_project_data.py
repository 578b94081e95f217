"""What a project holds (/projects/<id>/data/): counts, next erasures, periods, the
erasure record and applying retention now; organisers only (issue 14)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from codesign.models import Erasure, Project
from codesign.retention import Held, apply_project_retention, held_by
from events.models import Registration
from feedback import facilitation, life_cycle
from feedback.models import Board, SupportRequest
from tests.conftest import logged_in, make_board
from tests.events.conftest import make_registration, make_session, make_workshop
from tests.feedback.conftest import Guest, staff_access

ENDED = timezone.now() - timedelta(days=100)


@pytest.fixture
def held(project, organiser, iteration):
    """A workshop that ended 100 days ago with one registration, a board closed then
    with a named guest, and a support request resolved then."""
    workshop = make_workshop(project)
    make_session(workshop, start=(2020, 1, 1, 10, 0), end=(2020, 1, 1, 12, 0))
    workshop.sessions.update(starts_at=ENDED - timedelta(hours=2), ends_at=ENDED)
    make_registration(workshop, 1)
    board = make_board(project, organiser)
    guest = Guest(board, "Anna")
    facilitation.request_support(guest.access, "I feel unwell")
    staff = staff_access(board, organiser)
    facilitation.resolve_support(staff, SupportRequest.objects.get().pk)
    life_cycle.set_board_state(staff, Board.State.CLOSED)
    Board.objects.update(closed_at=ENDED)
    SupportRequest.objects.update(resolved_at=ENDED)
    return board


def url(project, name="codesign:project_data") -> str:
    return reverse(name, args=[project.pk])


def test_held_by_counts_each_kind_with_its_next_erasure(held, project):
    in_90_days = ENDED + timedelta(days=90)

    assert held_by(project) == [
        Held(
            "Registrations",
            1,
            "90 days after the workshop's last session; cancelled ones when the "
            "workshop ends",
            in_90_days,
        ),
        Held(
            "Walk-ins' names",
            0,
            "90 days after the workshop's last session, with the registrations",
            None,
        ),
        Held(
            "Participants with a name",
            1,
            "90 days after the board closes; the cards stay, anonymous",
            in_90_days,
        ),
        Held(
            "Support-request messages",
            1,
            "7 days after the request is resolved",
            ENDED + timedelta(days=7),
        ),
    ]


def test_the_organiser_sees_counts_periods_and_record(held, project, organiser):
    Erasure.objects.create(
        kind=Erasure.Kind.GUEST,
        project=project,
        subject=held.join_code,
        count=3,
        reason=Erasure.Reason.REQUEST,
    )

    response = logged_in(organiser).get(url(project))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Participants with a name" in page
    assert 'name="name_retention_days" value="90"' in page
    assert "Standard: 7 days." in page
    assert "A guest&#x27;s cards, votes and name on a board" in page
    assert "Anna" not in page
    assert "I feel unwell" not in page


def test_applying_retention_now_erases_what_is_due_and_records_who(
    held, project, organiser
):
    client = logged_in(organiser)

    response = client.post(url(project, "codesign:project_retention_apply"))

    assert response.status_code == 302
    assert Registration.objects.get().name == ""
    assert held.participants.get().display_name == ""
    assert SupportRequest.objects.get().message == ""
    assert list(Erasure.objects.values_list("kind", "reason", "by")) == [
        ("support", "retention", organiser.pk),
        ("names", "retention", organiser.pk),
        ("registration", "retention", organiser.pk),
    ]
    page = client.get(url(project)).content.decode()
    assert "Retention applied: 3 records erased." in page


@pytest.mark.parametrize(
    ("who", "status"), [("outsider", 404), ("team_member", 403), ("facilitator", 403)]
)
def test_others_cannot_see_or_apply(held, project, request, who, status):
    client = logged_in(request.getfixturevalue(who))

    seen = client.get(url(project))
    applied = client.post(url(project, "codesign:project_retention_apply"))

    assert (seen.status_code, applied.status_code) == (status, status)
    assert Registration.objects.get().name == "Person 1"
    assert Erasure.objects.count() == 0


def test_apply_project_retention_checks_rights_itself(held, project, team_member):
    with pytest.raises(PermissionDenied):
        apply_project_retention(team_member, project)

    assert Registration.objects.get().name == "Person 1"


def test_anonymous_visitor_is_sent_to_log_in(project, client):
    response = client.get(url(project))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_wrong_methods_are_refused(project, organiser):
    client = logged_in(organiser)

    assert client.post(url(project)).status_code == 405
    assert (
        client.get(url(project, "codesign:project_retention_apply")).status_code == 405
    )
    assert client.get(url(project, "codesign:project_retention")).status_code == 405


def test_the_organiser_sets_the_periods(project, organiser):
    periods = {
        "registration_retention_days": "30",
        "name_retention_days": "14",
        "support_retention_days": "1",
    }

    response = logged_in(organiser).post(
        url(project, "codesign:project_retention"), periods
    )

    assert response.status_code == 302
    project = Project.objects.get()
    assert (
        project.registration_retention_days,
        project.name_retention_days,
        project.support_retention_days,
    ) == (30, 14, 1)


def test_a_period_out_of_range_is_refused(project, organiser):
    periods = {
        "registration_retention_days": "-1",
        "name_retention_days": "14",
        "support_retention_days": "1",
    }

    response = logged_in(organiser).post(
        url(project, "codesign:project_retention"), periods
    )

    assert response.status_code == 400
    assert (
        "Ensure this value is greater than or equal to 0." in response.content.decode()
    )
    assert Project.objects.get().registration_retention_days == 90


def test_a_team_member_cannot_set_the_periods(project, team_member):
    periods = {
        "registration_retention_days": "1",
        "name_retention_days": "1",
        "support_retention_days": "1",
    }

    response = logged_in(team_member).post(
        url(project, "codesign:project_retention"), periods
    )

    assert response.status_code == 403
    assert Project.objects.get().registration_retention_days == 90
