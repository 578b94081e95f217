"""Core actions check the actor's rights themselves, whoever calls them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from codesign import actions
from codesign.models import Iteration, Membership, Project, Stage, User

pytestmark = pytest.mark.django_db


def test_invite_member_by_team_member_is_refused(team_member, outsider, project):
    with pytest.raises(PermissionDenied):
        actions.invite_member(
            team_member, project, email=outsider.email, role=Membership.Role.TEAM
        )

    assert not project.invitations.exists()


def test_invite_member_by_outsider_is_refused(outsider, participant, project):
    with pytest.raises(PermissionDenied):
        actions.invite_member(
            outsider, project, email=participant.email, role=Membership.Role.TEAM
        )

    assert not project.invitations.exists()


def test_invite_member_by_organiser_invites_them(organiser, outsider, project):
    invitation = actions.invite_member(
        organiser, project, email=outsider.email, role=Membership.Role.TEAM
    )

    assert project.invitations.get() == invitation
    assert not project.memberships.filter(user=outsider).exists()


def test_accept_invitation_by_anonymous_is_refused(organiser, project):
    invitation = actions.invite_member(
        organiser, project, email="new@example.org", role=Membership.Role.TEAM
    )

    with pytest.raises(PermissionDenied):
        actions.accept_invitation(AnonymousUser(), invitation.token)

    assert project.invitations.get().accepted_at is None


def test_change_member_role_by_facilitator_is_refused(
    facilitator, team_member, project
):
    membership = project.memberships.get(user=team_member)

    with pytest.raises(PermissionDenied):
        actions.change_member_role(
            facilitator, membership, role=Membership.Role.ORGANISER
        )

    membership.refresh_from_db()
    assert membership.role == Membership.Role.TEAM


def test_remove_member_by_team_member_is_refused(team_member, facilitator, project):
    membership = project.memberships.get(user=facilitator)

    with pytest.raises(PermissionDenied):
        actions.remove_member(team_member, membership)

    assert project.memberships.filter(user=facilitator).exists()


def test_update_project_by_facilitator_is_refused(facilitator, project):
    with pytest.raises(PermissionDenied):
        actions.update_project(facilitator, project, title="Taken over")

    project.refresh_from_db()
    assert project.title == "Home monitoring after heart failure"


def test_start_first_iteration_by_facilitator_is_refused(facilitator, project):
    with pytest.raises(PermissionDenied):
        actions.start_first_iteration(facilitator, project, stage=Stage.BENCH)

    assert not project.iterations.exists()


def test_close_iteration_by_facilitator_is_refused(facilitator, iteration):
    with pytest.raises(PermissionDenied):
        actions.close_iteration(facilitator, iteration, stage=Stage.BEDSIDE)

    iteration.refresh_from_db()
    assert iteration.status == Iteration.Status.OPEN
    assert Iteration.objects.count() == 1


def test_create_project_needs_an_account(db):
    with pytest.raises(PermissionDenied):
        actions.create_project(AnonymousUser(), title="Nobody's")

    assert not Project.objects.exists()


def test_update_profile_needs_an_account(db):
    with pytest.raises(PermissionDenied):
        actions.update_profile(
            AnonymousUser(),
            display_name="Ghost",
            stakeholder_role="other",
            preferred_language="en",
        )

    assert not User.objects.filter(display_name="Ghost").exists()
