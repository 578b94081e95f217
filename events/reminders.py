"""The day-before reminder: each registration gets it once per session, never twice."""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import emails
from .models import Registration, Reminder, Session, Workshop

REMIND_AHEAD = timedelta(days=1)
logger = logging.getLogger(__name__)


def due_reminders(now=None):
    """(registration, session) pairs whose session starts within a day and were not reminded."""
    now = now or timezone.now()
    sessions = Session.objects.filter(
        starts_at__gt=now,
        starts_at__lte=now + REMIND_AHEAD,
        status=Session.Status.SCHEDULED,
        workshop__status=Workshop.Status.SCHEDULED,
    ).select_related("workshop")
    for session in sessions:
        registrations = session.workshop.registrations.filter(
            status=Registration.Status.CONFIRMED
        ).exclude(reminders__session=session)
        for registration in registrations.select_related("workshop"):
            yield registration, session


def send_due_reminders(now=None) -> int:
    """Send every due reminder, each on its own; how many went out."""
    return sum(
        _remind(registration, session) for registration, session in due_reminders(now)
    )


class NotSent(Exception):
    """The mail did not go out (``send_safely`` logged why): undo the record."""


def _remind(registration: Registration, session: Session) -> bool:
    """One reminder, recorded in the same transaction as the send; whether it went out.

    Any failure is logged and leaves no record, so the next run tries again, and
    one bad reminder never stops the others.
    """
    try:
        with transaction.atomic():
            Reminder.objects.create(registration=registration, session=session)
            if not emails.send_reminder(registration, session):
                raise NotSent
    except IntegrityError:
        return False  # Another run sent this one a moment ago.
    except NotSent:
        return False
    except Exception:
        # Whatever breaks one reminder (a template, stored text) must not stop the rest.
        logger.exception("Reminder to registration %s failed", registration.pk)
        return False
    return True
