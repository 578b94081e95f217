"""Workshops and their sessions: what is planned, where, when and for whom."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from codesign.links import site_url
from codesign.models import Iteration, Project


def new_token() -> str:
    """An unguessable URL-safe token for links sent by e-mail or shared publicly."""
    return secrets.token_urlsafe(24)


class InvolvementLevel(models.TextChoices):
    LISTENER = "listener", _("Listener")
    CO_THINKER = "co_thinker", _("Co-thinker")
    ADVISOR = "advisor", _("Advisor")
    PARTNER = "partner", _("Partner")
    DECISION_MAKER = "decision_maker", _("Decision-maker")


class WorkshopQuerySet(models.QuerySet):
    def with_counts(self) -> "WorkshopQuerySet":
        """Annotate confirmed places taken and waitlist length in one query."""
        # Registrations point at workshops, so their module imports this one.
        from .registrations import Registration

        status = Registration.Status
        return self.annotate(
            confirmed_count=models.Count(
                "registrations", filter=models.Q(registrations__status=status.CONFIRMED)
            ),
            waitlist_count=models.Count(
                "registrations",
                filter=models.Q(registrations__status=status.WAITLISTED),
            ),
        )


class Workshop(models.Model):
    """A co-design workshop in a project, with one or more sessions."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public registration link")
        INVITATION = "invitation", _("Invitation only")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    class OrganiserNotices(models.TextChoices):
        EACH = "each", _("An e-mail for each registration, cancellation or promotion")
        DIGEST = "digest", _("One e-mail a day with all of them")
        NONE = "none", _("No e-mail")

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="workshops",
        verbose_name=_("project"),
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
    place = models.CharField(
        _("place"),
        max_length=300,
        blank=True,
        help_text=_("Address or building. Leave empty for an online-only workshop."),
    )
    online_link = models.URLField(
        _("online link"),
        max_length=500,
        blank=True,
        help_text=_("For example a video call."),
    )
    accessibility_info = models.TextField(
        _("accessibility information"),
        max_length=5000,
        blank=True,
        help_text=_("Step-free access, hearing loop, quiet room, breaks, parking…"),
    )
    compensation_info = models.TextField(
        _("compensation and expenses"),
        max_length=5000,
        blank=True,
        help_text=_("What participants receive and which costs are paid back."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        default=20,
        help_text=_("Total number of places, companions included."),
    )
    role_quotas = models.JSONField(
        _("places per stakeholder role"),
        default=dict,
        blank=True,
        help_text=_(
            "At most this many places for a role; roles left out have no limit."
        ),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True
    )
    visibility = models.CharField(
        _("who can register"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    public_token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    organiser_notices = models.CharField(
        _("how organisers hear of registrations, cancellations and promotions"),
        max_length=10,
        choices=OrganiserNotices.choices,
        default=OrganiserNotices.EACH,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registration_closes_at__isnull=True)
                | models.Q(registration_opens_at__isnull=True)
                | models.Q(
                    registration_closes_at__gt=models.F("registration_opens_at")
                ),
                name="workshop_registration_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:workshop", args=[self.project_id, self.pk])

    def public_path(self) -> str:
        return reverse("events:public_workshop", args=[self.public_token])

    def page_url(self) -> str:
        """The absolute address people outside the team can use, for e-mails and calendars."""
        if self.is_public:
            return site_url() + self.public_path()
        return site_url() + self.get_absolute_url()

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def quota_for(self, role: str) -> int | None:
        value = self.role_quotas.get(role)
        return int(value) if value is not None else None

    def registration_state(self, now=None) -> str:
        """Why registration is closed ("cancelled", "not_yet", "closed") or "open"."""
        now = now or timezone.now()
        if self.is_cancelled:
            return "cancelled"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet"
        if self.registration_closes_at and now >= self.registration_closes_at:
            return "closed"
        return "open"


class Session(models.Model):
    """One meeting of a workshop, with a time-zone-aware start and end."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("workshop"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=200, blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_sessions",
        verbose_name=_("facilitators"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    # Calendar clients replace an event only when its SEQUENCE goes up (RFC 5545).
    sequence = models.PositiveIntegerField(
        _("calendar sequence"), default=0, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return (
            self.title
            or f"{self.workshop} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"
        )

    @property
    def project(self) -> Project:
        return self.workshop.project

    def get_absolute_url(self) -> str:
        return self.workshop.get_absolute_url()

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED or self.workshop.is_cancelled

    @property
    def summary(self) -> str:
        if self.title:
            return f"{self.workshop.title}: {self.title}"
        return self.workshop.title
