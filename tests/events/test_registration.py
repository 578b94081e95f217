import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from events import registering
from events.models import Registration

from .conftest import amsterdam, make_registration, make_workshop

# Real commits, so that e-mails (sent after commit) reach the outbox as they would live.
pytestmark = pytest.mark.django_db(transaction=True)

GUEST = {
    "name": "Anna de Vries",
    "email": "Anna@Example.org",
    "role": "patient",
    "access_needs": "Wheelchair, and a quiet room",
    "companion_name": "",
    "consent": "on",
}


def register_url(workshop):
    return reverse("events:public_workshop", args=[workshop.public_token])


def link_in(message, name):
    """The first link to the named URL in an e-mail's plain text."""
    prefix = re.escape(reverse(name, args=["TOKEN"]).split("TOKEN")[0])
    return re.search(rf"http\S*{prefix}[\w-]+/", message.body).group(0)


def path_of(url):
    return urlsplit(url).path


def test_guest_registers_and_confirms_by_email(client, workshop, mailoutbox):
    response = client.post(register_url(workshop), GUEST)

    registration = Registration.objects.get()
    assert response.status_code == 200
    assert "We sent a link to anna@example.org" in response.content.decode()
    assert registration.status == Registration.Status.PENDING
    assert registration.email == "anna@example.org"
    assert registration.access_needs == "Wheelchair, and a quiet room"
    assert [m.subject for m in mailoutbox] == [
        "[Codesign] Please confirm your registration for Living with the kit"
    ]
    confirm = path_of(link_in(mailoutbox[0], "events:registration_confirm"))

    assert client.get(confirm).status_code == 200
    response = client.post(confirm)

    registration.refresh_from_db()
    assert response.status_code == 302
    assert registration.status == Registration.Status.CONFIRMED
    assert (
        mailoutbox[1].subject == "[Codesign] You are registered for Living with the kit"
    )
    assert mailoutbox[1].attachments[0][0] == "workshop.ics"
    assert registration.cancel_url() in mailoutbox[1].body


def test_confirmation_link_works_only_once(client, workshop, mailoutbox):
    client.post(register_url(workshop), GUEST)
    confirm = path_of(link_in(mailoutbox[0], "events:registration_confirm"))
    client.post(confirm)

    response = client.post(confirm)

    assert response.status_code == 400
    assert "This confirmation link has already been used." in response.content.decode()
    assert Registration.objects.get().status == Registration.Status.CONFIRMED


def test_expired_confirmation_link_is_refused(client, workshop, mailoutbox):
    client.post(register_url(workshop), GUEST)
    Registration.objects.update(
        confirm_expires_at=timezone.now() - timedelta(seconds=1)
    )
    confirm = path_of(link_in(mailoutbox[0], "events:registration_confirm"))

    response = client.post(confirm)

    assert response.status_code == 400
    assert "This confirmation link has expired." in response.content.decode()
    assert Registration.objects.get().status == Registration.Status.PENDING


def test_expired_pending_registration_allows_registering_again(client, workshop):
    client.post(register_url(workshop), GUEST)
    Registration.objects.update(
        confirm_expires_at=timezone.now() - timedelta(seconds=1)
    )

    client.post(register_url(workshop), GUEST)

    assert sorted(Registration.objects.values_list("status", flat=True)) == [
        "expired",
        "pending",
    ]


def test_unknown_confirmation_link_is_refused(client, workshop):
    response = client.get(reverse("events:registration_confirm", args=["nope"]))

    assert response.status_code == 400


def test_same_email_cannot_register_twice(client, workshop):
    client.post(register_url(workshop), GUEST)

    client.post(register_url(workshop), {**GUEST, "email": "anna@example.org"})

    # What the second answer looks like: tests/events/test_registration_oracle.py.
    assert Registration.objects.count() == 1


def test_registration_after_window_closed_is_refused(client, project):
    workshop = make_workshop(
        project, registration_closes_at=timezone.now() - timedelta(hours=1)
    )

    response = client.post(register_url(workshop), GUEST)

    assert "Registration for this workshop has closed." in response.content.decode()
    assert not Registration.objects.exists()


def test_registration_closing_between_form_and_confirmation(
    client, workshop, mailoutbox
):
    client.post(register_url(workshop), GUEST)
    workshop.registration_closes_at = timezone.now() - timedelta(minutes=1)
    workshop.save()

    response = client.post(
        path_of(link_in(mailoutbox[0], "events:registration_confirm"))
    )

    assert response.status_code == 400
    assert Registration.objects.get().status == Registration.Status.PENDING


def test_consent_is_required(client, workshop):
    response = client.post(register_url(workshop), {**GUEST, "consent": ""})

    assert response.context["form"].errors["consent"] == [
        "Please agree so that we can register you."
    ]
    assert not Registration.objects.exists()


def test_invitation_only_workshop_has_no_public_page(client, project):
    workshop = make_workshop(project, visibility="invitation")

    assert client.get(register_url(workshop)).status_code == 404
    assert client.post(register_url(workshop), GUEST).status_code == 404


def test_signed_in_person_gets_place_at_once(client, participant, workshop, mailoutbox):
    client.force_login(participant)

    response = client.post(
        register_url(workshop),
        {"role": "patient", "consent": "on", "companion_name": "Kees"},
    )

    registration = Registration.objects.get()
    assert response["Location"] == reverse(
        "events:registration", args=[registration.manage_token]
    )
    assert registration.user == participant
    assert registration.email == "pat@example.org"
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.seats == 2


