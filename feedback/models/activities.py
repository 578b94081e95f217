"""Polls, scales and rankings on a board, and each participant's one answer to them.

A facilitator adds an activity, opens it (which closes any other open one), closes
it and reveals its results; until the reveal every answer is sealed: only staff see
how many answered and each participant sees their own answer (issue 19).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .boards import Board, Participant

QUESTION_MAX = 300
OPTION_MAX = 120
SCALE_LABEL_MAX = 60
ACTIVITIES_MAX = 30
POLL_OPTIONS = (2, 10)
RANKING_ITEMS = (2, 8)

# Five faces with words, for people who read little (DESIGN §9): value, face, word.
FACES = (
    (1, "😞", _("Very bad")),
    (2, "🙁", _("Bad")),
    (3, "😐", _("In between")),
    (4, "🙂", _("Good")),
    (5, "😄", _("Very good")),
)


class Activity(models.Model):
    """A poll, a scale or a ranking on a board, answered once per participant."""

    class Kind(models.TextChoices):
        POLL = "poll", _("Poll")
        SCALE = "scale", _("Scale")
        RANKING = "ranking", _("Ranking")

    class Scale(models.TextChoices):
        FIVE = "5", _("1 to 5")
        SEVEN = "7", _("1 to 7")
        FACES = "faces", _("Five faces with words")

    class State(models.TextChoices):
        DRAFT = "draft", _("Not open yet")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    board = models.ForeignKey(
        Board,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("board"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    question = models.CharField(_("question"), max_length=QUESTION_MAX)
    multiple = models.BooleanField(_("several choices allowed"), default=False)
    scale = models.CharField(
        _("scale"), max_length=5, choices=Scale.choices, blank=True
    )
    low_label = models.CharField(
        _("label at the low end"), max_length=SCALE_LABEL_MAX, blank=True
    )
    high_label = models.CharField(
        _("label at the high end"), max_length=SCALE_LABEL_MAX, blank=True
    )
    # Anonymous-only: the results are never broken down by stakeholder role.
    anonymous = models.BooleanField(_("anonymous only"), default=False)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    revealed = models.BooleanField(_("results revealed"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["board", "position", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.question

    def values(self) -> list[int]:
        """The values a scale can take (1..5 or 1..7); empty for polls and rankings."""
        if self.kind != self.Kind.SCALE:
            return []
        return list(range(1, 8 if self.scale == self.Scale.SEVEN else 6))

    def as_data(self) -> dict:
        """What everyone may see of the activity: never an answer or a count."""
        return {
            "id": self.pk,
            "kind": self.kind,
            "question": self.question,
            "multiple": self.multiple,
            "scale": self.scale,
            "low_label": self.low_label,
            "high_label": self.high_label,
            "anonymous": self.anonymous,
            "state": self.state,
            "revealed": self.revealed,
            "options": [
                {"id": option.pk, "label": option.label}
                for option in self.options.all()
            ],
            "values": self.value_labels(),
        }

    def value_labels(self) -> list[dict]:
        """A scale's values with what to show for each: a face and a word, or ends."""
        values = self.values()
        ends = (
            {values[0]: self.low_label, values[-1]: self.high_label} if values else {}
        )
        if self.scale == self.Scale.FACES:
            return [
                {"value": value, "face": face, "label": str(word)}
                for value, face, word in FACES
            ]
        return [
            {"value": value, "face": "", "label": ends.get(value, "")}
            for value in values
        ]


class ActivityOption(models.Model):
    """One choice of a poll or one item of a ranking."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="options",
        verbose_name=_("activity"),
    )
    label = models.CharField(_("label"), max_length=OPTION_MAX)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["activity", "position"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.label


class Answer(models.Model):
    """A participant's answer: option ids (poll), one value (scale) or an order."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("activity"),
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("participant"),
    )
    choice = models.JSONField(_("choice"), default=list)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "participant"], name="one_answer_per_participant"
            )
        ]
