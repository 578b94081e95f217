"""A registrant's personal data: the download part, anonymising, erasing (issue 14).

Connected to ``codesign.personal_data``'s signals in ``EventsConfig.ready``. An
erased registration keeps its workshop, role and status, so counts and the waiting
list stay right, and loses everything that says who it was.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from codesign.models import Erasure

from .models import Registration
from .places import lock_workshop, promote_waitlisted, seats_taken
from .registering import cancel_registration

ERASED_EMAIL = "erased-{pk}@erased.invalid"
LIVE = (
    Registration.Status.PENDING,
    Registration.Status.CONFIRMED,
    Registration.Status.WAITLISTED,
)


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def registration_data(registration: Registration) -> dict:
    """Everything stored about one registration, as plain JSON data."""
    return {
        "workshop": registration.workshop.title,
        "name": registration.name,
        "email": registration.email,
        "role": registration.role,
        "access_needs": registration.access_needs,
        "companion": registration.companion_name,
        "language": registration.language,
        "status": registration.status,
        "consent_at": _when(registration.consent_at),
        "registered_at": _when(registration.created_at),
        "cancelled_at": _when(registration.cancelled_at),
        "compensation": registration.compensation_status,
        "compensation_amount_or_kind": registration.compensation,
        "attended_sessions": [
            _when(a.session.starts_at)
            for a in registration.attendances.select_related("session")
        ],
    }


def is_erased(registration: Registration) -> bool:
    return registration.email == ERASED_EMAIL.format(pk=registration.pk)


def erase_registration(registration: Registration) -> None:
    """Remove who the registration was: name, e-mail, access needs, companion, account."""
    registration.name = ""
    # The e-mail is required and unique among live registrations of a workshop: an
    # address that names the row, not the person, keeps both rules.
    registration.email = ERASED_EMAIL.format(pk=registration.pk)
    registration.access_needs = ""
    # A live registration's companion still takes a seat, so a mark stays.
    live = registration.status in LIVE
    registration.companion_name = "-" if live and registration.companion_name else ""
    registration.user = None
    registration.save(
        update_fields=["name", "email", "access_needs", "companion_name", "user"]
    )


def collect_registrations(sender, user, **kwargs) -> dict:
    """The account's registrations, with access needs and companion."""
    registrations = Registration.objects.filter(user=user).select_related("workshop")
    return {"registrations": [registration_data(r) for r in registrations]}


def anonymise_registrations(sender, user, **kwargs) -> int:
    """An account goes: its registrations stay as places, without who held them."""
    registrations = list(Registration.objects.filter(user=user))
    for registration in registrations:
        erase_registration(registration)
    return len(registrations)


def _by_token(manage_token: str) -> Registration:
    registration = Registration.objects.filter(manage_token=manage_token).first()
    if registration is None:
        raise PermissionDenied
    return registration


def update_registration_details(
    manage_token: str, *, access_needs: str, companion_name: str
) -> Registration:
    """The holder of the link changes access needs and companion; seats are checked."""
    registration = _by_token(manage_token)
    with transaction.atomic():
        workshop = lock_workshop(registration.workshop_id)
        registration.refresh_from_db()
        if registration.status not in LIVE:
            raise ValidationError(_("This registration is cancelled."), code="invalid")
        seats_before = registration.seats
        registration.access_needs = access_needs
        registration.companion_name = companion_name
        extra = registration.seats - seats_before
        confirmed = registration.status == Registration.Status.CONFIRMED
        if confirmed and seats_taken(workshop) + extra > workshop.capacity:
            raise ValidationError(
                _("There is no free place for a companion."), code="full"
            )
        registration.save(update_fields=["access_needs", "companion_name"])
        if extra < 0:
            promote_waitlisted(workshop)
    return registration


def cancel_and_erase(manage_token: str) -> Erasure:
    """Cancel the registration (its place goes to whoever waits) and erase who it was."""
    registration = _by_token(manage_token)
    with transaction.atomic():
        if registration.status in LIVE:
            cancel_registration(manage_token)
            registration.refresh_from_db()
        erase_registration(registration)
        return Erasure.objects.create(
            kind=Erasure.Kind.REGISTRATION,
            project_id=registration.workshop.project_id,
            subject=f"registration {registration.pk}",
            count=1,
            reason=Erasure.Reason.REQUEST,
        )
