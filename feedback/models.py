"""Live feedback boards: boards, participants, cards, votes, themes and the event log.

See DESIGN.md §3 and §5. Every change to a board goes through ``feedback.actions``,
which writes the change and a ``BoardEvent`` with the board's next ``seq`` in one
transaction.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from codesign.models import Iteration, Project, StakeholderRole
from events.models import Session

# No look-alikes: 0/O, 1/I/L are left out so a code read aloud or from a screen works.
JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
JOIN_CODE_LENGTH = 6
CARD_TEXT_MAX = 500

# Column templates offered when a board is created (the titles are translated on use).
COLUMN_TEMPLATES = {
    "retro": [_("What works"), _("What could be better"), _("Ideas"), _("Questions")],
    "hopes_fears": [_("Hopes"), _("Fears")],
}


def new_join_code() -> str:
    """A random join code from the look-alike-free alphabet."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(raw: str) -> str:
    """Upper-case the code and drop spaces and dashes, as people type them."""
    return "".join(ch for ch in str(raw).upper() if ch not in " -\t")


class BoardQuerySet(models.QuerySet):
    def live(self) -> "BoardQuerySet":
        """Boards that are not closed, i.e. whose join code is in use."""
        return self.exclude(state=Board.State.CLOSED)


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
    voting_open = models.BooleanField(_("voting open"), default=True)
    multiple_votes = models.BooleanField(_("several votes on one card"), default=True)
    voting_round = models.PositiveSmallIntegerField(_("voting round"), default=0)
    timer_ends_at = models.DateTimeField(_("timer ends at"), null=True, blank=True)
    last_seq = models.PositiveBigIntegerField(_("last event number"), default=0)
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
    def accepts_input(self) -> bool:
        return self.state == self.State.OPEN


class Column(models.Model):
    """A column of a board; its id is stable so cards and clients can point at it."""

    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="columns", verbose_name=_("board")
    )
    title = models.CharField(_("title"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["board", "position", "id"]
        verbose_name = _("column")
        verbose_name_plural = _("columns")

    def __str__(self) -> str:
        return self.title


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


class BoardEvent(models.Model):
    """The board's ordered event log: ``seq`` is gap-free and strictly increasing."""

    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="events", verbose_name=_("board")
    )
    seq = models.PositiveBigIntegerField(_("sequence number"))
    name = models.CharField(_("name"), max_length=40)
    data = models.JSONField(_("data"), default=dict)
    # Variants for viewers who may not see ``data`` in full: {"owner": participant
    # id, "own": {"name", "data"}, "other": {"name", "data"}}; empty when none.
    audience = models.JSONField(_("audience variants"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["board", "seq"]
        verbose_name = _("board event")
        verbose_name_plural = _("board events")
        constraints = [
            models.UniqueConstraint(fields=["board", "seq"], name="one_event_per_seq")
        ]

    def __str__(self) -> str:
        return f"{self.board_id}#{self.seq} {self.name}"

    def as_message(self, variant: dict | None = None) -> dict:
        """The event as the protocol sends it (DESIGN §5), or one of its variants."""
        return {
            "type": "event",
            "seq": self.seq,
            "name": variant["name"] if variant else self.name,
            "data": variant["data"] if variant else self.data,
            "at": self.at.isoformat(),
        }


class ProcessedCommand(models.Model):
    """A command that succeeded, kept so a retry with its request_id gets the same ack."""

    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="+", verbose_name=_("board")
    )
    actor = models.CharField(_("actor"), max_length=40)
    request_id = models.UUIDField(_("request id"))
    command = models.CharField(_("command"), max_length=40)
    seq = models.PositiveBigIntegerField(_("sequence number"))
    result = models.JSONField(_("result"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("processed command")
        verbose_name_plural = _("processed commands")
        constraints = [
            models.UniqueConstraint(
                fields=["board", "actor", "request_id"], name="one_result_per_request"
            )
        ]


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
