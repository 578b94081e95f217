"""Registering for a workshop, confirming by e-mail and cancelling through a personal link.

A place is decided with the workshop locked (``places``) and e-mails go out after
commit. A personal link's token is its holder's right: no log-in is needed.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import emails
from .models import (
    CONFIRMATION_VALID_FOR,
    Invitation,
    OrganiserNotice,
    Registration,
    Workshop,
)
from .organisers import tell_organisers
from .places import give_place, lock_workshop, promote_waitlisted

Status = Registration.Status


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


def _tell_owner_if_registered(workshop: Workshop, email: str) -> bool:
    """Mail the owner of an address that is registered already; whether it was."""
    existing = workshop.registrations.live_for(email).first()
    if existing is not None:
        transaction.on_commit(lambda: emails.send_already_registered(existing))
    return existing is not None


def register(
    actor, workshop: Workshop, data: dict, invitation: Invitation | None = None
) -> Registration:
    """Register the signed-in actor, or the person named in ``data``, for a workshop.

    Anyone may register for a public workshop; an invitation-only one takes the
    holder of a personal invitation to it. With an account or an invitation the
    e-mail address is known to work, so a place is decided at once; otherwise the
    person first confirms by e-mail. A public form must not tell who is registered
    (attendance can be sensitive), so an address registered already gets an
    unsaved pending registration, the answer a new one gets, and a mail to its owner.
    """
    user = actor if getattr(actor, "is_authenticated", False) else None
    if invitation is not None and invitation.workshop_id != workshop.pk:
        raise PermissionDenied
    email = user.email if user else invitation.email if invitation else data["email"]
    email = email.strip().lower()
    try:
        with transaction.atomic():
            workshop = lock_workshop(workshop.pk)
            check_open(workshop)
            check_link(workshop, invitation)
            workshop.registrations.filter(
                email=email,
                status=Status.PENDING,
                confirm_expires_at__lte=timezone.now(),
            ).update(status=Status.EXPIRED)
            if not (user or invitation) and _tell_owner_if_registered(workshop, email):
                return Registration(workshop=workshop, email=email)
            registration = _new_registration(workshop, user, invitation, email, data)
            if user or invitation:
                return give_place(workshop, registration)
            transaction.on_commit(
                lambda: emails.send_confirmation_request(registration)
            )
            return registration
    except IntegrityError:
        raise ValidationError(
            _("This e-mail address is already registered for this workshop."),
            code="duplicate",
        ) from None


def _new_registration(workshop, user, invitation, email: str, data: dict):
    """The pending registration row, in the person's language, consent given now."""
    now = timezone.now()
    return Registration.objects.create(
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


def confirm_registration(token: str) -> Registration:
    """Confirm a registration through its e-mail link; each link works once, in time.

    The token is the holder's right: whoever has the link may confirm.
    """
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
        return give_place(workshop, registration)


@transaction.atomic
def cancel_registration(manage_token: str) -> list[Registration]:
    """Cancel the registration this personal link belongs to; its place goes to whoever waits.

    The token is the holder's right: no log-in is needed.
    """
    registration = Registration.objects.filter(manage_token=manage_token).first()
    if registration is None:
        raise PermissionDenied
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
    tell_organisers(registration, OrganiserNotice.Kind.CANCELLED)
    return promote_waitlisted(workshop)
