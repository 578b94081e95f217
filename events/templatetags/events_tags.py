"""Template helpers for workshops: session times with their zone and the project section."""

from django import template
from django.db.models import Min, Q
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from codesign.access import ORGANISERS

from ..models import Session, Workshop

register = template.Library()


@register.filter
def session_time(session: Session) -> str:
    """ "Thursday 3 December 2026, 10:00–12:00 CET", with the zone on both ends if it changes."""
    start, end = (
        timezone.localtime(session.starts_at),
        timezone.localtime(session.ends_at),
    )
    day = dateformat.format(start, "l j F Y")
    if start.date() != end.date():
        return _("%(start)s to %(end)s") % {
            "start": dateformat.format(start, "l j F Y, H:i T"),
            "end": dateformat.format(end, "l j F Y, H:i T"),
        }
    if dateformat.format(start, "T") != dateformat.format(end, "T"):
        return f"{day}, {dateformat.format(start, 'H:i T')}–{dateformat.format(end, 'H:i T')}"
    return f"{day}, {dateformat.format(start, 'H:i')}–{dateformat.format(end, 'H:i T')}"


@register.inclusion_tag("events/_project_workshops.html")
def project_workshops(project):
    """The project page's workshop section: one query whatever the number of workshops."""
    now = timezone.now()
    workshops = project.workshops.annotate(
        next_start=Min("sessions__starts_at", filter=Q(sessions__starts_at__gte=now)),
    ).order_by("-created_at")[:20]
    membership = getattr(project, "membership", None)
    return {
        "project": project,
        "workshops": workshops,
        "is_organiser": membership is not None and membership.role in ORGANISERS,
        "cancelled": Workshop.Status.CANCELLED,
    }
