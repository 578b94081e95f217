"""Changes to workshops, sessions and invitations, shared by all views.

Registering, confirming and cancelling a place are in ``events.registering``.

Each action takes the actor and cleaned data, checks the actor's rights itself
(organisers run workshops; a personal link's token is its holder's right) and
raises ``PermissionDenied`` or ``ValidationError``. Places are decided with the
workshop locked and e-mails go out after commit (see ``places``).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from codesign.access import ORGANISERS, require_account, require_role
from codesign.models import Project

from . import emails
from .access import may_facilitate, require_organiser
from .emails import Difference
from .models import (
    CalendarFeed,
    Invitation,
    Registration,
    Session,
    Workshop,
)
from .places import (
    lock_workshop,
    notify_after_commit,
    promote_waitlisted,
    seats_taken,
)

Status = Registration.Status
# Changing any of these changes what a calendar shows, so SEQUENCE must go up; the
# practical ones (where, how to join, access) are also worth an e-mail to registrants.
WORKSHOP_CALENDAR_FIELDS = (
    "title",
    "description",
    "place",
    "online_link",
    "accessibility_info",
    "visibility",
)
WORKSHOP_NOTICE_FIELDS = ("title", "place", "online_link", "accessibility_info")
SESSION_CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "room")


# Workshops and sessions -------------------------------------------------------------

WORKSHOP_FIELDS = (
    "title",
    "description",
    "iteration",
    "involvement_level",
    "place",
    "online_link",
    "accessibility_info",
    "compensation_info",
    "capacity",
    "role_quotas",
    "registration_opens_at",
    "registration_closes_at",
    "visibility",
    "organiser_notices",
)


def _assign(obj, data: dict, fields) -> set[str]:
    """Copy the ``fields`` present in ``data`` onto ``obj``; returns those that changed."""
    changed = {
        name for name in fields if name in data and getattr(obj, name) != data[name]
    }
    for name in changed:
        setattr(obj, name, data[name])
    return changed


def _values(obj, fields) -> dict:
    """The values of ``fields`` now, to compare with after a change."""
    return {name: getattr(obj, name) for name in fields}


def _differences(obj, before: dict) -> list[Difference]:
    """What changed since ``before``, as (field, old, new), for the change e-mail."""
    return [
        Difference(obj._meta.get_field(name).verbose_name, old, getattr(obj, name))
        for name, old in before.items()
        if getattr(obj, name) != old
    ]


def _validate(obj, fields) -> None:
    """Run the model's checks on the fields an action sets, not on those it leaves."""
    obj.full_clean(exclude=[f.name for f in obj._meta.fields if f.name not in fields])


def _check_iteration(project: Project, iteration) -> None:
    if iteration is not None and iteration.project_id != project.pk:
        raise ValidationError({"iteration": _("Choose an iteration of this project.")})


@transaction.atomic
def create_workshop(actor, project: Project, data: dict) -> Workshop:
    """Create a workshop in a project the actor organises."""
    require_role(actor, project, ORGANISERS)
    _check_iteration(project, data.get("iteration"))
    workshop = Workshop(project=project, created_by=actor)
    _assign(workshop, data, WORKSHOP_FIELDS)
    _validate(workshop, WORKSHOP_FIELDS)
    workshop.save()
    return workshop


@transaction.atomic
def update_workshop(actor, workshop: Workshop, data: dict) -> Workshop:
    """Save changes to a workshop; tell registrants and calendars when details changed."""
    require_organiser(actor, workshop)
    _check_iteration(workshop.project, data.get("iteration"))
    # A fresh, locked copy: places are counted under the lock, and a form may have
    # changed the caller's copy in memory while validating.
    workshop = lock_workshop(workshop.pk)
    taken = seats_taken(workshop)
    if data.get("capacity", workshop.capacity) < taken:
        raise ValidationError(
            _("Capacity cannot be below the %(count)s places already confirmed."),
            params={"count": taken},
        )
    before = _values(workshop, WORKSHOP_NOTICE_FIELDS)
    changed = _assign(workshop, data, WORKSHOP_FIELDS)
    workshop.updated_at = timezone.now()
    _validate(workshop, WORKSHOP_FIELDS)
    workshop.save()
    if changed & set(WORKSHOP_CALENDAR_FIELDS):
        workshop.sessions.update(
            sequence=models.F("sequence") + 1, updated_at=workshop.updated_at
        )
    if changed & set(WORKSHOP_NOTICE_FIELDS):
        differences = _differences(workshop, before)
        notify_after_commit(
            emails.send_change_notice, workshop_audience(workshop), None, differences
        )
    promote_waitlisted(workshop)
    return workshop


