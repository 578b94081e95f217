"""The day-before reminder: each registration gets it once per session, never twice."""

import logging
import smtplib
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
    """Send every due reminder; the record is written in the same transaction as the send."""
    sent = 0
    for registration, session in due_reminders(now):
        try:
            with transaction.atomic():
                Reminder.objects.create(registration=registration, session=session)
                emails.send_reminder(registration, session)
        except IntegrityError:
            # Another run sent this one a moment ago.
            continue
        except (OSError, smtplib.SMTPException):
            # Nothing was recorded, so the next run tries again.
            logger.exception("Reminder to registration %s failed", registration.pk)
            continue
        sent += 1
    return sent
