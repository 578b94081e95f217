"""Who came: check-in per session, walk-ins, compensation, and counts of attendees by role.

Organisers and facilitators of the project check people in (they run the sessions);
compensation is the organisers' business. Each action checks the actor's rights
itself and raises ``PermissionDenied`` or ``ValidationError``.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from codesign.access import ORGANISERS, RUNS_SESSIONS, require_role
from codesign.models import Project, StakeholderRole

from .models import Attendance, Registration, Session

Status = Registration.Status
# Who may be checked in from the list: those with a place, and those still waiting
# (someone on the waiting list who turns up may take a free chair).
ON_THE_LIST = (Status.CONFIRMED, Status.WAITLISTED)


def _require_runs_session(actor, session: Session) -> None:
    require_role(actor, session.workshop.project, RUNS_SESSIONS)
    if session.is_cancelled:
        raise ValidationError(_("This session is cancelled."))


@transaction.atomic
def mark_attendance(
    actor, session: Session, registration: Registration, present: bool
) -> Attendance | None:
    """Mark a registrant present at a session, or not; the same mark twice changes nothing."""
    _require_runs_session(actor, session)
    if registration.workshop_id != session.workshop_id:
        raise PermissionDenied
    if registration.status not in ON_THE_LIST:
        raise ValidationError(_("This registration is cancelled."))
    if not present:
        session.attendances.filter(registration=registration).delete()
        return None
    attendance, _created = Attendance.objects.get_or_create(
        session=session,
        registration=registration,
        defaults={"role": registration.role, "by": actor},
    )
    return attendance


def add_walk_in(actor, session: Session, data: dict) -> Attendance:
    """Check in someone who came without registering, by name and role."""
    _require_runs_session(actor, session)
    return Attendance.objects.create(
        session=session, walk_in_name=data["name"], role=data["role"], by=actor
    )


def remove_walk_in(actor, attendance: Attendance) -> None:
    """Take a walk-in off a session's list (entered by mistake)."""
    _require_runs_session(actor, attendance.session)
    if not attendance.is_walk_in:
        raise PermissionDenied
    attendance.delete()


def set_compensation(actor, registration: Registration, data: dict) -> Registration:
    """Record what a registrant was offered, accepted or was paid, and how much."""
    require_role(actor, registration.workshop.project, ORGANISERS)
    registration.compensation_status = data["compensation_status"]
    registration.compensation = data["compensation"]
    registration.save(update_fields=["compensation_status", "compensation"])
    return registration


# Reads ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInRow:
    registration: Registration
    attendance: Attendance | None

    @property
    def present(self) -> bool:
        return self.attendance is not None


def check_in_list(session: Session) -> tuple[list[CheckInRow], list[Attendance]]:
    """The session's registrants with whether they came, and its walk-ins: two queries."""
    attendances = list(session.attendances.all())
    by_registration = {a.registration_id: a for a in attendances if a.registration_id}
    registrations = session.workshop.registrations.filter(
        Q(status__in=ON_THE_LIST) | Q(pk__in=by_registration)
    ).order_by("name", "pk")
    rows = [CheckInRow(r, by_registration.get(r.pk)) for r in registrations]
    return rows, [a for a in attendances if a.is_walk_in]


def sessions_attended(workshop) -> dict[int, int]:
    """How many of the workshop's sessions each registration came to, by registration id."""
    rows = (
        Attendance.objects.filter(session__workshop=workshop)
        .exclude(registration=None)
        .values_list("registration")
        .annotate(n=Count("id"))
    )
    return dict(rows)


def registrations_with_attendance(workshop) -> list[Registration]:
    """The workshop's registrations, each with ``sessions_attended`` set: two queries."""
    attended = sessions_attended(workshop)
    registrations = list(workshop.registrations.select_related("user"))
    for registration in registrations:
        registration.sessions_attended = attended.get(registration.pk, 0)
    return registrations


def _attendees(attendances) -> dict[str, int]:
    """People by role: a registrant counts once however many sessions, a walk-in once."""
    counts = {role: 0 for role in StakeholderRole.values}
    registrants = (
        attendances.exclude(registration=None)
        .values_list("role")
        .annotate(n=Count("registration", distinct=True))
    )
    walk_ins = attendances.walk_ins().values_list("role").annotate(n=Count("id"))
    for role, n in [*registrants, *walk_ins]:
        counts[role] += n
    return counts


def attended_by_role(workshop) -> dict[str, int]:
    """The workshop's attendees by role, every role present (zero when none came)."""
    return _attendees(Attendance.objects.filter(session__workshop=workshop))


def attendance_by_role(project: Project, iteration=None) -> list[tuple[str, int]]:
    """(role, people) rows of who came to the project's sessions, for reports and the timeline.

    A registrant who came to several sessions counts once per workshop; each walk-in
    counts once. With ``iteration``, only the workshops of that iteration count.
    """
    attendances = Attendance.objects.filter(session__workshop__project=project)
    if iteration is not None:
        attendances = attendances.filter(session__workshop__iteration=iteration)
    counts = _attendees(attendances)
    return [(role, n) for role, n in counts.items() if n]


def attendance_by_iteration(
    project: Project,
) -> dict[int | None, list[tuple[str, int]]]:
    """``attendance_by_role`` for every iteration of the project at once (two queries)."""
    attendances = Attendance.objects.filter(session__workshop__project=project)
    registrants = (
        attendances.exclude(registration=None)
        .values_list("session__workshop__iteration", "role")
        .annotate(n=Count("registration", distinct=True))
    )
    walk_ins = (
        attendances.walk_ins()
        .values_list("session__workshop__iteration", "role")
        .annotate(n=Count("id"))
    )
    totals: dict[int | None, dict[str, int]] = {}
    for iteration, role, n in [*registrants, *walk_ins]:
        by_role = totals.setdefault(iteration, {})
        by_role[role] = by_role.get(role, 0) + n
    order = StakeholderRole.values
    return {
        it: sorted(by_role.items(), key=lambda row: order.index(row[0]))
        for it, by_role in totals.items()
    }


def checked_in_at(attendance: Attendance) -> str:
    """When someone was checked in, in the site's time zone, for lists and exports."""
    return timezone.localtime(attendance.checked_in_at).isoformat(timespec="seconds")
