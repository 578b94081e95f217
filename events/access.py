"""Who may see and change workshops: the one place events checks permissions."""

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404

from codesign.access import (
    ANY_MEMBER,
    ORGANISERS,
    RUNS_SESSIONS,
    project_for,
    require_role,
)
from codesign.models import Project

from .models import CalendarFeed, Invitation, Registration, Session, Workshop

__all__ = ["ANY_MEMBER", "ORGANISERS"]


def workshop_for(user, project_id, workshop_id, roles=ANY_MEMBER) -> Workshop:
    """The project's workshop if the user is a member with one of ``roles`` (404, then 403)."""
    workshop = get_object_or_404(
        Workshop.objects.select_related("project"),
        project_id=project_id,
        pk=workshop_id,
    )
    workshop.project = project_for(user, workshop.project_id, roles)
    return workshop


def session_for(user, project_id, session_id, roles=ANY_MEMBER) -> Session:
    """The project's session if the user is a member with one of ``roles``."""
    session = get_object_or_404(
        Session.objects.select_related("workshop__project"),
        workshop__project_id=project_id,
        pk=session_id,
    )
    session.workshop.project = project_for(user, session.workshop.project_id, roles)
    return session


def require_organiser(user, workshop: Workshop) -> None:
    """Raise ``PermissionDenied`` unless the user organises the workshop's project."""
    require_role(user, workshop.project, ORGANISERS)


def may_facilitate(project: Project):
    """The people who may facilitate the project's sessions: its organisers and facilitators."""
    return get_user_model().objects.filter(
        memberships__project=project, memberships__role__in=RUNS_SESSIONS
    )


def public_workshop(token: str) -> Workshop:
    """A workshop reached through its public link; invitation-only ones do not exist there."""
    return get_object_or_404(
        Workshop.objects.select_related("project"),
        public_token=token,
        visibility=Workshop.Visibility.PUBLIC,
    )


def registration_by_token(token: str) -> Registration:
    """A registration reached through the personal link in its e-mails."""
    return get_object_or_404(
        Registration.objects.select_related("workshop__project"), manage_token=token
    )


def invitation_by_token(token: str) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("workshop__project"), token=token
    )


def feed_by_token(token: str) -> CalendarFeed:
    """A private feed; an unknown or replaced token is simply not found."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    return feed
