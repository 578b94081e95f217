"""Who comes to a workshop: registrations, invitations and the reminders sent to them."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from codesign.links import site_url
from codesign.models import StakeholderRole

from .workshops import Session, Workshop, new_token

CONFIRMATION_VALID_FOR = timedelta(hours=48)


class RegistrationQuerySet(models.QuerySet):
    def active(self) -> "RegistrationQuerySet":
        """Registrations that hold a place or a place in the queue."""
        return self.filter(
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
        )

    def live_for(self, email: str) -> "RegistrationQuerySet":
        """Registrations of this address that still count: placed, or awaiting confirmation."""
        status = Registration.Status
        return self.filter(email=email).filter(
            models.Q(status__in=[status.CONFIRMED, status.WAITLISTED])
            | models.Q(status=status.PENDING, confirm_expires_at__gt=timezone.now())
        )


class Registration(models.Model):
    """A person's registration for a workshop (with or without an account)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for e-mail confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Not confirmed in time")

    class Compensation(models.TextChoices):
        NONE = "", _("Not offered")
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        PAID = "paid", _("Paid")

    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("workshop"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("account"),
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("stakeholder role"), max_length=20, choices=StakeholderRole.choices
    )
    access_needs = models.TextField(_("access needs"), max_length=2000, blank=True)
    companion_name = models.CharField(_("companion"), max_length=120, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    consent_at = models.DateTimeField(_("consent given at"))
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    # Arrival order for places and the waiting list: when the registration became real.
    placed_at = models.DateTimeField(_("placed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    confirm_token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False
    )
    confirm_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    manage_token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False
    )
    invitation = models.OneToOneField(
        "Invitation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registration",
        verbose_name=_("invitation"),
    )

    compensation_status = models.CharField(
        _("compensation"),
        max_length=10,
        choices=Compensation.choices,
        default=Compensation.NONE,
        blank=True,
    )
    compensation = models.CharField(
        _("amount or kind"),
        max_length=120,
        blank=True,
        help_text=_("For example “€ 50” or “a voucher of € 25”."),
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["placed_at", "created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "email"],
                condition=models.Q(status__in=["pending", "confirmed", "waitlisted"]),
                name="one_live_registration_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.workshop}"

    @property
    def seats(self) -> int:
        """Places this registration takes: the person plus an optional companion."""
        return 2 if self.companion_name else 1

    def confirmation_expired(self, now=None) -> bool:
        now = now or timezone.now()
        return self.confirm_expires_at is not None and now >= self.confirm_expires_at

    def manage_url(self) -> str:
        return site_url() + reverse("events:registration", args=[self.manage_token])

    def cancel_url(self) -> str:
        return site_url() + reverse(
            "events:registration_cancel", args=[self.manage_token]
        )


class Invitation(models.Model):
    """A personal invitation link sent to one e-mail address."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        REGISTERED = "registered", _("Registered")
        DECLINED = "declined", _("Declined")

    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("workshop"),
    )
    email = models.EmailField(_("e-mail address"))
    role_hint = models.CharField(
        _("suggested role"), max_length=20, choices=StakeholderRole.choices, blank=True
    )
    token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INVITED
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["invited_at", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "email"], name="one_invitation_per_email"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} · {self.workshop}"

    def url(self) -> str:
        return site_url() + reverse("events:invitation", args=[self.token])


class Reminder(models.Model):
    """A record that the day-before reminder for a session went to a registration."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders"
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="reminders"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="one_reminder"
            )
        ]
