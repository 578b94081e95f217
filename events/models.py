"""Workshops and their sessions; registrations, invitations and calendars build on these."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from codesign.models import Iteration, Project


class InvolvementLevel(models.TextChoices):
    LISTENER = "listener", _("Listener")
    CO_THINKER = "co_thinker", _("Co-thinker")
    ADVISOR = "advisor", _("Advisor")
    PARTNER = "partner", _("Partner")
    DECISION_MAKER = "decision_maker", _("Decision-maker")


class Workshop(models.Model):
    """A co-design workshop in a project, with one or more sessions."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="workshops", verbose_name=_("project")
    )
    iteration = models.ForeignKey(
        Iteration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshops",
        verbose_name=_("iteration"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    involvement_level = models.CharField(
        _("involvement level"),
        max_length=20,
        choices=InvolvementLevel.choices,
        default=InvolvementLevel.CO_THINKER,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    """One meeting of a workshop, with a time-zone-aware start and end."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("workshop")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title or f"{self.workshop} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def project(self) -> Project:
        return self.workshop.project

    def get_absolute_url(self) -> str:
        return reverse("events:workshop", args=[self.workshop_id])
