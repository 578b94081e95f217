"""Organisers hear of registrations, cancellations and promotions, as they chose per workshop.

A mail for each event goes out after commit; in digest mode the event waits as an
``OrganiserNotice`` until ``send_digests`` sends the day's list, once per workshop
and day (the ``Digest`` row is unique, and written in the transaction of the send).
"""

from itertools import groupby

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from codesign.access import ORGANISERS
from codesign.links import site_url
from codesign.mail import send_safely
from codesign.retention import start_of
from codesign.text import strip_controls

from .models import Digest, OrganiserNotice, Registration, Workshop

Kind = OrganiserNotice.Kind
Mode = Workshop.OrganiserNotices


def tell_organisers(registration: Registration, kind: str) -> None:
    """Tell the organisers of the registration's workshop, the way they chose."""
    workshop = registration.workshop
    if workshop.organiser_notices == Mode.EACH:
        notice = OrganiserNotice(
            workshop=workshop, registration=registration, kind=kind
        )
        transaction.on_commit(lambda: _mail_organisers(workshop, [notice]))
    elif workshop.organiser_notices == Mode.DIGEST:
        OrganiserNotice.objects.create(
            workshop=workshop, registration=registration, kind=kind
        )


def _organisers(workshop: Workshop):
    return get_user_model().objects.filter(
        memberships__project_id=workshop.project_id,
        memberships__role__in=ORGANISERS,
        is_active=True,
    )


def notice_line(notice: OrganiserNotice) -> str:
    """One event as a sentence: who, as which role, what happened."""
    registration = notice.registration
    lines = {
        Kind.REGISTERED: _("%(name)s (%(role)s) registered and has a place."),
        Kind.WAITLISTED: _(
            "%(name)s (%(role)s) registered and is on the waiting list."
        ),
        Kind.CANCELLED: _("%(name)s (%(role)s) cancelled."),
        Kind.PROMOTED: _("%(name)s (%(role)s) moved up from the waiting list."),
    }
    return lines[notice.kind] % {
        "name": registration.name or _("Someone"),
        "role": registration.get_role_display(),
    }


def _mail_organisers(workshop: Workshop, notices, day=None) -> bool:
    """Mail each organiser the events, in their own language; whether all went out."""
    sent = True
    for person in _organisers(workshop):
        with translation.override(person.preferred_language or None):
            sent = _mail_one(person, workshop, notices, day) and sent
    return sent


def _mail_one(person, workshop: Workshop, notices, day) -> bool:
    title = workshop.title
    if day is None:
        subject = _("News about registrations for %(title)s") % {"title": title}
    else:
        subject = _("Registrations for %(title)s on %(day)s") % {
            "title": title,
            "day": date_format(day, "DATE_FORMAT"),
        }
    page = reverse("events:registration_list", args=[workshop.project_id, workshop.pk])
    context = {
        "subject": subject,
        "greeting": _("Hello %(name)s,") % {"name": person.public_name},
        "lines": [notice_line(notice) for notice in notices],
        "registrations_url": site_url() + page,
        "settings_url": site_url()
        + reverse("events:workshop_edit", args=[workshop.project_id, workshop.pk]),
        "site_url": site_url(),
    }
    message = EmailMultiAlternatives(
        subject=f"[Codesign] {strip_controls(subject)}",
        body=render_to_string("events/email/organisers.txt", context),
        to=[person.email],
    )
    message.attach_alternative(
        render_to_string("events/email/organisers.html", context), "text/html"
    )
    return send_safely(message)


class NotSent(Exception):
    """The digest did not go out: undo its record so the next run tries again."""


def send_digests(now=None) -> int:
    """Send each digest workshop the list of every finished day not sent yet; how many."""
    today = start_of(timezone.localdate(now or timezone.now()))
    waiting = (
        OrganiserNotice.objects.filter(digest=None, happened_at__lt=today)
        .filter(workshop__organiser_notices=Mode.DIGEST)
        .select_related("workshop", "registration")
        .order_by("workshop_id", "happened_at", "pk")
    )
    sent = 0
    for (workshop, day), notices in groupby(
        waiting, key=lambda n: (n.workshop, timezone.localdate(n.happened_at))
    ):
        sent += _send_digest(workshop, day, list(notices))
    return sent


def _send_digest(workshop: Workshop, day, notices) -> bool:
    """One workshop's digest for one day, recorded with its send; whether it went out."""
    try:
        with transaction.atomic():
            digest = Digest.objects.create(workshop=workshop, day=day)
            OrganiserNotice.objects.filter(pk__in=[n.pk for n in notices]).update(
                digest=digest
            )
            if not _mail_organisers(workshop, notices, day):
                raise NotSent
    except IntegrityError:
        return False  # Another run sent this day's digest a moment ago.
    except NotSent:
        return False
    return True
