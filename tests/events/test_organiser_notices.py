"""Organisers hear of registrations as they chose: a mail each, a daily digest, or none."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format

from codesign.retention import start_of
from events import actions, registering
from events.models import Digest, OrganiserNotice
from events.organisers import send_digests

from .conftest import amsterdam as at
from .conftest import make_registration, make_session, make_workshop

pytestmark = pytest.mark.django_db(transaction=True)
NEWS = "[Codesign] News about registrations for Living with the kit"


def register_invited(workshop, email="anna@example.org", name="Anna"):
    invitation = workshop.invitations.create(email=email)
    return registering.register(
        AnonymousUser(), workshop, {"name": name, "role": "patient"}, invitation
    )


def to_organiser(mailoutbox):
    return [m for m in mailoutbox if m.to == ["olivia@example.org"]]


def test_a_mail_each_tells_organisers_of_a_registration(project, mailoutbox):
    workshop = make_workshop(project)

    register_invited(workshop)

    [message] = to_organiser(mailoutbox)
    assert message.subject == NEWS
    assert "- Anna (Patient) registered and has a place.\n" in message.body
    assert (
        "<li>Anna (Patient) registered and has a place.</li>"
        in (message.alternatives[0][0])
    )
    assert OrganiserNotice.objects.count() == 0


def test_a_cancellation_and_the_promotion_it_causes_are_each_told(project, mailoutbox):
    workshop = make_workshop(project, capacity=1)
    leaving = make_registration(workshop, 1, name="Lena")
    make_registration(workshop, 2, name="Wim", status="waitlisted")

    registering.cancel_registration(leaving.manage_token)

    bodies = [m.body.split("\n\n")[1] for m in to_organiser(mailoutbox)]
    assert bodies == [
        "- Lena (Patient) cancelled.",
        "- Wim (Patient) moved up from the waiting list.",
    ]


def test_none_sends_organisers_nothing(project, mailoutbox):
    workshop = make_workshop(project, organiser_notices="none")

    register_invited(workshop)

    assert [m.to for m in mailoutbox] == [["anna@example.org"]]
    assert OrganiserNotice.objects.count() == 0


def test_digest_lists_the_days_events_once(project, mailoutbox):
    workshop = make_workshop(project, organiser_notices="digest", capacity=1)
    register_invited(workshop, "anna@example.org", "Anna")
    register_invited(workshop, "wim@example.org", "Wim")
    yesterday = timezone.localdate() - timedelta(days=1)
    for hour, notice in zip((9, 23), OrganiserNotice.objects.all()):
        notice.happened_at = start_of(yesterday) + timedelta(hours=hour)
        notice.save()
    assert to_organiser(mailoutbox) == []

    call_command("send_reminders")
    call_command("send_digests")
    send_digests()

    [message] = to_organiser(mailoutbox)
    day = date_format(yesterday, "DATE_FORMAT")
    assert message.subject == (
        f"[Codesign] Registrations for Living with the kit on {day}"
    )
    assert message.body.split("\n\n")[1] == (
        "- Anna (Patient) registered and has a place.\n"
        "- Wim (Patient) registered and is on the waiting list."
    )
    assert list(Digest.objects.values_list("day", flat=True)) == [yesterday]


def test_digest_waits_until_the_day_is_over(project, mailoutbox):
    workshop = make_workshop(project, organiser_notices="digest")
    register_invited(workshop)

    sent = send_digests()

    assert sent == 0
    assert to_organiser(mailoutbox) == []
    assert OrganiserNotice.objects.get().digest is None


def test_workshop_change_mail_says_old_and_new(project, organiser, mailoutbox):
    workshop = make_workshop(project, organiser_notices="none")
    make_registration(workshop, 1)

    actions.update_workshop(
        organiser,
        workshop,
        {"title": "Living with the kit, part 1", "place": "UMC, Room 4"},
    )

    [message] = mailoutbox
    assert message.subject == "[Codesign] Changed: Living with the kit, part 1"
    assert "The organisers changed this workshop:" in message.body
    assert "Title: Living with the kit → Living with the kit, part 1" in message.body
    assert "Place: UMC, Learning Centre → UMC, Room 4" in message.body
    assert "Online link" not in message.body
    assert "Title: Living with the kit →" in message.alternatives[0][0]


def test_online_link_added_shows_none_before(project, organiser, mailoutbox):
    workshop = make_workshop(project, organiser_notices="none")
    make_registration(workshop, 1)

    actions.update_workshop(
        organiser, workshop, {"online_link": "https://meet.example.org/kit"}
    )

    [message] = mailoutbox
    assert "Online link: (none) → https://meet.example.org/kit" in message.body


def test_session_change_mail_says_old_and_new_times(project, organiser, mailoutbox):
    workshop = make_workshop(project, organiser_notices="none")
    session = make_session(workshop)
    make_registration(workshop, 1)

    actions.save_session(
        organiser,
        workshop,
        {
            "starts_at": at(2030, 3, 5, 14, 0),
            "ends_at": at(2030, 3, 5, 16, 0),
            "room": "Room 1",
        },
        session,
    )

    [message] = mailoutbox
    assert "The organisers changed the session “Living with the kit”:" in message.body
    assert (
        "Starts at: Tuesday 5 March 2030, 10:00 CET → Tuesday 5 March 2030, 14:00 CET"
        in message.body
    )
    assert (
        "Ends at: Tuesday 5 March 2030, 12:00 CET → Tuesday 5 March 2030, 16:00 CET"
        in message.body
    )
    assert "Room: (none) → Room 1" in message.body