@transaction.atomic
def cancel_workshop(actor, workshop: Workshop) -> Workshop:
    """Cancel a workshop and all its sessions; everyone registered is told."""
    require_organiser(actor, workshop)
    workshop = lock_workshop(workshop.pk)
    if workshop.is_cancelled:
        raise ValidationError(_("This workshop is already cancelled."))
    now = timezone.now()
    workshop.status = Workshop.Status.CANCELLED
    workshop.updated_at = now
    workshop.save(update_fields=["status", "updated_at"])
    workshop.sessions.update(
        status=Session.Status.CANCELLED,
        sequence=models.F("sequence") + 1,
        updated_at=now,
    )
    notify_after_commit(
        emails.send_cancellation_notice, workshop_audience(workshop), None
    )
    return workshop


def _session_to_change(workshop: Workshop, session: Session | None) -> Session:
    """A new session, or a fresh copy of this one (a form may have changed the caller's)."""
    if workshop.is_cancelled:
        raise ValidationError(
            _("This workshop is cancelled; its sessions cannot change.")
        )
    if session is None:
        return Session(workshop=workshop)
    if session.workshop_id != workshop.pk:
        raise PermissionDenied
    session = Session.objects.get(pk=session.pk)
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(
            _("This session is cancelled and can no longer be changed.")
        )
    return session


def _check_facilitators(workshop: Workshop, people) -> None:
    allowed = set(may_facilitate(workshop.project).values_list("pk", flat=True))
    if any(person.pk not in allowed for person in people):
        raise ValidationError(
            {
                "facilitators": _(
                    "Only organisers and facilitators of the project can run a session."
                )
            }
        )


@transaction.atomic
def save_session(
    actor, workshop: Workshop, data: dict, session: Session | None = None
) -> Session:
    """Add a session, or edit one; an edit that moves it bumps SEQUENCE and tells registrants."""
    require_organiser(actor, workshop)
    session = _session_to_change(workshop, session)
    facilitators = data.get("facilitators")
    if facilitators is not None:
        _check_facilitators(workshop, facilitators)
    is_new = session.pk is None
    before = _values(session, SESSION_CALENDAR_FIELDS)
    relevant = _assign(session, data, SESSION_CALENDAR_FIELDS) and not is_new
    if relevant:
        session.sequence += 1
    session.updated_at = timezone.now()
    _validate(session, SESSION_CALENDAR_FIELDS)
    session.save()
    if facilitators is not None:
        session.facilitators.set(facilitators)
    if relevant:
        differences = _differences(session, before)
        notify_after_commit(
            emails.send_change_notice, workshop_audience(workshop), session, differences
        )
    return session


@transaction.atomic
def cancel_session(actor, session: Session) -> Session:
    """Cancel one session; it stays in calendars as cancelled and registrants are told."""
    require_organiser(actor, session.workshop)
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("This session is already cancelled."))
    session.status = Session.Status.CANCELLED
    session.sequence += 1
    session.updated_at = timezone.now()
    session.save(update_fields=["status", "sequence", "updated_at"])
    audience = workshop_audience(session.workshop)
    notify_after_commit(emails.send_cancellation_notice, audience, session)
    return session


def workshop_audience(workshop: Workshop) -> list[Registration]:
    """Everyone holding a place or waiting for one."""
    return list(workshop.registrations.active().select_related("workshop"))


# Invitations and feeds --------------------------------------------------------------


@transaction.atomic
def invite_people(
    actor, workshop: Workshop, people: list[tuple[str, str]]
) -> list[Invitation]:
    """Create and send personal invitations; addresses already invited are skipped."""
    require_organiser(actor, workshop)
    if workshop.is_cancelled:
        raise ValidationError(_("This workshop has been cancelled."))
    known = set(workshop.invitations.values_list("email", flat=True))
    invitations = [
        Invitation.objects.create(
            workshop=workshop, email=email, role_hint=role, invited_by=actor
        )
        for email, role in people
        if email not in known
    ]
    language = get_language()
    transaction.on_commit(
        lambda: [
            emails.send_invitation(invitation, language) for invitation in invitations
        ]
    )
    return invitations


@transaction.atomic
def decline_invitation(token: str) -> Invitation:
    """Decline the invitation this personal link belongs to; the token is the right."""
    invitation = Invitation.objects.filter(token=token).first()
    if invitation is None:
        raise PermissionDenied
    if invitation.status != Invitation.Status.INVITED:
        raise ValidationError(_("This invitation has already been answered."))
    invitation.status = Invitation.Status.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    return invitation


def feed_for(actor) -> CalendarFeed:
    """The actor's own private feed, created on first use."""
    require_account(actor)
    feed, _created = CalendarFeed.objects.get_or_create(user=actor)
    return feed


def regenerate_feed(actor) -> CalendarFeed:
    """Give the actor's feed a new secret address; the old one stops working at once."""
    feed = feed_for(actor)
    feed.token = CalendarFeed._meta.get_field("token").default()
    feed.save(update_fields=["token"])
    return feed
