"""Workshops and their sessions, registrations, invitations and calendar feeds.

One module per part a reader looks for; every name is importable from
``events.models`` as before (the migrations refer to ``events.models.new_token``).
"""

from .attendance import Attendance, AttendanceQuerySet
from .feeds import CalendarFeed
from .notices import Digest, OrganiserNotice
from .registrations import (
    CONFIRMATION_VALID_FOR,
    Invitation,
    Registration,
    RegistrationQuerySet,
    Reminder,
)
from .workshops import InvolvementLevel, Session, Workshop, WorkshopQuerySet, new_token

__all__ = [
    "CONFIRMATION_VALID_FOR",
    "Attendance",
    "AttendanceQuerySet",
    "CalendarFeed",
    "Digest",
    "Invitation",
    "InvolvementLevel",
    "OrganiserNotice",
    "Registration",
    "RegistrationQuerySet",
    "Reminder",
    "Session",
    "Workshop",
    "WorkshopQuerySet",
    "new_token",
]
