import pytest
from django.urls import reverse

from events.models import Invitation, Registration

from .conftest import make_workshop

pytestmark = pytest.mark.django_db(transaction=True)


def invite(client, workshop, text):
    return client.post(
        reverse("events:invitation_list", args=[workshop.project_id, workshop.pk]),
        {"addresses": text},
    )


def test_organiser_invites_people_with_role_hints(
    client, organiser, project, mailoutbox
):
    workshop = make_workshop(project, visibility="invitation")
    client.force_login(organiser)

    response = invite(
        client, workshop, "anna@example.org, patient\n\nBRAM@example.org; Clinician\n"
    )

    assert response.status_code == 302
    assert list(workshop.invitations.values_list("email", "role_hint", "status")) == [
        ("anna@example.org", "patient", "invited"),
        ("bram@example.org", "clinician", "invited"),
    ]
    assert sorted(m.to[0] for m in mailoutbox) == [
        "anna@example.org",
        "bram@example.org",
    ]
    invitation = workshop.invitations.get(email="anna@example.org")
    assert invitation.url() in mailoutbox[0].body + mailoutbox[1].body


def test_malformed_list_saves_nothing(client, organiser, project, mailoutbox):
    workshop = make_workshop(project)
    client.force_login(organiser)

    response = invite(
        client, workshop, "anna@example.org\nnot-an-address\nc@example.org, wizard"
    )

    assert response.status_code == 200
    assert response.context["form"].errors["addresses"] == [
        "Line 2: “not-an-address” is not a valid e-mail address.",
        "Line 3: “wizard” is not a stakeholder role.",
    ]
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_inviting_again_skips_known_addresses(client, organiser, project):
    workshop = make_workshop(project)
    client.force_login(organiser)
    invite(client, workshop, "anna@example.org")

    invite(client, workshop, "anna@example.org\nbram@example.org")

    assert workshop.invitations.count() == 2


def test_invitation_link_registers_without_confirmation(client, project, mailoutbox):
    workshop = make_workshop(project, visibility="invitation")
    invitation = workshop.invitations.create(
        email="anna@example.org", role_hint="patient"
    )
    url = reverse("events:invitation", args=[invitation.token])

    page = client.get(url)
    response = client.post(url, {"name": "Anna", "role": "patient", "consent": "on"})

    assert page.context["form"]["role"].initial == "patient"
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert (registration.email, registration.status) == (
        "anna@example.org",
        "confirmed",
    )
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REGISTERED
    assert client.get(url).context["invitation"].status == "registered"


def test_invitation_email_cannot_be_changed(client, project):
    workshop = make_workshop(project, visibility="invitation")
    invitation = workshop.invitations.create(email="anna@example.org")

    client.post(
        reverse("events:invitation", args=[invitation.token]),
        {
            "name": "Anna",
            "email": "other@example.org",
            "role": "patient",
            "consent": "on",
        },
    )

    assert Registration.objects.get().email == "anna@example.org"


def test_declining_an_invitation(client, organiser, project):
    workshop = make_workshop(project, visibility="invitation")
    invitation = workshop.invitations.create(email="anna@example.org")

    response = client.post(
        reverse("events:invitation_decline", args=[invitation.token])
    )

    invitation.refresh_from_db()
    assert response.status_code == 200
    assert invitation.status == Invitation.Status.DECLINED
    client.force_login(organiser)
    page = client.get(
        reverse("events:invitation_list", args=[workshop.project_id, workshop.pk])
    ).content.decode()
    assert "Declined" in page


def test_unknown_invitation_is_404(client):
    assert client.get(reverse("events:invitation", args=["nope"])).status_code == 404


def test_facilitator_cannot_invite(client, facilitator, project):
    workshop = make_workshop(project)
    client.force_login(facilitator)

    assert invite(client, workshop, "anna@example.org").status_code == 403
    assert not Invitation.objects.exists()
