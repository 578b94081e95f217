"""Workshops, sessions and registrations for the events tests."""

from datetime import datetime

import pytest
from django.utils import timezone, translation

from codesign.models import StakeholderRole
from events.models import Registration, Session, Workshop


def amsterdam(*args) -> datetime:
    """An aware datetime in the site time zone."""
    return timezone.make_aware(datetime(*args))


def make_workshop(project, **fields) -> Workshop:
    defaults = {
        "title": "Living with the kit",
        "description": "What should the kit measure?",
        "place": "UMC, Learning Centre",
        "accessibility_info": "Step-free entrance",
        "capacity": 10,
    }
    return Workshop.objects.create(project=project, **{**defaults, **fields})


def make_session(
    workshop, start=(2030, 3, 5, 10, 0), end=(2030, 3, 5, 12, 0), **fields
):
    return Session.objects.create(
        workshop=workshop,
        starts_at=amsterdam(*start),
        ends_at=amsterdam(*end),
        **fields,
    )


def make_registration(workshop, n=1, status=Registration.Status.CONFIRMED, **fields):
    now = timezone.now()
    defaults = {
        "name": f"Person {n}",
        "email": f"person{n}@example.org",
        "role": StakeholderRole.PATIENT,
        "consent_at": now,
        "placed_at": now,
        "status": status,
    }
    return Registration.objects.create(workshop=workshop, **{**defaults, **fields})


@pytest.fixture
def workshop(project):
    workshop = make_workshop(project)
    make_session(workshop, room="Room 1")
    make_session(workshop, (2030, 3, 12, 10, 0), (2030, 3, 12, 12, 0), room="Room 2")
    return workshop


@pytest.fixture(autouse=True)
def site_url_of_the_test_client(settings):
    """Links made outside a request use the test client's address too."""
    settings.SITE_URL = "http://testserver"


@pytest.fixture(autouse=True)
def english():
    """Start each test in English: an earlier request may have switched the thread to Dutch."""
    with translation.override("en"):
        yield
