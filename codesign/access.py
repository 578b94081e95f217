"""Who may do what in a project: the one place the core checks permissions."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .ids import parse_id
from .models import Membership, Project

Role = Membership.Role
ANY_MEMBER = frozenset(Role.values)
RUNS_SESSIONS = frozenset({Role.ORGANISER, Role.FACILITATOR})
ORGANISERS = frozenset({Role.ORGANISER})
# The organiser and the team keep the cycle going: they open and close iterations.
RUNS_CYCLE = frozenset({Role.ORGANISER, Role.TEAM})


def membership_for(user, project: Project) -> Membership | None:
    """The user's membership in the project, or None."""
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(project=project, user=user).first()


def project_for(user, project_id, roles=ANY_MEMBER) -> Project:
    """The project if the user is a member with one of ``roles``.

    Non-members get 404 so that a project's existence does not leak; members
    without the needed role get 403.
    """
    pk = parse_id(project_id)
    project = Project.objects.filter(pk=pk).first() if pk is not None else None
    membership = membership_for(user, project) if project else None
    if membership is None:
        raise Http404
    if membership.role not in roles:
        raise PermissionDenied
    project.membership = membership
    return project


def has_role(user, project: Project, roles=ANY_MEMBER) -> bool:
    """Whether the user is a member of the project with one of ``roles``."""
    membership = getattr(project, "membership", None)
    if membership is None or membership.user_id != getattr(user, "pk", None):
        membership = membership_for(user, project)
    return membership is not None and membership.role in roles


def require_role(user, project: Project, roles) -> None:
    """Raise ``PermissionDenied`` unless the user holds one of ``roles`` in the project."""
    if not has_role(user, project, roles):
        raise PermissionDenied


def require_account(user) -> None:
    """Raise ``PermissionDenied`` unless the user is signed in with an active account."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied
