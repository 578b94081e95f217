from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from codesign.models import Membership
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


def test_organiser_adds_member_by_email(client, project, organiser, participant):
    client.force_login(organiser)

    response = client.post(
        members_url(project), {"email": "PAT@example.org", "role": "facilitator"}
    )

    assert response.status_code == 302
    assert project.memberships.get(user=participant).role == "facilitator"


def test_adding_unknown_email_gives_clear_error(client, project, organiser):
    client.force_login(organiser)

    response = client.post(
        members_url(project), {"email": "nobody@example.org", "role": "team"}
    )

    assert response.status_code == 200
    assert (
        "No one has an account with this e-mail address." in response.content.decode()
    )
    assert project.memberships.count() == 3


def test_adding_a_member_twice_gives_clear_error(client, project, organiser):
    client.force_login(organiser)

    response = client.post(
        members_url(project), {"email": "tess@example.org", "role": "organiser"}
    )

    assert (
        "This person is already a member of the project." in response.content.decode()
    )
    assert project.memberships.get(user__email="tess@example.org").role == "team"


def test_adding_with_unknown_role_is_refused(client, project, organiser, participant):
    client.force_login(organiser)

    response = client.post(
        members_url(project), {"email": "pat@example.org", "role": "boss"}
    )

    assert "Select a valid choice." in response.content.decode()
    assert not project.memberships.filter(user=participant).exists()


def test_team_member_cannot_add_members(client, project, team_member, participant):
    client.force_login(team_member)

    response = client.post(
        members_url(project), {"email": "pat@example.org", "role": "team"}
    )

    assert response.status_code == 403
    assert not project.memberships.filter(user=participant).exists()


def test_facilitator_cannot_add_members(client, project, facilitator, participant):
    client.force_login(facilitator)

    response = client.post(
        members_url(project), {"email": "pat@example.org", "role": "team"}
    )

    assert response.status_code == 403


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
    client.get(members_url(project))
    with CaptureQueriesContext(connection) as few:
        client.get(members_url(project))

    for index in range(5):
        Membership.objects.create(
            project=project, user=make_user(f"extra{index}@example.org"), role="team"
        )

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(members_url(project))
    assert len(response.context["memberships"]) == 8


def test_unverified_extra_address_does_not_find_its_owner(client, project, organiser):
    from allauth.account.models import EmailAddress

    impostor = make_user("imp@example.org")
    EmailAddress.objects.create(user=impostor, email="boss@example.org", verified=False)
    client.force_login(organiser)

    response = client.post(
        members_url(project), {"email": "boss@example.org", "role": "organiser"}
    )

    assert (
        "No one has an account with this e-mail address." in response.content.decode()
    )
    assert not project.memberships.filter(user=impostor).exists()


def test_verified_extra_address_finds_its_owner(client, project, organiser):
    from allauth.account.models import EmailAddress

    nurse = make_user("nurse@example.org")
    EmailAddress.objects.create(
        user=nurse, email="nurse@work.example.org", verified=True
    )
    client.force_login(organiser)

    client.post(
        members_url(project), {"email": "nurse@work.example.org", "role": "team"}
    )

    assert project.memberships.get(user=nurse).role == "team"
