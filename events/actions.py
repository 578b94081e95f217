"""Changes to workshops, sessions, registrations and invitations, shared by all views.

Places are decided while the workshop row is locked: ``select_for_update`` on
PostgreSQL, and on SQLite every transaction starts IMMEDIATE (settings), which
serialises writers. E-mails go out only after the transaction commits.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import emails
from .models import (
    CONFIRMATION_VALID_FOR,
    CalendarFeed,
    Invitation,
    Registration,
    Session,
    Workshop,
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


def lock_workshop(workshop_id: int) -> Workshop:
    """Re-read the workshop with its row locked until the transaction ends."""
    return Workshop.objects.select_for_update().get(pk=workshop_id)


def _notify_after_commit(send, registrations: Iterable[Registration], *args) -> None:
    registrations = list(registrations)
    transaction.on_commit(lambda: [send(r, *args) for r in registrations])


# Workshops and sessions -------------------------------------------------------------


@transaction.atomic
def create_workshop(actor, form) -> Workshop:
    """Save a new workshop from a valid WorkshopForm."""
    workshop = form.save(commit=False)
    workshop.created_by = actor
    workshop.save()
    return workshop


@transaction.atomic
def update_workshop(actor, form) -> Workshop:
    """Save an edited workshop; tell registrants and calendars when details changed."""
    taken = seats_taken(lock_workshop(form.instance.pk))
    if form.cleaned_data["capacity"] < taken:
        raise ValidationError(
            _("Capacity cannot be below the %(count)s places already confirmed."),
            params={"count": taken},
        )
    changed = set(form.changed_data)
    workshop = form.save(commit=False)
    workshop.updated_at = timezone.now()
    workshop.save()
    if changed & set(WORKSHOP_CALENDAR_FIELDS):
        workshop.sessions.update(
            sequence=models.F("sequence") + 1, updated_at=workshop.updated_at
        )
    if changed & set(WORKSHOP_NOTICE_FIELDS):
        _notify_after_commit(
            emails.send_change_notice, workshop_audience(workshop), None
        )
    promote_waitlisted(workshop)
    return workshop


@transaction.atomic
def cancel_workshop(actor, workshop: Workshop) -> Workshop:
    """Cancel a workshop and all its sessions; everyone registered is told."""
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
    _notify_after_commit(
        emails.send_cancellation_notice, workshop_audience(workshop), None
    )
    return workshop


@transaction.atomic
def save_session(actor, workshop: Workshop, form) -> Session:
    """Add or edit a session; an edit that moves it bumps SEQUENCE and tells registrants."""
    session = form.save(commit=False)
    is_new = session.pk is None
    if workshop.is_cancelled:
        raise ValidationError(
            _("This workshop is cancelled; its sessions cannot change.")
        )
    if not is_new and session.status == Session.Status.CANCELLED:
        raise ValidationError(
            _("This session is cancelled and can no longer be changed.")
        )
    session.workshop = workshop
    relevant = not is_new and set(SESSION_CALENDAR_FIELDS) & set(form.changed_data)
    if relevant:
        session.sequence += 1
    session.updated_at = timezone.now()
    session.save()
    form.save_m2m()
    if relevant:
        _notify_after_commit(
            emails.send_change_notice, workshop_audience(workshop), session
        )
    return session


@transaction.atomic
def cancel_session(actor, session: Session) -> Session:
    """Cancel one session; it stays in calendars as cancelled and registrants are told."""
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("This session is already cancelled."))
    session.status = Session.Status.CANCELLED
    session.sequence += 1
    session.updated_at = timezone.now()
    session.save(update_fields=["status", "sequence", "updated_at"])
    audience = workshop_audience(session.workshop)
    _notify_after_commit(emails.send_cancellation_notice, audience, session)
    return session


def workshop_audience(workshop: Workshop) -> list[Registration]:
    """Everyone holding a place or waiting for one."""
    return list(workshop.registrations.active().select_related("workshop"))


# Places -----------------------------------------------------------------------------


def seats_taken(workshop: Workshop) -> int:
    """Confirmed places, counting each companion as a place."""
    counts = workshop.registrations.filter(status=Status.CONFIRMED).aggregate(
        people=models.Count("pk"),
        companions=models.Count("pk", filter=~models.Q(companion_name="")),
    )
    return counts["people"] + counts["companions"]


def fits(workshop: Workshop, registration: Registration) -> bool:
    if seats_taken(workshop) + registration.seats > workshop.capacity:
        return False
    quota = workshop.quota_for(registration.role)
    if quota is None:
        return True
    same_role = workshop.registrations.filter(
        status=Status.CONFIRMED, role=registration.role
    )
    return same_role.count() < quota


def _place(workshop: Workshop, registration: Registration) -> Registration:
    """Give a registration a place or a spot on the waiting list (workshop locked)."""
    registration.status = (
        Status.CONFIRMED if fits(workshop, registration) else Status.WAITLISTED
    )
    registration.placed_at = timezone.now()
    registration.save(update_fields=["status", "placed_at"])
    if registration.invitation_id:
        Invitation.objects.filter(pk=registration.invitation_id).update(
            status=Invitation.Status.REGISTERED, responded_at=registration.placed_at
        )
    transaction.on_commit(lambda: emails.send_placed(registration))
    return registration


def promote_waitlisted(workshop: Workshop) -> list[Registration]:
    """Move waiting people into free places, first come first served (workshop locked)."""
    promoted = []
    for registration in workshop.registrations.filter(status=Status.WAITLISTED):
        if fits(workshop, registration):
            registration.status = Status.CONFIRMED
            registration.save(update_fields=["status"])
            promoted.append(registration)
    _notify_after_commit(emails.send_promotion, promoted)
    return promoted


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first person waiting, or None when not on the waiting list."""
    if registration.status != Status.WAITLISTED:
        return None
    earlier = registration.workshop.registrations.filter(
        status=Status.WAITLISTED
    ).filter(
        models.Q(placed_at__lt=registration.placed_at)
        | models.Q(placed_at=registration.placed_at, pk__lt=registration.pk)
    )
    return earlier.count() + 1


