import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from codesign.models import Membership, ProjectInvitation
from tests.conftest import make_user


def members_url(project):
    return reverse("codesign:member_list", args=[project.pk])


def test_members_page_lists_members_for_a_team_member(client, project, team_member):
    client.force_login(team_member)

    response = client.get(members_url(project))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Olivia Organiser" in html
    assert "Add a member" not in html
    assert "olivia@example.org" not in html


@pytest.mark.django_db(transaction=True)
def test_organiser_invites_a_member_by_email(client, project, organiser, mailoutbox):
    client.force_login(organiser)

    response = client.post(
        members_url(project), {"email": "PAT@example.org", "role": "facilitator"}
    )

    invitation = project.invitations.get()
    assert response.status_code == 302
    assert (invitation.email, invitation.role) == ("pat@example.org", "facilitator")
    assert invitation.invited_by == organiser
    assert project.memberships.count() == 3
    assert [m.to for m in mailoutbox] == [["pat@example.org"]]


def test_invite_form_has_no_default_role(client, project, organiser):
    client.force_login(organiser)

    page = client.get(members_url(project))
    response = client.post(members_url(project), {"email": "pat@example.org"})

    assert page.context["form"]["role"].value() is None
    assert '<option value="" selected>Choose a role</option>' in page.content.decode()
    assert response.context["form"].errors["role"] == ["This field is required."]
    assert not project.invitations.exists()


def test_inviting_a_member_gives_clear_error(client, project, organiser, mailoutbox):
    client.force_login(organiser)

    response = client.post(
        members_url(project), {"email": "tess@example.org", "role": "organiser"}
    )

    assert (
        "This person is already a member of the project." in response.content.decode()
    )
    assert project.memberships.get(user__email="tess@example.org").role == "team"
    assert not project.invitations.exists()
    assert mailoutbox == []


def test_inviting_with_unknown_role_is_refused(client, project, organiser):
    client.force_login(organiser)

    response = client.post(
        members_url(project), {"email": "pat@example.org", "role": "boss"}
    )

    assert "Select a valid choice." in response.content.decode()
    assert not project.invitations.exists()


@pytest.mark.parametrize("who", ["team_member", "facilitator"])
def test_non_organisers_cannot_invite(client, project, who, request, mailoutbox):
    client.force_login(request.getfixturevalue(who))

    response = client.post(
        members_url(project), {"email": "pat@example.org", "role": "team"}
    )

    assert response.status_code == 403
    assert not ProjectInvitation.objects.exists()
    assert mailoutbox == []


def test_outsider_cannot_invite(client, project, outsider, mailoutbox):
    client.force_login(outsider)

    response = client.post(
        members_url(project), {"email": "otto@example.org", "role": "organiser"}
    )

    assert response.status_code == 404
    assert not ProjectInvitation.objects.exists()
    assert mailoutbox == []


def test_organiser_changes_a_role(client, project, organiser, team_member):
    membership = project.memberships.get(user=team_member)
    client.force_login(organiser)

    response = client.post(
        reverse("codesign:member_role_change", args=[project.pk, membership.pk]),
        {"role": "facilitator"},
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "facilitator"


def test_last_organiser_cannot_step_down(client, project, organiser):
    membership = project.memberships.get(user=organiser)
    client.force_login(organiser)

    response = client.post(
        reverse("codesign:member_role_change", args=[project.pk, membership.pk]),
        {"role": "team"},
        follow=True,
    )

    membership.refresh_from_db()
    assert membership.role == "organiser"
    assert "A project needs at least one organiser." in response.content.decode()


def test_last_organiser_cannot_be_removed(client, project, organiser):
    membership = project.memberships.get(user=organiser)
    client.force_login(organiser)

    response = client.post(
        reverse("codesign:member_remove", args=[project.pk, membership.pk]), follow=True
    )

    assert Membership.objects.filter(pk=membership.pk).exists()
    assert "A project needs at least one organiser." in response.content.decode()


def test_organiser_can_leave_when_another_organiser_exists(client, project, organiser):
    second = make_user("second@example.org")
    Membership.objects.create(project=project, user=second, role="organiser")
    membership = project.memberships.get(user=organiser)
    client.force_login(organiser)

    response = client.post(
        reverse("codesign:member_remove", args=[project.pk, membership.pk])
    )

    assert response.status_code == 302
    assert not project.memberships.filter(user=organiser).exists()


def test_organiser_removes_a_member(client, project, organiser, team_member):
    membership = project.memberships.get(user=team_member)
    client.force_login(organiser)

    client.post(reverse("codesign:member_remove", args=[project.pk, membership.pk]))

    assert not project.memberships.filter(user=team_member).exists()


def test_team_member_cannot_change_or_remove(client, project, team_member, organiser):
    membership = project.memberships.get(user=organiser)
    client.force_login(team_member)

    role = client.post(
        reverse("codesign:member_role_change", args=[project.pk, membership.pk]),
        {"role": "team"},
    )
    remove = client.post(
        reverse("codesign:member_remove", args=[project.pk, membership.pk])
    )

    assert (role.status_code, remove.status_code) == (403, 403)
    assert project.memberships.get(user=organiser).role == "organiser"


def test_membership_of_another_project_is_not_found(
    client, project, organiser, outsider
):
    from codesign.models import Project

    other = Project.objects.create(title="Other")
    foreign = Membership.objects.create(project=other, user=outsider, role="organiser")
    client.force_login(organiser)

    response = client.post(
        reverse("codesign:member_remove", args=[project.pk, foreign.pk])
    )

    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_members_page_query_count_is_constant(
    client, django_assert_num_queries, project, organiser
):
    client.force_login(organiser)
    ProjectInvitation.objects.create(
        project=project, email="first@example.org", role="team", invited_by=organiser
    )
    client.get(members_url(project))
    with CaptureQueriesContext(connection) as few:
        client.get(members_url(project))

    for index in range(5):
        Membership.objects.create(
            project=project, user=make_user(f"extra{index}@example.org"), role="team"
        )
        ProjectInvitation.objects.create(
            project=project, email=f"new{index}@example.org", role="team"
        )

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(members_url(project))
    assert len(response.context["memberships"]) == 8
    assert len(response.context["invitations"]) == 6


def test_members_page_lists_open_invitations_to_organisers_only(
    client, project, organiser, team_member
):
    ProjectInvitation.objects.create(
        project=project, email="new@example.org", role="team", invited_by=organiser
    )
    ProjectInvitation.objects.create(
        project=project,
        email="gone@example.org",
        role="team",
        withdrawn_at=timezone.now(),
    )
    client.force_login(organiser)

    organiser_page = client.get(members_url(project)).content.decode()
    client.force_login(team_member)
    team_page = client.get(members_url(project)).content.decode()

    assert "new@example.org" in organiser_page
    assert "Send again" in organiser_page
    assert "gone@example.org" not in organiser_page
    assert "new@example.org" not in team_page
