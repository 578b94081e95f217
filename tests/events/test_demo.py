from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import Registration, Workshop

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_workshop_next_week_with_waitlist():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    workshop = Workshop.objects.get(title="Kick-off workshop")
    sessions = list(workshop.sessions.all())
    today = timezone.localdate()
    assert len(sessions) == 2
    assert all(
        0 < (timezone.localtime(s.starts_at).date() - today).days <= 14
        for s in sessions
    )
    assert all(s.facilitators.count() == 1 for s in sessions)
    statuses = sorted(workshop.registrations.values_list("role", "status"))
    assert statuses.count(("patient", "waitlisted")) == 1
    assert (
        workshop.registrations.filter(status=Registration.Status.CONFIRMED).count() == 5
    )
    assert len({role for role, _status in statuses}) == 4


def test_seed_demo_reuses_existing_kick_off_workshop():
    from codesign.demo import seed_core
    from events.demo import seed_events

    demo = seed_core()
    existing = Workshop.objects.create(
        project=demo["project"], title="Kick-off workshop"
    )

    workshop = seed_events(demo)

    assert workshop == existing
    assert Workshop.objects.count() == 1
    assert workshop.sessions.count() == 2
