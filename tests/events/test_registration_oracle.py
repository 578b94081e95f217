"""The public registration form never tells whether an address is registered."""

import re

import pytest
from django.urls import reverse

from events.models import Registration

from .conftest import make_registration

# Real commits, so that e-mails (sent after commit) reach the outbox as they would live.
pytestmark = pytest.mark.django_db(transaction=True)

FORM = {
    "name": "Anna de Vries",
    "email": "anna@example.org",
    "role": "patient",
    "access_needs": "",
    "companion_name": "",
    "consent": "on",
}


def register(client, workshop):
    url = reverse("events:public_workshop", args=[workshop.public_token])
    return client.post(url, FORM)


def without_csrf(response) -> str:
    return re.sub(
        r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode()
    )


@pytest.mark.parametrize("status", ["pending", "confirmed", "waitlisted"])
def test_registered_address_gets_the_answer_a_new_one_gets(
    client, workshop, mailoutbox, status
):
    new = register(client, workshop)
    Registration.objects.update(status=status)
    mailoutbox.clear()

    again = register(client, workshop)

    assert (new.status_code, again.status_code) == (200, 200)
    assert without_csrf(again) == without_csrf(new)
    assert "Check your e-mail" in again.content.decode()
    assert Registration.objects.count() == 1
    assert Registration.objects.get().status == status
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (
            ["anna@example.org"],
            "[Codesign] You are already registered for Living with the kit",
        )
    ]


def test_already_registered_mail_carries_the_manage_link(client, workshop, mailoutbox):
    registration = make_registration(workshop, email="anna@example.org")

    register(client, workshop)

    body = mailoutbox[0].body
    assert "You were already registered, so nothing has changed." in body
    assert registration.manage_url() in body
    assert registration.cancel_url() in body


def test_pending_registration_is_reminded_of_its_confirmation_link(
    client, workshop, mailoutbox
):
    register(client, workshop)
    registration = Registration.objects.get()
    mailoutbox.clear()

    register(client, workshop)

    confirm = reverse("events:registration_confirm", args=[registration.confirm_token])
    assert confirm in mailoutbox[0].body
    assert "You have not confirmed yet." in mailoutbox[0].body


def test_already_registered_mail_is_in_the_registrants_language(
    client, workshop, mailoutbox
):
    make_registration(workshop, email="anna@example.org", language="nl")

    register(client, workshop)

    # The greeting is already in the Dutch catalogue; the new sentences follow it.
    assert mailoutbox[0].body.startswith("Hallo Person 1,")
