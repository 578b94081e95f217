"""Demo workshop: two sessions next week, registrations across roles and a waiting list."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from codesign.models import StakeholderRole

from .models import Registration, Session, Workshop

WORKSHOP_TITLE = "Kick-off workshop"
PEOPLE = [
    (
        "Anna de Vries",
        "anna@example.org",
        StakeholderRole.PATIENT,
        "Step-free access, please.",
    ),
    ("Bram Jansen", "bram@example.org", StakeholderRole.FAMILY, ""),
    ("Carla Smit", "carla@example.org", StakeholderRole.CLINICIAN, ""),
    ("Daan Bakker", "daan@example.org", StakeholderRole.ENGINEER, ""),
    (
        "Eva Visser",
        "eva@example.org",
        StakeholderRole.PATIENT,
        "I need a break every hour.",
    ),
]
WAITING = ("Fatima El Amrani", "fatima@example.org", StakeholderRole.PATIENT, "")


def next_week_at(days: int, hour: int) -> datetime:
    """A time next week in the site time zone, from the Monday after today."""
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    naive = datetime.combine(monday + timedelta(days=days), time(hour))
    return timezone.make_aware(naive)


@transaction.atomic
def seed_events(demo: dict) -> Workshop:
    """Create (or complete) the demo workshop; safe to run again."""
    project, organiser = demo["project"], demo["organiser"]
    workshop, _created = Workshop.objects.get_or_create(
        project=project,
        title=WORKSHOP_TITLE,
        defaults={"created_by": organiser, "iteration": project.current_iteration()},
    )
    if not workshop.place and not workshop.online_link:
        workshop.description = (
            "We start together: what matters to you in the first weeks at home after "
            "a stay for heart failure?"
        )
        workshop.place = "University Medical Centre, Learning Centre, ground floor"
        workshop.online_link = "https://meet.example.org/kick-off"
        workshop.accessibility_info = (
            "Step-free entrance, hearing loop, a quiet room and a break every hour."
        )
        workshop.compensation_info = (
            "A gift voucher of 25 euros; travel costs are paid back."
        )
        workshop.capacity = 6
        workshop.role_quotas = {StakeholderRole.PATIENT: 2}
        workshop.save()
    for day, title in [(1, "Part 1: what matters"), (3, "Part 2: first sketches")]:
        if not workshop.sessions.filter(
            title=title, starts_at__gte=timezone.now()
        ).exists():
            session = Session.objects.create(
                workshop=workshop,
                title=title,
                starts_at=next_week_at(day, 14),
                ends_at=next_week_at(day, 16),
                room="Room 0.12",
            )
            session.facilitators.add(demo["facilitator"])
    for name, email, role, needs in [*PEOPLE, WAITING]:
        demo_registration(workshop, name, email, role, needs)
    return workshop


def demo_registration(workshop: Workshop, name: str, email: str, role: str, needs: str):
    """Register a demo person once, placed by the same rules as everyone else."""
    from .places import fits

    if workshop.registrations.filter(email=email).exists():
        return
    registration = Registration(
        workshop=workshop,
        name=name,
        email=email,
        role=role,
        access_needs=needs,
        consent_at=timezone.now(),
        placed_at=timezone.now(),
    )
    registration.status = (
        Registration.Status.CONFIRMED
        if fits(workshop, registration)
        else Registration.Status.WAITLISTED
    )
    registration.save()
