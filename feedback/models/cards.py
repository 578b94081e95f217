"""What participants add to a board: cards in columns, themes that group them, votes."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .boards import Board, Column, Participant
from .column_sets import Emotion

CARD_TEXT_MAX = 500


class Theme(models.Model):
    """A cluster of cards on a board."""

    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="themes", verbose_name=_("board")
    )
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["board", "position", "id"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class CardQuerySet(models.QuerySet):
    def for_display(self) -> "CardQuerySet":
        """Cards with everything the page and the events show, in one query."""
        return self.select_related("participant").order_by(
            "column_id", "created_at", "id"
        )


class Card(models.Model):
    """A participant's contribution in one column; plain text, escaped everywhere."""

    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="cards", verbose_name=_("board")
    )
    column = models.ForeignKey(
        Column, on_delete=models.CASCADE, related_name="cards", verbose_name=_("column")
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="cards",
        verbose_name=_("author"),
    )
    text = models.TextField(_("text"), max_length=CARD_TEXT_MAX)
    votes = models.PositiveIntegerField(_("votes"), default=0)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cards",
        verbose_name=_("theme"),
    )
    emotion = models.CharField(
        _("feeling"), max_length=10, choices=Emotion.choices, blank=True
    )
    hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=200, blank=True)
    sealed = models.BooleanField(
        _("sealed"),
        default=False,
        help_text=_("Posted in a silent brainstorm and not yet revealed."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by facilitator"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = CardQuerySet.as_manager()

    class Meta:
        ordering = ["board", "column", "created_at", "id"]
        verbose_name = _("card")
        verbose_name_plural = _("cards")

    def __str__(self) -> str:
        return self.text[:60]

    def as_data(self) -> dict:
        """The whole card, as staff see it; ``visibility`` trims it per viewer."""
        return {
            "id": self.pk,
            "column": self.column_id,
            "text": self.text,
            "author": {
                "name": self.participant.display_name,
                "role": self.participant.role,
            },
            "emotion": self.emotion,
            "votes": self.votes,
            "theme": self.theme_id,
            "hidden": self.hidden,
            "hidden_reason": self.hidden_reason if self.hidden else "",
            "sealed": self.sealed,
            "scribe": self.entered_by_id is not None,
            "created_at": self.created_at.isoformat(),
        }


class Vote(models.Model):
    """One dot of a participant's allowance on a card; several may go on one card."""

    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="votes", verbose_name=_("board")
    )
    card = models.ForeignKey(
        Card, on_delete=models.CASCADE, related_name="vote_set", verbose_name=_("card")
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="votes",
        verbose_name=_("participant"),
    )
    voting_round = models.PositiveSmallIntegerField(_("voting round"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        indexes = [
            models.Index(fields=["participant", "card"], name="vote_participant_card")
        ]