def test_full_workshop_waitlists_and_says_so(client, project, participant):
    workshop = make_workshop(project, capacity=1)
    make_registration(workshop, 1)
    client.force_login(participant)

    response = client.post(
        register_url(workshop), {"role": "patient", "consent": "on"}, follow=True
    )

    assert (
        Registration.objects.get(user=participant).status
        == Registration.Status.WAITLISTED
    )
    assert "you are on the waiting list: number 1" in response.content.decode()


def test_role_quota_waitlists_only_that_role(project):
    workshop = make_workshop(project, capacity=10, role_quotas={"patient": 1})
    make_registration(workshop, 1, role="patient")
    data = {"role": "patient", "name": "P", "email": "p@example.org"}
    invitation = workshop.invitations.create(email="p@example.org")
    clinician_invitation = workshop.invitations.create(email="c@example.org")

    patient = registering.register(
        AnonymousUser(), workshop, data, invitation=invitation
    )
    clinician = registering.register(
        AnonymousUser(),
        workshop,
        {**data, "role": "clinician", "email": "c@example.org"},
        invitation=clinician_invitation,
    )

    assert patient.status == Registration.Status.WAITLISTED
    assert clinician.status == Registration.Status.CONFIRMED


def test_companion_takes_a_place(project):
    workshop = make_workshop(project, capacity=2)
    make_registration(workshop, 1)
    invitation = workshop.invitations.create(email="c@example.org")
    data = {
        "role": "patient",
        "name": "C",
        "email": "c@example.org",
        "companion_name": "Kees",
    }

    registration = registering.register(
        AnonymousUser(), workshop, data, invitation=invitation
    )

    assert registration.status == Registration.Status.WAITLISTED


def test_cancel_link_needs_no_login_and_promotes_next_of_role(
    client, project, mailoutbox, django_capture_on_commit_callbacks
):
    workshop = make_workshop(project, capacity=10, role_quotas={"patient": 1})
    leaving = make_registration(workshop, 1)
    first_waiting = make_registration(workshop, 2, status="waitlisted")
    second_waiting = make_registration(workshop, 3, status="waitlisted")
    second_waiting.placed_at = first_waiting.placed_at + timedelta(seconds=1)
    second_waiting.save()

    with django_capture_on_commit_callbacks(execute=True):
        assert (
            client.get(
                reverse("events:registration_cancel", args=[leaving.manage_token])
            ).status_code
            == 200
        )
        response = client.post(
            reverse("events:registration_cancel", args=[leaving.manage_token])
        )

    assert response.status_code == 302
    statuses = dict(workshop.registrations.values_list("email", "status"))
    assert statuses == {
        "person1@example.org": "cancelled",
        "person2@example.org": "confirmed",
        "person3@example.org": "waitlisted",
    }
    assert sorted(m.subject for m in mailoutbox) == [
        "[Codesign] A place is free: you are registered for Living with the kit",
        "[Codesign] News about registrations for Living with the kit",
        "[Codesign] News about registrations for Living with the kit",
        "[Codesign] Your registration for Living with the kit is cancelled",
    ]
    assert mailoutbox[0].to in (["person2@example.org"], ["person1@example.org"])


def test_cancelling_twice_says_already_cancelled(client, workshop):
    registration = make_registration(workshop, 1, status="cancelled")

    response = client.post(
        reverse("events:registration_cancel", args=[registration.manage_token]),
        follow=True,
    )

    assert "This registration is already cancelled." in response.content.decode()


def test_unknown_registration_token_is_404(client):
    assert (
        client.get(reverse("events:registration", args=["missing"])).status_code == 404
    )
    assert (
        client.get(reverse("events:registration_cancel", args=["missing"])).status_code
        == 404
    )


def test_public_pages_refuse_wrong_methods(client, workshop):
    registration = make_registration(workshop, 1)

    assert client.put(register_url(workshop)).status_code == 405
    assert (
        client.post(
            reverse("events:registration", args=[registration.manage_token])
        ).status_code
        == 405
    )
    assert (
        client.get(reverse("events:invitation_decline", args=["x"])).status_code == 405
    )


def test_public_page_shows_times_with_zone_and_no_other_people(client, workshop):
    make_registration(workshop, 1, access_needs="secret need")

    body = client.get(register_url(workshop)).content.decode()

    assert "Tuesday 5 March 2030, 10:00–12:00 CET" in body
    assert "secret need" not in body
    assert "person1@example.org" not in body


def test_dst_crossing_session_shows_both_zones(client, project):
    workshop = make_workshop(project)
    workshop.sessions.create(
        starts_at=amsterdam(2026, 10, 25, 1, 30), ends_at=amsterdam(2026, 10, 25, 4, 0)
    )

    body = client.get(register_url(workshop)).content.decode()

    assert "Sunday 25 October 2026, 01:30 CEST–04:00 CET" in body


def test_public_page_in_dutch(client, workshop):
    response = client.get(register_url(workshop), headers={"accept-language": "nl"})

    body = response.content.decode()
    assert "Ik doe mee als" in body
    assert "dinsdag 5 maart 2030, 10:00–12:00 CET" in body
    assert "Inschrijven" in body


def test_role_must_be_chosen(client, workshop):
    response = client.post(register_url(workshop), {**GUEST, "role": ""})

    assert response.context["form"].errors["role"] == ["This field is required."]
    assert not Registration.objects.exists()


def test_registration_not_yet_open(client, project):
    workshop = make_workshop(
        project, registration_opens_at=timezone.now() + timedelta(days=1)
    )

    page = client.get(register_url(workshop)).content.decode()
    response = client.post(register_url(workshop), GUEST)

    assert "Registration opens on" in page
    assert "Registration has not opened yet." in response.content.decode()
    assert not Registration.objects.exists()
