"""The co-design core: people, projects, their members and the iterations of the cycle."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StakeholderRole(models.TextChoices):
    """The fixed list of stakeholder roles people choose for themselves (DESIGN §2)."""

    PATIENT = "patient", _("Patient")
    FAMILY = "family", _("Family member or carer")
    CLINICIAN = "clinician", _("Clinician")
    ENGINEER = "engineer", _("Engineer or designer")
    RESEARCHER = "researcher", _("Researcher")
    COMMUNITY = "community", _("Community member")
    POLICY = "policy", _("Policy maker or payer")
    OTHER = "other", _("Other")


class User(AbstractUser):
    """A person with an account; the profile fields live here to save a join."""

    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    stakeholder_role = models.CharField(
        _("stakeholder role"),
        max_length=20,
        choices=StakeholderRole.choices,
        default=StakeholderRole.OTHER,
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    def __str__(self) -> str:
        return self.display_name or self.email or self.username

    @property
    def public_name(self) -> str:
        """The name shown to others: never the e-mail address."""
        return self.display_name or _("Member")


class ProjectQuerySet(models.QuerySet):
    def for_user(self, user) -> "ProjectQuerySet":
        """Projects in which the user holds any membership."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)

    def for_dashboard(self, user) -> "ProjectQuerySet":
        """The user's projects with their own membership and open iteration, in 3 queries.

        Each project gets ``my_memberships`` and ``open_iterations`` (lists of at most
        one item) and ``iteration_count``.
        """
        return (
            self.for_user(user)
            .annotate(iteration_count=models.Count("iterations", distinct=True))
            .prefetch_related(
                models.Prefetch(
                    "memberships",
                    queryset=Membership.objects.filter(user=user),
                    to_attr="my_memberships",
                ),
                models.Prefetch(
                    "iterations",
                    queryset=Iteration.objects.filter(status=Iteration.Status.OPEN),
                    to_attr="open_iterations",
                ),
            )
            .order_by("-created_at")
        )


class Project(models.Model):
    """A co-design trajectory, such as "Home monitoring after heart failure"."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=5000, blank=True)
    involvement_aim = models.TextField(
        _("involvement aim"),
        max_length=5000,
        blank=True,
        help_text=_("Why and how stakeholders are involved in this project."),
    )
    reflections = models.TextField(
        _("reflections"),
        max_length=20000,
        blank=True,
        help_text=_(
            "The team's reflections on the involvement, for the GRIPP2 report."
        ),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    # Retention (issue 14): how long personal data are kept, applied by
    # ``manage.py apply_retention``.
    registration_retention_days = models.PositiveSmallIntegerField(
        _("keep registrations for (days)"),
        default=90,
        help_text=_("Counted from the workshop's last session."),
    )
    name_retention_days = models.PositiveSmallIntegerField(
        _("keep participants' names for (days)"),
        default=90,
        help_text=_("Counted from the day the board closes; cards stay, anonymous."),
    )
    support_retention_days = models.PositiveSmallIntegerField(
        _("keep support-request messages for (days)"),
        default=7,
        help_text=_("Counted from the day the request is resolved."),
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("codesign:project", args=[self.pk])

    def current_iteration(self) -> "Iteration | None":
        return (
            self.iterations.filter(status=Iteration.Status.OPEN)
            .order_by("-number")
            .first()
        )


class Membership(models.Model):
    """A person's role in one project."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        FACILITATOR = "facilitator", _("Facilitator")
        TEAM = "team", _("Team")

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("project"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        ordering = ["role", "added_at"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user"], name="one_membership_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.project}"


# An invitation link works this long after it was (last) sent.
INVITATION_VALID_FOR = timedelta(days=14)


def invitation_token() -> str:
    """An unguessable URL-safe token for an invitation link."""
    return secrets.token_urlsafe(24)


class ProjectInvitationQuerySet(models.QuerySet):
    def open(self) -> "ProjectInvitationQuerySet":
        """Invitations neither accepted nor withdrawn, whether or not expired."""
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True)


class ProjectInvitation(models.Model):
    """An invitation by e-mail to join a project's team in a role."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("project"),
    )
    email = models.EmailField(_("e-mail address"), max_length=254)
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    token = models.CharField(
        max_length=64, unique=True, default=invitation_token, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = ProjectInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("team invitation")
        verbose_name_plural = _("team invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "email"],
                condition=models.Q(accepted_at__isnull=True, withdrawn_at__isnull=True),
                name="one_open_invitation_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} · {self.get_role_display()} · {self.project}"

    def get_absolute_url(self) -> str:
        return reverse("codesign:invitation_accept", args=[self.token])

    @property
    def expires_at(self):
        return self.created_at + INVITATION_VALID_FOR

    def state(self, now=None) -> str:
        """Pending, accepted, withdrawn or expired, at ``now``."""
        if self.accepted_at:
            return self.State.ACCEPTED
        if self.withdrawn_at:
            return self.State.WITHDRAWN
        if (now or timezone.now()) >= self.expires_at:
            return self.State.EXPIRED
        return self.State.PENDING


class Stage(models.TextChoices):
    """Where an iteration sits in the bench-to-bedside-to-population cycle."""

    BENCH = "bench", _("Bench")
    BEDSIDE = "bedside", _("Bedside")
    POPULATION = "population", _("Population")

    @classmethod
    def order(cls, stage: str) -> int:
        return cls.values.index(stage)


class Iteration(models.Model):
    """One turn of the cycle in a project."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Direction(models.TextChoices):
        START = "start", _("Start")
        FORWARD = "forward", _("Forward")
        BACK = "back", _("Back")

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="iterations",
        verbose_name=_("project"),
    )
    number = models.PositiveIntegerField(_("number"))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    guiding_question = models.CharField(
        _("guiding question"), max_length=500, blank=True
    )
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text=_("Optional, from 1 to 9."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    direction = models.CharField(
        _("direction"),
        max_length=10,
        choices=Direction.choices,
        default=Direction.START,
    )
    back_reason = models.TextField(
        _("reason for going back"),
        max_length=2000,
        blank=True,
        help_text=_("The open question or uncertainty that sent the cycle back."),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("iteration")
        verbose_name_plural = _("iterations")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"], name="one_number_per_project"
            ),
            models.CheckConstraint(
                condition=models.Q(trl__isnull=True) | models.Q(trl__gte=1, trl__lte=9),
                name="trl_between_1_and_9",
            ),
        ]

    def __str__(self) -> str:
        return _("Iteration %(number)s (%(stage)s)") % {
            "number": self.number,
            "stage": self.get_stage_display(),
        }

    def get_absolute_url(self) -> str:
        return reverse("codesign:iteration", args=[self.project_id, self.number])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Erasure(models.Model):
    """A record that personal data were erased: what, where, when, by whom; never the data."""

    class Kind(models.TextChoices):
        GUEST = "guest", _("A guest's cards, votes and name on a board")
        ACCOUNT = "account", _("An account")
        REGISTRATION = "registration", _("A registration's personal data")
        NAMES = "names", _("Participants' names on a board")
        SUPPORT = "support", _("Support-request messages on a board")

    class Reason(models.TextChoices):
        REQUEST = "request", _("At the person's own request")
        RETENTION = "retention", _("Retention rule")
        ORGANISER = "organiser", _("By an organiser")

    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="erasures",
        verbose_name=_("project"),
    )
    # Which board, registration or account, by code or id, never by name.
    subject = models.CharField(_("of"), max_length=80)
    count = models.PositiveIntegerField(_("records erased"))
    reason = models.CharField(_("why"), max_length=20, choices=Reason.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.subject} · {self.count}"
