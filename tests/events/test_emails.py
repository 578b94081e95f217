from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events import registering
from events.models import Reminder

from .conftest import make_registration, make_workshop

pytestmark = pytest.mark.django_db(transaction=True)


def html_of(message) -> str:
    return message.alternatives[0][0]


def test_placed_email_has_text_html_calendar_and_cancel_link(project, mailoutbox):
    workshop = make_workshop(
        project, compensation_info="Voucher of 25 euros", organiser_notices="none"
    )
    workshop.sessions.create(
        starts_at=timezone.now() + timedelta(days=9),
        ends_at=timezone.now() + timedelta(days=9, hours=2),
    )
    invitation = workshop.invitations.create(email="anna@example.org")

    registration = registering.register(
        AnonymousUser(),
        workshop,
        {"name": "Anna", "role": "patient", "email": "x"},
        invitation=invitation,
    )

    [message] = mailoutbox
    assert message.to == ["anna@example.org"]
    assert registration.cancel_url() in message.body
    assert registration.cancel_url() in html_of(message)
    assert "Voucher of 25 euros" in message.body
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("workshop.ics", "text/calendar; charset=utf-8")
    assert len(Calendar.from_ical(content).walk("VEVENT")) == 1


def test_email_is_in_the_recipients_language(client, project, mailoutbox):
    workshop = make_workshop(project, title="Aftrap")
    client.post(
        reverse("events:public_workshop", args=[workshop.public_token]),
        {
            "name": "Anna",
            "email": "anna@example.org",
            "role": "patient",
            "consent": "on",
        },
        headers={"accept-language": "nl"},
    )

    [message] = mailoutbox
    assert message.subject == "[Codesign] Bevestig je inschrijving voor Aftrap"
    assert "Hallo Anna," in message.body
    assert "Hallo Anna," in html_of(message)


def test_waitlist_email_gives_position(project, mailoutbox):
    workshop = make_workshop(project, capacity=0)
    invitation = workshop.invitations.create(email="anna@example.org")

    registering.register(
        AnonymousUser(),
        workshop,
        {"name": "Anna", "role": "patient"},
        invitation=invitation,
    )

    assert (
        mailoutbox[0].subject
        == "[Codesign] You are on the waiting list for Living with the kit"
    )
    assert "You are number 1 on the waiting list." in mailoutbox[0].body


def test_session_change_and_cancellation_notices(
    client, organiser, workshop, mailoutbox
):
    make_registration(workshop, 1)
    make_registration(workshop, 2, status="waitlisted")
    make_registration(workshop, 3, status="cancelled")
    session = workshop.sessions.first()
    client.force_login(organiser)

    client.post(
        reverse("events:session_edit", args=[session.workshop.project_id, session.pk]),
        {
            "starts_at": "2030-03-05T14:00",
            "ends_at": "2030-03-05T16:00",
            "room": "Room 9",
        },
    )
    client.post(
        reverse("events:session_cancel", args=[session.workshop.project_id, session.pk])
    )

    subjects = sorted((m.to[0], m.subject) for m in mailoutbox)
    assert subjects == [
        (
            "person1@example.org",
            "[Codesign] A session of Living with the kit is cancelled",
        ),
        ("person1@example.org", "[Codesign] Changed: Living with the kit"),
        (
            "person2@example.org",
            "[Codesign] A session of Living with the kit is cancelled",
        ),
        ("person2@example.org", "[Codesign] Changed: Living with the kit"),
    ]
    assert all(m.attachments for m in mailoutbox)


def test_reminders_are_sent_once_a_day_ahead(project, mailoutbox):
    now = timezone.now()
    soon = make_workshop(project, title="Soon")
    soon.sessions.create(
        starts_at=now + timedelta(hours=20), ends_at=now + timedelta(hours=22)
    )
    later = make_workshop(project, title="Later")
    later.sessions.create(
        starts_at=now + timedelta(hours=30), ends_at=now + timedelta(hours=32)
    )
    make_registration(soon, 1, language="nl")
    make_registration(soon, 2, status="waitlisted")
    make_registration(later, 3)

    call_command("send_reminders")
    call_command("send_reminders")

    assert [(m.to[0], m.subject) for m in mailoutbox] == [
        ("person1@example.org", "[Codesign] Herinnering: Soon begint binnenkort")
    ]
    assert Reminder.objects.count() == 1


def test_no_reminders_for_cancelled_sessions(project, mailoutbox):
    now = timezone.now()
    workshop = make_workshop(project)
    workshop.sessions.create(
        starts_at=now + timedelta(hours=2),
        ends_at=now + timedelta(hours=3),
        status="cancelled",
    )
    make_registration(workshop, 1)

    call_command("send_reminders")

    assert mailoutbox == []
