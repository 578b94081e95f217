"""Who came to a session: registrants checked in and walk-ins without an account."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from codesign.models import StakeholderRole

from .registrations import Registration
from .workshops import Session


class AttendanceQuerySet(models.QuerySet):
    def walk_ins(self) -> "AttendanceQuerySet":
        return self.filter(registration=None)

    def named_walk_ins(self) -> "AttendanceQuerySet":
        """Walk-ins whose name is still kept (retention erases it)."""
        return self.walk_ins().exclude(walk_in_name="")


class Attendance(models.Model):
    """One person present at one session: a registration, or a walk-in by name and role."""

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("session"),
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attendances",
        verbose_name=_("registration"),
    )
    walk_in_name = models.CharField(_("name"), max_length=120, blank=True)
    # A registrant's role is copied too, so counts by role need no join.
    role = models.CharField(
        _("stakeholder role"), max_length=20, choices=StakeholderRole.choices
    )
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["checked_in_at", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "registration"],
                condition=models.Q(registration__isnull=False),
                name="one_check_in_per_registration",
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.get_role_display()}"

    @property
    def is_walk_in(self) -> bool:
        return self.registration_id is None
