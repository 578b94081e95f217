"""A registrant's personal data: the download part, anonymising, erasing (issue 14).

Connected to ``codesign.personal_data``'s signals in ``EventsConfig.ready``. An
erased registration keeps its workshop, role and status, so counts and the waiting
list stay right, and loses everything that says who it was.
"""

from .models import Registration

ERASED_EMAIL = "erased-{pk}@erased.invalid"


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
    # A companion still takes a seat until the workshop is over.
    registration.companion_name = "-" if registration.companion_name else ""
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
