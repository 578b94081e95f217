"""Boards, their columns and the people taking part: who is on which board, under
which join code."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from codesign.models import Iteration, Project, StakeholderRole
from events.models import Session

from .column_sets import COLUMN_LABELS, EMOTION_TEMPLATES, Template

# No look-alikes: 0/O, 1/I/L are left out so a code read aloud or from a screen works.
JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
JOIN_CODE_LENGTH = 6


def new_join_code() -> str:
    """A random join code from the look-alike-free alphabet."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(raw: str) -> str:
    """Upper-case the code and drop spaces and dashes, as people type them.

    Anything but ASCII letters and digits left after that makes it "", which no board
    has: a NUL or an odd character never reaches the database (PostgreSQL refuses NUL).
    """
    code = "".join(ch for ch in str(raw).upper() if ch not in " -\t")
    return code if code.isascii() and code.isalnum() else ""


class BoardQuerySet(models.QuerySet):
    def live(self) -> "BoardQuerySet":
        """Boards that are not closed, i.e. whose join code is in use."""
        return self.exclude(state=Board.State.CLOSED)

    def in_use(self) -> "BoardQuerySet":
        """Boards that are not archived: the ones the board lists show."""
        return self.filter(archived_at=None)

    def archived(self) -> "BoardQuerySet":
        return self.exclude(archived_at=None)


class Board(models.Model):
    """A live board for a session or an iteration."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")

    # The project is stored too so that every access check is one join away.
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="boards",
        verbose_name=_("project"),
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="boards",
        verbose_name=_("session"),
    )
    iteration = models.ForeignKey(
        Iteration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="boards",
        verbose_name=_("iteration"),
    )
    prompt = models.CharField(_("prompt"), max_length=300)
    template = models.CharField(
        _("template"), max_length=30, choices=Template.choices, blank=True
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    votes_per_participant = models.PositiveSmallIntegerField(
        _("votes per participant"), default=5
    )
    join_code = models.CharField(_("join code"), max_length=8, db_index=True)
    silent = models.BooleanField(
        _("silent brainstorm"),
        default=False,
        help_text=_("New cards are hidden from other participants until the reveal."),
    )
    votes_hidden = models.BooleanField(_("vote counts hidden"), default=False)
    # Voting waits for the facilitator's first round unless the organiser chose
    # "vote any time" when creating the board (issue 15).
    vote_any_time = models.BooleanField(_("vote any time"), default=False)
    # Join asks no name: every participant is "Anonymous" (issue 15).
    anonymous_only = models.BooleanField(_("anonymous only"), default=False)
    voting_open = models.BooleanField(_("voting open"), default=False)
    multiple_votes = models.BooleanField(_("several votes on one card"), default=True)
    voting_round = models.PositiveSmallIntegerField(_("voting round"), default=0)
    timer_ends_at = models.DateTimeField(_("timer ends at"), null=True, blank=True)
    # The seconds left when the board was paused: the timer stands still until resumed.
    timer_paused_seconds = models.PositiveIntegerField(
        _("timer seconds left at pause"), null=True, blank=True
    )
    last_seq = models.PositiveBigIntegerField(_("last event number"), default=0)
    # When the board last closed: participants' names are kept for the project's
    # retention period from then on (issue 14).
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # An archived board is closed for good: readable, out of the lists, and every
    # command refused (issue 15).
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = BoardQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("board")
        verbose_name_plural = _("boards")
        constraints = [
            models.UniqueConstraint(
                fields=["join_code"],
                condition=~Q(state="closed"),
                name="join_code_unique_while_not_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prompt} ({self.join_code})"

    def get_absolute_url(self) -> str:
        return reverse("feedback:board", args=[self.join_code])

    @property
    def asks_emotion(self) -> bool:
        """Whether each card carries a feeling (a touchpoint map)."""
        return self.template in EMOTION_TEMPLATES

    def card_emotion(self, emotion: str) -> str:
        """A card's feeling, only on a board that asks for one (a touchpoint map)."""
        if emotion and not self.asks_emotion:
            raise ValidationError(
                _("This board does not ask how something felt."), code="invalid"
            )
        return emotion or ""

    @property
    def accepts_input(self) -> bool:
        return self.state == self.State.OPEN

    def freeze_timer(self, now) -> None:
        """Stop the countdown where it is (on pause); ``resume_timer`` continues it."""
        if self.timer_ends_at is not None:
            left = (self.timer_ends_at - now).total_seconds()
            self.timer_paused_seconds = max(round(left), 0)
            self.timer_ends_at = None

    def resume_timer(self, now) -> None:
        """Continue a frozen countdown from the seconds it had left."""
        if self.timer_paused_seconds is not None:
            seconds = self.timer_paused_seconds
            self.timer_ends_at = now + timedelta(seconds=seconds)
            self.timer_paused_seconds = None

    def stop_timer(self) -> None:
        self.timer_ends_at = self.timer_paused_seconds = None

    def extend_timer(self, now, seconds: int) -> None:
        """Add time to the countdown, frozen or running; an ended one starts again."""
        if self.timer_paused_seconds is not None:
            self.timer_paused_seconds += seconds
        else:
            ends = self.timer_ends_at
            self.timer_ends_at = max(ends or now, now) + timedelta(seconds=seconds)


class Column(models.Model):
    """A column of a board; its id is stable so cards and clients can point at it."""

    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="columns", verbose_name=_("board")
    )
    # A template column's key (shown in the viewer's language); empty for a column
    # the organiser typed, shown as ``title``.
    key = models.CharField(_("template key"), max_length=30, blank=True)
    title = models.CharField(_("title"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["board", "position", "id"]
        verbose_name = _("column")
        verbose_name_plural = _("columns")

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        """The title in the active language for a template column, else as typed."""
        label = COLUMN_LABELS.get(self.key)
        return str(label) if label is not None else self.title

    def as_data(self) -> dict:
        return {"id": self.pk, "key": self.key, "title": self.display_title}


class Participant(models.Model):
    """A person's identity on one board: an account or a guest with a signed cookie."""

    board = models.ForeignKey(
        Board,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("board"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="board_participations",
        verbose_name=_("user"),
    )
    guest_key = models.CharField(
        _("guest key"), max_length=64, null=True, blank=True, unique=True
    )
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("Empty means anonymous."),
    )
    role = models.CharField(
        _("stakeholder role"),
        max_length=20,
        choices=StakeholderRole.choices,
        default=StakeholderRole.OTHER,
    )
    consented_at = models.DateTimeField(_("consented at"))
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        ordering = ["board", "joined_at"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["board", "user"],
                condition=Q(user__isnull=False),
                name="one_participant_per_user_and_board",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(guest_key__isnull=False),
                name="participant_is_user_or_guest",
            ),
        ]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        return self.display_name or str(_("Anonymous"))

    @property
    def actor_key(self) -> str:
        return f"p{self.pk}"
