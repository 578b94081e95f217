"""Registrations kept no longer than the project allows (issue 14).

Connected to ``retention_due`` and ``data_held`` (``codesign.retention``) in
``EventsConfig.ready``. A registration's personal data go the project's
``registration_retention_days`` after its workshop's last session ends; a cancelled
or never confirmed one's as soon as the workshop ends. A workshop without sessions
has no end yet, so nothing of it is due.
"""

from datetime import timedelta

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from codesign.models import Erasure
from codesign.retention import Held

from .models import Attendance, Registration, Workshop
from .personal_data import ERASED_EMAIL, erase_registration

ENDED = (Registration.Status.CANCELLED, Registration.Status.EXPIRED)
ERASED_SUFFIX = ERASED_EMAIL.split("}", 1)[1]


def kept(registrations):
    """The registrations whose personal data are still there."""
    return registrations.exclude(email__endswith=ERASED_SUFFIX)


def _workshops(project):
    workshops = Workshop.objects.filter(project=project)
    return workshops.annotate(last_end=Max("sessions__ends_at")).order_by("pk")


def _due(workshop, keep: timedelta, now) -> dict:
    """The workshop's registrations due at ``now``, by kind."""
    due = {"registrations": Registration.objects.none()}
    due["cancelled_registrations"] = due["registrations"]
    if workshop.last_end is None or workshop.last_end > now:
        return due
    registrations = kept(workshop.registrations.all())
    due["cancelled_registrations"] = registrations.filter(status__in=ENDED)
    if workshop.last_end + keep <= now:
        due["registrations"] = registrations.exclude(status__in=ENDED)
    return due


def erase_due_registrations(sender, project, now, dry_run, by=None, **kwargs) -> dict:
    """Erase the project's registrations its period no longer allows; counts by kind."""
    keep = timedelta(days=project.registration_retention_days)
    counts = {"registrations": 0, "cancelled_registrations": 0}
    for workshop in _workshops(project):
        for kind, registrations in _due(workshop, keep, now).items():
            due = list(registrations)
            counts[kind] += len(due)
            if dry_run or not due:
                continue
            for registration in due:
                erase_registration(registration)
            Erasure.objects.create(
                kind=Erasure.Kind.REGISTRATION,
                project=project,
                subject=f"workshop {workshop.pk}",
                count=len(due),
                reason=Erasure.Reason.RETENTION,
                by=by,
            )
    return counts


def registrations_held(sender, project, now, **kwargs) -> list[Held]:
    """How many registrations still hold personal data, and when the next go."""
    keep = timedelta(days=project.registration_retention_days)
    # Sessions are joined too (the last end), hence distinct counts.
    still_there = ~Q(registrations__email__endswith=ERASED_SUFFIX)
    ended = Q(registrations__status__in=ENDED)
    workshops = _workshops(project).annotate(
        ended=Count("registrations", filter=still_there & ended, distinct=True),
        live=Count("registrations", filter=still_there & ~ended, distinct=True),
    )
    count, dates = 0, []
    for workshop in workshops:
        count += workshop.ended + workshop.live
        if workshop.last_end is not None and workshop.ended:
            dates.append(workshop.last_end)
        if workshop.last_end is not None and workshop.live:
            dates.append(workshop.last_end + keep)
    days = project.registration_retention_days
    rule = ngettext(
        "%(days)d day after the workshop's last session; cancelled ones when the "
        "workshop ends",
        "%(days)d days after the workshop's last session; cancelled ones when the "
        "workshop ends",
        days,
    ) % {"days": days}
    return [Held(_("Registrations"), count, rule, min(dates, default=None))]


# Walk-ins' names are a registration's name by another route: they go with them.


def _walk_ins_due(project, now):
    """The project's named walk-ins whose workshop's registrations are due at ``now``."""
    keep = timedelta(days=project.registration_retention_days)
    ended = [
        workshop.pk
        for workshop in _workshops(project)
        if workshop.last_end is not None and workshop.last_end + keep <= now
    ]
    return Attendance.objects.named_walk_ins().filter(session__workshop__in=ended)


def erase_due_walk_ins(sender, project, now, dry_run, by=None, **kwargs) -> dict:
    """Erase walk-ins' names when their workshop's registrations go; the count."""
    due = _walk_ins_due(project, now)
    count = due.count()
    if count and not dry_run:
        due.update(walk_in_name="")
        Erasure.objects.create(
            kind=Erasure.Kind.REGISTRATION,
            project=project,
            subject="walk-ins",
            count=count,
            reason=Erasure.Reason.RETENTION,
            by=by,
        )
    return {"walk_ins": count}


def walk_ins_held(sender, project, now, **kwargs) -> list[Held]:
    """How many walk-in names the project holds, and when the next go."""
    keep = timedelta(days=project.registration_retention_days)
    named = Attendance.objects.named_walk_ins().filter(
        session__workshop__project=project
    )
    ends = dict(_workshops(project).values_list("pk", "last_end"))
    held_in = set(named.values_list("session__workshop", flat=True))
    dates = [ends[pk] + keep for pk in held_in if ends.get(pk) is not None]
    days = project.registration_retention_days
    rule = ngettext(
        "%(days)d day after the workshop's last session, with the registrations",
        "%(days)d days after the workshop's last session, with the registrations",
        days,
    ) % {"days": days}
    return [Held(_("Walk-ins' names"), named.count(), rule, min(dates, default=None))]