# Registering ------------------------------------------------------------------------


def check_open(workshop: Workshop) -> None:
    """Raise a readable ValidationError when this workshop takes no registrations now."""
    state = workshop.registration_state()
    messages = {
        "cancelled": _("This workshop has been cancelled."),
        "not_yet": _("Registration has not opened yet."),
        "closed": _("Registration for this workshop has closed."),
    }
    if state != "open":
        raise ValidationError(messages[state], code=state)


def check_link(workshop: Workshop, invitation: Invitation | None) -> None:
    """Invitation-only workshops take registrations through a personal invitation only."""
    if not workshop.is_public and invitation is None:
        raise ValidationError(
            _("This workshop is by invitation only."), code="invitation"
        )
    if invitation is not None and invitation.status != Invitation.Status.INVITED:
        raise ValidationError(_("This invitation has already been used."), code="used")


def register(
    workshop: Workshop, data: dict, user=None, invitation=None
) -> Registration:
    """Register someone for a workshop.

    With an account or a personal invitation the e-mail address is known to work,
    so a place is decided at once; otherwise the person first confirms by e-mail.
    """
    now = timezone.now()
    email = user.email if user else invitation.email if invitation else data["email"]
    email = email.strip().lower()
    try:
        with transaction.atomic():
            workshop = lock_workshop(workshop.pk)
            check_open(workshop)
            check_link(workshop, invitation)
            workshop.registrations.filter(
                email=email, status=Status.PENDING, confirm_expires_at__lte=now
            ).update(status=Status.EXPIRED)
            registration = Registration.objects.create(
                workshop=workshop,
                user=user,
                invitation=invitation,
                name=user.public_name if user else data["name"],
                email=email,
                role=data["role"],
                access_needs=data.get("access_needs", ""),
                companion_name=data.get("companion_name", ""),
                language=(user.preferred_language if user else None) or get_language(),
                consent_at=now,
                confirm_expires_at=now + CONFIRMATION_VALID_FOR,
            )
            if user or invitation:
                return _place(workshop, registration)
            transaction.on_commit(
                lambda: emails.send_confirmation_request(registration)
            )
            return registration
    except IntegrityError:
        raise ValidationError(
            _("This e-mail address is already registered for this workshop."),
            code="duplicate",
        ) from None


def confirm_registration(token: str) -> Registration:
    """Confirm a registration through its e-mail link; each link works once, in time."""
    with transaction.atomic():
        registration = Registration.objects.filter(confirm_token=token).first()
        if registration is None:
            raise ValidationError(
                _("This confirmation link is not valid."), code="invalid"
            )
        workshop = lock_workshop(registration.workshop_id)
        registration.refresh_from_db()
        if registration.status != Status.PENDING:
            raise ValidationError(
                _("This confirmation link has already been used."), code="used"
            )
        if registration.confirmation_expired():
            raise ValidationError(
                _("This confirmation link has expired. Please register again."),
                code="expired",
            )
        check_open(workshop)
        return _place(workshop, registration)


@transaction.atomic
def cancel_registration(registration: Registration) -> list[Registration]:
    """Cancel a registration (no log-in needed) and give its place to whoever is waiting."""
    workshop = lock_workshop(registration.workshop_id)
    registration.refresh_from_db()
    if registration.status in (Status.CANCELLED, Status.EXPIRED):
        raise ValidationError(
            _("This registration is already cancelled."), code="cancelled"
        )
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    transaction.on_commit(lambda: emails.send_cancelled(registration))
    return promote_waitlisted(workshop)


# Invitations and feeds --------------------------------------------------------------


@transaction.atomic
def invite_people(
    actor, workshop: Workshop, people: list[tuple[str, str]]
) -> list[Invitation]:
    """Create and send personal invitations; addresses already invited are skipped."""
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
def decline_invitation(invitation: Invitation) -> Invitation:
    if invitation.status != Invitation.Status.INVITED:
        raise ValidationError(_("This invitation has already been answered."))
    invitation.status = Invitation.Status.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    return invitation


def feed_for(user) -> CalendarFeed:
    """The person's private feed, created on first use."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def regenerate_feed(user) -> CalendarFeed:
    """Give the feed a new secret address; the old one stops working at once."""
    feed = feed_for(user)
    feed.token = CalendarFeed._meta.get_field("token").default()
    feed.save(update_fields=["token"])
    return feed
