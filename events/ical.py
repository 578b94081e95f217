"""Calendars (RFC 5545) for sessions, workshops, projects and personal feeds.

Small pure functions: they turn sessions into icalendar objects and bytes, and
never look at registrations, e-mail addresses or access needs. Text reaches a
property through ``strip_controls``: icalendar escapes line feeds but not a lone CR.
"""

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from codesign.text import strip_controls

from .models import Session

PRODID = "-//Codesign//Workshops//EN"


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def session_uid(session: Session) -> str:
    """A UID that stays the same for the life of the session, whatever changes."""
    return f"session-{session.pk}@{site_host()}"


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def session_location(session: Session) -> str:
    parts = [session.room, session.workshop.place]
    place = ", ".join(part for part in parts if part)
    return strip_controls(place or session.workshop.online_link)


def session_description(session: Session) -> str:
    """The workshop description plus how to join online and accessibility information."""
    workshop = session.workshop
    blocks = [workshop.description.strip()]
    if workshop.online_link:
        blocks.append(_("Online: %(link)s") % {"link": workshop.online_link})
    if workshop.accessibility_info:
        blocks.append(
            _("Accessibility: %(info)s") % {"info": workshop.accessibility_info.strip()}
        )
    blocks.append(_("Details and changes: %(url)s") % {"url": workshop.page_url()})
    return strip_controls("\n\n".join(block for block in blocks if block), True)


def session_event(session: Session, tentative: bool = False) -> Event:
    """One VEVENT; its SEQUENCE and DTSTAMP follow the session's last relevant change."""
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", utc(session.updated_at))
    event.add("last-modified", utc(session.updated_at))
    event.add("sequence", session.sequence)
    event.add("dtstart", utc(session.starts_at))
    event.add("dtend", utc(session.ends_at))
    event.add("summary", strip_controls(session.summary))
    location = session_location(session)
    if location:
        event.add("location", location)
    event.add("url", session.workshop.page_url())
    event.add("description", session_description(session))
    if session.is_cancelled:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "TENTATIVE" if tentative else "CONFIRMED")
    return event


def build_calendar(
    sessions: Iterable[Session], name: str, tentative: frozenset = frozenset()
) -> bytes:
    """A whole VCALENDAR; sessions whose pk is in ``tentative`` are marked so."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", strip_controls(name))
    for session in sessions:
        calendar.add_component(session_event(session, session.pk in tentative))
    return calendar.to_ical()


def etag_for(body: bytes) -> str:
    """A strong ETag from the content itself, so any change at all is noticed."""
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'
