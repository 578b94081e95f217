"""Titles reach mail headers and calendars only as clean single lines (issue 13)."""

from datetime import datetime, timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events import emails, ical, reminders
from events.models import Reminder, Session, Workshop
from tests.conftest import free_port

from .conftest import make_registration, make_session, make_workshop
from .test_workshop_views import WORKSHOP_DATA

pytestmark = pytest.mark.django_db

ONE_LINE = "This text must fit on one line."
INVALID = (
    "The text holds characters that cannot be shown, such as control characters "
    "or a broken symbol. Please type it again."
)
# The first session of ``make_session`` starts on 5 March 2030 at 10:00.
DAY_BEFORE = timezone.make_aware(datetime(2030, 3, 4, 12, 0))


def post_workshop(client, project, **changes):
    url = reverse("events:workshop_create", args=[project.pk])
    return client.post(url, {**WORKSHOP_DATA, **changes})


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("title", "Kick-off\r\nBcc: everyone@example.org", ONE_LINE),
        ("title", "Kick-off\rX-WR-CALNAME:Evil", ONE_LINE),
        ("place", "UMC\nRoom 2", ONE_LINE),
        ("title", "Kick\x00off", INVALID),
        ("title", "Kick\x1boff", INVALID),
    ],
)
def test_workshop_form_refuses_line_breaks_and_controls(
    client, organiser, project, field, value, message
):
    client.force_login(organiser)

    response = post_workshop(client, project, **{field: value})

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not Workshop.objects.exists()


def test_workshop_description_keeps_its_line_breaks(client, organiser, project):
    client.force_login(organiser)

    post_workshop(client, project, description="Line one\r\nLine two")

    assert Workshop.objects.get().description == "Line one\nLine two"


def session_post(client, workshop, **changes):
    data = {
        "title": "Day 1",
        "starts_at": "2030-03-05T10:00",
        "ends_at": "2030-03-05T12:00",
        "room": "Room 1",
    }
    url = reverse("events:session_create", args=[workshop.project_id, workshop.pk])
    return client.post(url, {**data, **changes})


def test_session_form_refuses_a_line_break_in_title_and_room(
    client, organiser, project
):
    workshop = make_workshop(project)
    client.force_login(organiser)

    response = session_post(client, workshop, title="Day\r1", room="Room\n1")

    errors = response.context["form"].errors
    assert (errors["title"], errors["room"]) == ([ONE_LINE], [ONE_LINE])
    assert not Session.objects.exists()


@pytest.mark.parametrize("year", ["0001", "1999", "2101", "9999"])
def test_session_form_refuses_dates_outside_the_sane_window(
    client, organiser, project, year
):
    workshop = make_workshop(project)
    client.force_login(organiser)

    response = session_post(
        client, workshop, starts_at=f"{year}-01-01T10:00", ends_at="2030-01-01T12:00"
    )

    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"] == [
        "Choose a date between the years 2000 and 2100."
    ]
    assert not Session.objects.exists()


@pytest.fixture
def dirty_workshop(project):
    """Text saved before the form rule (or through the admin): CR, LF and escapes.

    NUL itself cannot be stored on PostgreSQL; the form refuses it (tested above).
    """
    workshop = make_workshop(project, title="Kick-off\r\nBcc: x@example.org\x1b")
    make_session(workshop, title="Day\r1", room="Room\n2")
    return workshop


def test_mail_subject_is_one_clean_line(dirty_workshop, mailoutbox):
    registration = make_registration(dirty_workshop)

    emails.send_placed(registration)

    assert [m.subject for m in mailoutbox] == [
        "[Codesign] You are registered for Kick-off Bcc: x@example.org"
    ]
    assert mailoutbox[0].extra_headers == {}


def test_calendar_properties_hold_no_bare_carriage_return(dirty_workshop):
    sessions = list(dirty_workshop.sessions.all())

    body = ical.build_calendar(sessions, dirty_workshop.title)

    assert b"\r" not in body.replace(b"\r\n", b"")
    calendar = Calendar.from_ical(body)
    event = calendar.walk("VEVENT")[0]
    assert str(calendar["X-WR-CALNAME"]) == "Kick-off Bcc: x@example.org"
    assert str(event["SUMMARY"]) == "Kick-off Bcc: x@example.org : Day 1"
    assert str(event["LOCATION"]) == "Room 2, UMC, Learning Centre"


def test_reminders_go_out_for_a_dirty_title_and_the_others(
    dirty_workshop, project, mailoutbox
):
    clean = make_workshop(project, title="Clean")
    make_session(clean)
    make_registration(dirty_workshop, 1)
    make_registration(clean, 2)

    sent = reminders.send_due_reminders(DAY_BEFORE)

    assert sent == 2
    assert sorted(m.subject for m in mailoutbox) == [
        "[Codesign] Reminder: Clean starts soon",
        "[Codesign] Reminder: Kick-off Bcc: x@example.org : Day 1 starts soon",
    ]
    assert Reminder.objects.count() == 2


def smtp_down():
    """Send through SMTP to a port where nothing listens."""
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=free_port(),
        EMAIL_TIMEOUT=2,
    )


def test_failed_reminders_are_logged_unrecorded_and_do_not_stop_the_run(
    workshop, caplog
):
    make_registration(workshop, 1)
    make_registration(workshop, 2)

    with smtp_down():
        sent = reminders.send_due_reminders(DAY_BEFORE)

    assert sent == 0
    assert Reminder.objects.count() == 0
    failures = [r for r in caplog.records if r.name == "codesign.mail"]
    assert len(failures) == 2


def test_a_failed_reminder_is_sent_on_the_next_run(workshop, mailoutbox):
    make_registration(workshop, 1)
    with smtp_down():
        reminders.send_due_reminders(DAY_BEFORE)

    sent = reminders.send_due_reminders(DAY_BEFORE + timedelta(hours=1))

    assert sent == 1
    assert [m.to for m in mailoutbox] == [["person1@example.org"]]
    assert Reminder.objects.count() == 1
