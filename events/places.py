"""Places in a workshop: how many are taken, who fits, who waits and who moves up.

Places are decided while the workshop row is locked: ``select_for_update`` on
PostgreSQL, and on SQLite every transaction starts IMMEDIATE (settings), which
serialises writers. E-mails go out only after the transaction commits.
"""

from collections.abc import Iterable

from django.db import models, transaction
from django.utils import timezone

from . import emails
from .models import Invitation, OrganiserNotice, Registration, Workshop
from .organisers import tell_organisers

Status = Registration.Status


def lock_workshop(workshop_id: int) -> Workshop:
    """Re-read the workshop with its row locked until the transaction ends."""
    return Workshop.objects.select_for_update().get(pk=workshop_id)


def notify_after_commit(send, registrations: Iterable[Registration], *args) -> None:
    """Send ``send(registration, *args)`` to each registration once the transaction commits."""
    registrations = list(registrations)
    transaction.on_commit(lambda: [send(r, *args) for r in registrations])


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


def give_place(workshop: Workshop, registration: Registration) -> Registration:
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
    placed = registration.status == Status.CONFIRMED
    kind = (
        OrganiserNotice.Kind.REGISTERED if placed else OrganiserNotice.Kind.WAITLISTED
    )
    tell_organisers(registration, kind)
    return registration


def promote_waitlisted(workshop: Workshop) -> list[Registration]:
    """Move waiting people into free places, first come first served (workshop locked)."""
    promoted = []
    for registration in workshop.registrations.filter(status=Status.WAITLISTED):
        if fits(workshop, registration):
            registration.status = Status.CONFIRMED
            registration.save(update_fields=["status"])
            tell_organisers(registration, OrganiserNotice.Kind.PROMOTED)
            promoted.append(registration)
    notify_after_commit(emails.send_promotion, promoted)
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
