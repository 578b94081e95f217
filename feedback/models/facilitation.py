"""What facilitators run on a board: voting rounds, moderation and support requests."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .boards import Board, Participant
from .cards import Card


class VotingRound(models.Model):
    """A dot-voting round: N votes per person, several on one card or not."""

    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("board")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    votes_per_participant = models.PositiveSmallIntegerField(_("votes per participant"))
    multiple_votes = models.BooleanField(_("several votes on one card"))
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["board", "number"]
        verbose_name = _("voting round")
        verbose_name_plural = _("voting rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["board", "number"], name="one_round_per_number"
            )
        ]


class ModerationAction(models.Model):
    """Who hid or unhid which card, when and why: the board's moderation record."""

    class Kind(models.TextChoices):
        HIDE = "hide", _("Hidden")
        UNHIDE = "unhide", _("Shown again")

    board = models.ForeignKey(
        Board,
        on_delete=models.CASCADE,
        related_name="moderation",
        verbose_name=_("board"),
    )
    card = models.ForeignKey(
        Card,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation",
        verbose_name=_("card"),
    )
    card_text = models.TextField(_("card text"))
    kind = models.CharField(_("action"), max_length=10, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")


class SupportRequest(models.Model):
    """A participant's private "I need support" signal to the facilitators."""

    board = models.ForeignKey(
        Board,
        on_delete=models.CASCADE,
        related_name="support_requests",
        verbose_name=_("board"),
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="support_requests",
        verbose_name=_("participant"),
    )
    message = models.CharField(_("message"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")

    def as_data(self) -> dict:
        return {
            "id": self.pk,
            "name": self.participant.display_name,
            "role": self.participant.role,
            "message": self.message,
            "created_at": self.created_at.isoformat(),
            "resolved": self.resolved_at is not None,
        }
