"""Walk-ins' names are personal data: kept as long as registrations, counted, erased."""

from datetime import timedelta

import pytest
from django.utils import timezone

from codesign.models import Erasure
from codesign.retention import Held, held_by, project_retention
from events import attendance
from events.models import Attendance, Registration

from .conftest import make_registration, make_session, make_workshop

ENDED = timezone.now() - timedelta(days=30)


@pytest.fixture
def walk_in(project, organiser):
    """A walk-in at a workshop whose last session ended 30 days ago."""
    workshop = make_workshop(project)
    session = make_session(workshop)
    workshop.sessions.update(starts_at=ENDED - timedelta(hours=2), ends_at=ENDED)
    make_registration(workshop, 1)
    return attendance.add_walk_in(organiser, session, {"name": "Kees", "role": "other"})


def walk_ins_held(project) -> Held:
    return next(item for item in held_by(project) if item.label == "Walk-ins' names")


def test_the_data_page_counts_walk_in_names(walk_in, project):
    assert walk_ins_held(project) == Held(
        "Walk-ins' names",
        1,
        "90 days after the workshop's last session, with the registrations",
        ENDED + timedelta(days=90),
    )


def test_walk_in_names_stay_while_registrations_stay(walk_in, project):
    counts = project_retention(project, now=ENDED + timedelta(days=89))

    assert counts["walk_ins"] == 0
    assert Attendance.objects.get().walk_in_name == "Kees"


def test_retention_erases_walk_in_names_with_the_registrations(walk_in, project):
    counts = project_retention(project, now=ENDED + timedelta(days=91))

    assert (counts["walk_ins"], counts["registrations"]) == (1, 1)
    erased = Attendance.objects.get()
    assert (erased.walk_in_name, erased.role) == ("", "other")
    assert Registration.objects.get().name == ""
    assert walk_ins_held(project).count == 0
    assert list(
        Erasure.objects.filter(subject="walk-ins").values_list("count", "reason")
    ) == [(1, "retention")]


def test_a_dry_run_erases_no_walk_in_name(walk_in, project):
    counts = project_retention(project, now=ENDED + timedelta(days=91), dry_run=True)

    assert counts["walk_ins"] == 1
    assert Attendance.objects.get().walk_in_name == "Kees"
