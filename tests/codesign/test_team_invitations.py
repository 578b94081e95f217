"""Team invitations: by e-mail, the same whether or not an account exists."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from codesign import actions
from codesign.models import Membership, ProjectInvitation
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def members_url(project):
    return reverse("codesign:member_list", args=[project.pk])


def invitation_link(message) -> str:
    """The path of the acceptance link in an invitation e-mail."""
    return re.search(r"https?://[^/\s]+(/team-invitations/\S+/)", message.body)[1]


def verification_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/\S+/)", message.body)[1]


def invite(client, project, email, role="team"):
    return client.post(members_url(project), {"email": email, "role": role})


def test_invitation_to_an_address_without_account_ends_in_membership_after_sign_up(
    client, project, organiser
):
    client.force_login(organiser)
    invite(client, project, "newcomer@example.org", "facilitator")
    client.logout()
    link = invitation_link(mail.outbox[0])

    page = client.get(link)
    client.post(
        reverse("account_signup"),
        {
            "email": "newcomer@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": link,
        },
    )
    confirmed = client.post(verification_link(mail.outbox[1]))
    accepted = client.post(confirmed["Location"])

    newcomer = get_user_model().objects.get(email="newcomer@example.org")
    assert page.status_code == 200
    assert "Olivia Organiser invites you to join this project as Facilitator." in (
        page.content.decode()
    )
    assert confirmed["Location"] == link
    assert accepted["Location"] == project.get_absolute_url()
    assert project.memberships.get(user=newcomer).role == "facilitator"
    assert ProjectInvitation.objects.get().accepted_at is not None


def page_without_csrf(response, email) -> str:
    """The page with the address, invitation ids and CSRF tokens taken out."""
    html = response.content.decode().replace(email, "ADDRESS")
    html = re.sub(r"/invitations/\d+/", "/invitations/ID/", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_add_member_answers_the_same_with_and_without_an_account(
    client, project, organiser, participant
):
    client.force_login(organiser)

    with_account = invite(client, project, "pat@example.org")
    with_account_page = client.get(with_account["Location"])
    ProjectInvitation.objects.all().delete()
    without_account = invite(client, project, "nobody@example.org")
    without_account_page = client.get(without_account["Location"])

    assert (with_account.status_code, without_account.status_code) == (302, 302)
    assert with_account["Location"] == without_account["Location"]
    assert page_without_csrf(with_account_page, "pat@example.org") == (
        page_without_csrf(without_account_page, "nobody@example.org")
    )
    assert [m.to for m in mail.outbox] == [
        ["pat@example.org"],
        ["nobody@example.org"],
    ]
    assert not project.memberships.filter(user=participant).exists()


def test_invitation_mail_names_inviter_project_role_and_contact(
    client, project, organiser
):
    client.force_login(organiser)

    invite(client, project, "pat@example.org", "team")

    message = mail.outbox[0]
    assert message.subject == (
        "[Codesign] Join the team of Home monitoring after heart failure"
    )
    assert (
        "Olivia Organiser invites you to join the team of the co-design project "
        "“Home monitoring after heart failure” as Team." in message.body
    )
    assert "Questions? Write to olivia@example.org." in message.body
    assert message.reply_to == ["olivia@example.org"]


def test_invited_account_accepts_and_becomes_member(client, project, participant):
    invitation = actions.invite_member(
        project.memberships.get(role="organiser").user,
        project,
        email="pat@example.org",
        role="team",
    )
    client.force_login(participant)

    response = client.post(invitation.get_absolute_url())

    assert response["Location"] == project.get_absolute_url()
    assert project.memberships.get(user=participant).role == "team"


def make_invitation(project, email="pat@example.org", **fields):
    organiser = project.memberships.get(role="organiser").user
    return ProjectInvitation.objects.create(
        project=project, email=email, role="team", invited_by=organiser, **fields
    )


def test_expired_invitation_cannot_be_accepted(client, project, participant):
    invitation = make_invitation(
        project, created_at=timezone.now() - timedelta(days=15)
    )
    client.force_login(participant)

    response = client.post(invitation.get_absolute_url())

    assert response.status_code == 200
    assert "This invitation has expired. Ask the organiser to send it again." in (
        response.content.decode()
    )
    assert not project.memberships.filter(user=participant).exists()


def test_invitation_still_works_on_day_13(client, project, participant):
    invitation = make_invitation(
        project, created_at=timezone.now() - timedelta(days=13)
    )
    client.force_login(participant)

    client.post(invitation.get_absolute_url())

    assert project.memberships.filter(user=participant).exists()


def test_withdrawn_invitation_cannot_be_accepted(
    client, project, organiser, participant
):
    invitation = make_invitation(project)
    client.force_login(organiser)
    client.post(
        reverse("codesign:invitation_withdraw", args=[project.pk, invitation.pk])
    )
    client.force_login(participant)

    response = client.post(invitation.get_absolute_url())

    assert "This invitation has been withdrawn." in response.content.decode()
    assert not project.memberships.filter(user=participant).exists()


def test_another_account_cannot_accept_someone_elses_invitation(
    client, project, outsider
):
    invitation = make_invitation(project)
    client.force_login(outsider)

    page = client.get(invitation.get_absolute_url())
    response = client.post(invitation.get_absolute_url())

    text = "This invitation is for someone else."
    assert text in page.content.decode()
    assert text in response.content.decode()
    assert not project.memberships.filter(user=outsider).exists()
    assert ProjectInvitation.objects.get().accepted_at is None


def test_unverified_extra_address_cannot_accept(client, project):
    from allauth.account.models import EmailAddress

    impostor = make_user("imp@example.org")
    EmailAddress.objects.create(user=impostor, email="boss@example.org", verified=False)
    invitation = make_invitation(project, email="boss@example.org")
    client.force_login(impostor)

    response = client.post(invitation.get_absolute_url())

    assert "This invitation is for someone else." in response.content.decode()
    assert not project.memberships.filter(user=impostor).exists()


def test_verified_extra_address_can_accept(client, project):
    from allauth.account.models import EmailAddress

    nurse = make_user("nurse@example.org")
    EmailAddress.objects.create(
        user=nurse, email="nurse@work.example.org", verified=True
    )
    invitation = make_invitation(project, email="nurse@work.example.org")
    client.force_login(nurse)

    client.post(invitation.get_absolute_url())

    assert project.memberships.get(user=nurse).role == "team"


def test_logged_out_visitor_is_sent_to_log_in_to_accept(client, project):
    invitation = make_invitation(project)
    link = invitation.get_absolute_url()

    page = client.get(link)
    response = client.post(link)

    html = page.content.decode()
    assert f'href="{reverse("account_login")}?next={link}"' in html
    assert f'href="{reverse("account_signup")}?next={link}"' in html
    assert response["Location"] == f"{reverse('account_login')}?next={link}"


def test_resend_sends_a_new_mail_with_a_new_link(client, project, organiser):
    invitation = make_invitation(
        project, created_at=timezone.now() - timedelta(days=15)
    )
    old_link = invitation.get_absolute_url()
    client.force_login(organiser)

    response = client.post(
        reverse("codesign:invitation_resend", args=[project.pk, invitation.pk])
    )

    invitation.refresh_from_db()
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["pat@example.org"]]
    assert invitation_link(mail.outbox[0]) == invitation.get_absolute_url()
    assert invitation.get_absolute_url() != old_link
    assert invitation.state() == ProjectInvitation.State.PENDING
    assert client.get(old_link).status_code == 404


@pytest.mark.parametrize("step", ["invitation_resend", "invitation_withdraw"])
@pytest.mark.parametrize("who", ["team_member", "facilitator", "outsider"])
def test_only_organisers_resend_or_withdraw(client, project, request, who, step):
    invitation = make_invitation(project)
    client.force_login(request.getfixturevalue(who))

    response = client.post(
        reverse(f"codesign:{step}", args=[project.pk, invitation.pk])
    )

    invitation.refresh_from_db()
    assert response.status_code == (404 if who == "outsider" else 403)
    assert invitation.withdrawn_at is None
    assert mail.outbox == []


def test_invite_member_action_refuses_non_organisers(project, facilitator):
    with pytest.raises(PermissionDenied):
        actions.invite_member(
            facilitator, project, email="pat@example.org", role="organiser"
        )

    assert not ProjectInvitation.objects.exists()
    assert mail.outbox == []


def test_inviting_again_renews_the_open_invitation(project, organiser):
    first = actions.invite_member(
        organiser, project, email="pat@example.org", role="team"
    )

    second = actions.invite_member(
        organiser, project, email="Pat@Example.org", role="facilitator"
    )

    assert second.pk == first.pk
    assert ProjectInvitation.objects.get().role == Membership.Role.FACILITATOR
    assert len(mail.outbox) == 2
