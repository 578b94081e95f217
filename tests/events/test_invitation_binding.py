"""A personal invitation link works only for the address it was sent to (issue 13)."""

import pytest
from django.urls import reverse

from events.models import Invitation, Registration

from .conftest import make_workshop

pytestmark = pytest.mark.django_db

SOMEONE_ELSE = "This invitation is for someone else."
FORM = {"role": "patient", "consent": "on"}


@pytest.fixture
def invitation(project):
    workshop = make_workshop(project, visibility="invitation")
    return Invitation.objects.create(workshop=workshop, email="pat@example.org")


def test_another_account_sees_the_invitation_is_for_someone_else(
    client, outsider, invitation
):
    client.force_login(outsider)

    response = client.get(reverse("events:invitation", args=[invitation.token]))

    assert response.status_code == 403
    assert SOMEONE_ELSE in response.content.decode()
    assert "pat@example.org" not in response.content.decode()


def test_another_account_cannot_register_with_it(client, outsider, invitation):
    client.force_login(outsider)

    response = client.post(reverse("events:invitation", args=[invitation.token]), FORM)

    assert response.status_code == 403
    assert Registration.objects.count() == 0
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.INVITED


def test_another_account_cannot_decline_it(client, outsider, invitation):
    client.force_login(outsider)

    response = client.post(
        reverse("events:invitation_decline", args=[invitation.token])
    )

    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.INVITED


def test_the_invited_account_registers(client, participant, invitation):
    client.force_login(participant)

    response = client.post(reverse("events:invitation", args=[invitation.token]), FORM)

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.user, registration.email) == (participant, "pat@example.org")


def test_the_address_matches_whatever_its_capitals(client, participant, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(email="Pat@Example.org")
    client.force_login(participant)

    response = client.get(reverse("events:invitation", args=[invitation.token]))

    assert response.status_code == 200
    assert SOMEONE_ELSE not in response.content.decode()
