"""Calendar downloads and subscription feeds (text/calendar, with ETag and Last-Modified)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe

from codesign.access import RUNS_SESSIONS, project_for

from . import actions, ical
from .access import (
    feed_by_token,
    public_workshop,
    registration_by_token,
    session_for,
    workshop_for,
)
from .models import Registration, Session


def calendar_response(
    request, sessions, name: str, filename: str, tentative=frozenset()
):
    """Serve sessions as an .ics file; a client that has this version gets 304."""
    sessions = list(sessions)
    body = ical.build_calendar(sessions, name, tentative)
    etag = ical.etag_for(body)
    changed = max((s.updated_at for s in sessions), default=None)
    last_modified = int(changed.timestamp()) if changed else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "private, no-cache"
    return response


def _sessions():
    return Session.objects.select_related("workshop").order_by("starts_at", "pk")


def workshop_calendar(request, workshop):
    """All sessions of one workshop, as one .ics file."""
    sessions = _sessions().filter(workshop=workshop)
    return calendar_response(
        request, sessions, workshop.title, f"workshop-{workshop.pk}.ics"
    )


@require_safe
@login_required
def session_ics(request, project_id, session_id):
    session = session_for(request.user, project_id, session_id)
    return calendar_response(
        request, [session], session.summary, f"session-{session.pk}.ics"
    )


@require_safe
@login_required
def workshop_ics(request, project_id, workshop_id):
    workshop = workshop_for(request.user, project_id, workshop_id)
    return workshop_calendar(request, workshop)


@require_safe
def public_workshop_ics(request, token):
    workshop = public_workshop(token)
    return workshop_calendar(request, workshop)


@require_safe
def public_session_ics(request, token, session_id):
    workshop = public_workshop(token)
    session = get_object_or_404(_sessions(), workshop=workshop, pk=session_id)
    return calendar_response(
        request, [session], session.summary, f"session-{session.pk}.ics"
    )


@require_safe
def registration_ics(request, token):
    workshop = registration_by_token(token).workshop
    return workshop_calendar(request, workshop)


@require_safe
@login_required
def project_ics(request, project_id):
    project = project_for(request.user, project_id)
    sessions = _sessions().filter(workshop__project=project)
    return calendar_response(
        request, sessions, project.title, f"project-{project.pk}.ics"
    )


def _feed_sessions(user):
    """The person's sessions, and the ones they only wait for (shown as tentative)."""
    registered = Registration.objects.active().filter(user=user)
    waiting = set(
        registered.filter(status=Registration.Status.WAITLISTED).values_list(
            "workshop_id", flat=True
        )
    )
    # Facilitating counts only while the person still runs sessions in the project:
    # a removed member's feed must not keep the sessions and their online link.
    facilitated = set(
        user.facilitated_sessions.filter(
            workshop__project__memberships__user=user,
            workshop__project__memberships__role__in=RUNS_SESSIONS,
        ).values_list("pk", flat=True)
    )
    sessions = _sessions().filter(
        Q(workshop__in=registered.values("workshop")) | Q(pk__in=facilitated)
    )
    tentative = frozenset(
        s.pk for s in sessions if s.workshop_id in waiting and s.pk not in facilitated
    )
    return sessions, tentative


@require_safe
def personal_feed(request, token):
    """Sessions the feed's owner registered or waits for, and the ones they facilitate."""
    sessions, tentative = _feed_sessions(feed_by_token(token).user)
    return calendar_response(
        request, sessions, _("My Codesign sessions"), "codesign.ics", tentative
    )


@require_GET
@login_required
def my_calendar(request):
    feed = actions.feed_for(request.user)
    return render(request, "events/my_calendar.html", {"feed": feed})


@require_POST
@login_required
def regenerate_feed(request):
    actions.regenerate_feed(request.user)
    messages.success(
        request,
        _("Your calendar has a new secret address. The old one no longer works."),
    )
    return redirect("events:calendar")
