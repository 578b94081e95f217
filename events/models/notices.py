"""What organisers are told about registrations: events waiting for a digest, digests sent."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .registrations import Registration
from .workshops import Workshop


class Digest(models.Model):
    """The daily digest of one workshop for one day: sent once, never twice."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="digests"
    )
    day = models.DateField(_("day"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "day"], name="one_digest_a_day")
        ]


class OrganiserNotice(models.Model):
    """A registration, cancellation or promotion that the day's digest will list."""

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        PROMOTED = "promoted", _("Moved up from the waiting list")

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="organiser_notices_due"
    )
    # The registration, not a copy of its name: erasing it leaves nothing behind here.
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("what happened"), max_length=20, choices=Kind.choices)
    happened_at = models.DateTimeField(_("when"), default=timezone.now)
    digest = models.ForeignKey(
        Digest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notices",
    )

    class Meta:
        ordering = ["happened_at", "pk"]
        verbose_name = _("notice to organisers")
        verbose_name_plural = _("notices to organisers")
