"""The iteration log: entries with their evidence, card outcomes and what people are told.

Entries are append-only (DESIGN §3, §8): a correction is a new entry that supersedes
the old one. Evidence keeps a copy of what was cited (card text, stakeholder role,
board prompt, theme name), so the log reads the same after an export is imported
elsewhere, and in exports, without a join per citation. That copy is shown only while
its card is citable (``feedback.visibility``): once the card is hidden or while it is
sealed, pages and exports say a citation exists but not what the card said. The tables
keep the names they had before the log became an app of its own (``codesign_*``).
"""

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from codesign.models import Iteration, Project, StakeholderRole
from feedback import visibility
from feedback.models import Card


class EntryKind(models.TextChoices):
    INSIGHT = "insight", _("Insight")
    DECISION = "decision", _("Decision")
    # "Change" is also a verb on buttons; Dutch needs a noun here.
    CHANGE = "change", pgettext_lazy("log entry kind", "Change")
    EFFECT = "effect", _("Effect")
    ETHICS = "ethics", _("Ethics note")
    RISK = "risk", _("Risk")
    NOTE = "note", _("Note")


# Kinds whose citations count as "we did something with it" for a card's outcome.
ANSWERING_KINDS = (EntryKind.INSIGHT, EntryKind.DECISION, EntryKind.CHANGE)
# Kinds shown on "you said, we did".
DID_KINDS = (EntryKind.DECISION, EntryKind.CHANGE)


class EffectSign(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEGATIVE = "negative", _("Negative")


class EffectCertainty(models.TextChoices):
    ANTICIPATED = "anticipated", _("Anticipated")
    OBSERVED = "observed", _("Observed")


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MODERATE = "moderate", _("Moderate")
    HIGH = "high", _("High")


def concealed_card() -> Q:
    """Rows whose card is there but not citable now: hidden, or sealed until the reveal."""
    citable = visibility.citable(Card.objects.filter(pk=OuterRef("card")))
    return Q(card__isnull=False) & ~Exists(citable)


class CitedCardQuerySet(models.QuerySet):
    """Evidence or outcomes: the log keeps a copy of a card's text that may be concealed."""

    def with_concealed(self) -> "CitedCardQuerySet":
        """Mark rows whose card's text must not be shown now (``concealed``)."""
        flag = ExpressionWrapper(concealed_card(), output_field=BooleanField())
        return self.annotate(concealed=flag)

    def shown(self) -> "CitedCardQuerySet":
        """Rows whose text may be shown: the card is citable, withdrawn or imported."""
        return self.exclude(concealed_card())


class LogEntryQuerySet(models.QuerySet):
    def current(self) -> "LogEntryQuerySet":
        """Entries that no correction has superseded."""
        return self.filter(superseded_by__isnull=True)

    def published(self, at) -> "LogEntryQuerySet":
        """Entries current at ``at`` (the latest publication); none if never published."""
        if at is None:
            return self.none()
        return self.filter(created_at__lte=at).filter(
            Q(superseded_by__isnull=True) | Q(superseded_by__created_at__gt=at)
        )

    def with_evidence(self) -> "LogEntryQuerySet":
        """Entries with their evidence, correction links and mitigating decision."""
        return self.select_related(
            "supersedes", "superseded_by", "mitigated_by__iteration", "iteration"
        ).prefetch_related(
            models.Prefetch(
                "evidence", queryset=Evidence.objects.with_concealed().order_by("id")
            )
        )

    def citing_role(self, role: str) -> "LogEntryQuerySet":
        """Entries citing a card written by someone in this stakeholder role."""
        return self.filter(
            Q(evidence__role=role) | Q(evidence__theme__cards__participant__role=role)
        ).distinct()


class LogEntry(models.Model):
    """One record of the log. Never changed after it is written."""

    iteration = models.ForeignKey(
        Iteration,
        on_delete=models.CASCADE,
        related_name="log_entries",
        verbose_name=_("iteration"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        max_length=20000,
        blank=True,
        help_text=_("Plain text; *simple* Markdown such as lists and links works."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    # Kept as written so the log and its exports still say who recorded what.
    author_name = models.CharField(_("recorded by"), max_length=150)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("corrects"),
    )
    effect_sign = models.CharField(
        _("positive or negative"),
        max_length=10,
        choices=EffectSign.choices,
        blank=True,
    )
    effect_certainty = models.CharField(
        _("anticipated or observed"),
        max_length=12,
        choices=EffectCertainty.choices,
        blank=True,
    )
    affected = models.CharField(_("who is affected"), max_length=200, blank=True)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, blank=True
    )
    mitigated_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mitigates",
        verbose_name=_("mitigating decision"),
    )

    objects = LogEntryQuerySet.as_manager()

    class Meta:
        db_table = "codesign_logentry"
        ordering = ["created_at", "id"]
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        indexes = [
            models.Index(
                fields=["iteration", "created_at"],
                name="codesign_lo_iterati_72f164_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Log entries are append-only; record a correction.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Log entries are append-only; they cannot be deleted.")

    @property
    def is_current(self) -> bool:
        return not hasattr(self, "superseded_by")

    @property
    def is_effect(self) -> bool:
        return self.kind == EntryKind.EFFECT


class Evidence(models.Model):
    """A card, theme, session or activity an entry cites, with a copy of what it said."""

    class Kind(models.TextChoices):
        CARD = "card", _("Card")
        THEME = "theme", _("Theme")
        SESSION = "session", _("Session")
        ACTIVITY = "activity", _("Poll, scale or ranking")

    entry = models.ForeignKey(
        LogEntry,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("log entry"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    card = models.ForeignKey(
        "feedback.Card",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("card"),
    )
    theme = models.ForeignKey(
        "feedback.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("theme"),
    )
    session = models.ForeignKey(
        "events.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("session"),
    )
    activity = models.ForeignKey(
        "feedback.Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("activity"),
    )
    # An activity's results when cited, as people outside the team may see them
    # (``feedback.activity_results``, small counts suppressed): exports leave the team.
    results = models.JSONField(_("results"), default=dict, blank=True)
    # Card text, theme name, session title or the activity's question; emptied when
    # the author deletes the card.
    text = models.TextField(_("text"), max_length=1000, blank=True)
    role = models.CharField(
        _("stakeholder role"),
        max_length=20,
        choices=StakeholderRole.choices,
        blank=True,
    )
    board_prompt = models.CharField(_("board"), max_length=300, blank=True)
    theme_name = models.CharField(_("theme"), max_length=120, blank=True)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)

    objects = CitedCardQuerySet.as_manager()

    class Meta:
        db_table = "codesign_evidence"
        ordering = ["entry", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def withdrawn(self) -> bool:
        return self.kind == self.Kind.CARD and not self.text


class CardOutcome(models.Model):
    """A card or theme the team marked "not taken up", with the reason."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="card_outcomes",
        verbose_name=_("project"),
    )
    iteration = models.ForeignKey(
        Iteration,
        on_delete=models.CASCADE,
        related_name="card_outcomes",
        verbose_name=_("iteration"),
    )
    card = models.OneToOneField(
        "feedback.Card",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outcome",
        verbose_name=_("card"),
    )
    theme = models.OneToOneField(
        "feedback.Theme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outcome",
        verbose_name=_("theme"),
    )
    is_theme = models.BooleanField(_("theme"), default=False)
    text = models.TextField(_("text"), max_length=1000)
    role = models.CharField(
        _("stakeholder role"),
        max_length=20,
        choices=StakeholderRole.choices,
        blank=True,
    )
    board_prompt = models.CharField(_("board"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_by_name = models.CharField(_("recorded by"), max_length=150)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = CitedCardQuerySet.as_manager()

    class Meta:
        db_table = "codesign_cardoutcome"
        ordering = ["recorded_at", "id"]
        verbose_name = _("card outcome")
        verbose_name_plural = _("card outcomes")

    def __str__(self) -> str:
        return f"{self.text[:60]}: {self.reason[:60]}"


# The models of what the team publishes live in their own module; importing them
# here registers them with the app and keeps ``from .models import ...`` working.
from .publication import (  # noqa: F401
    CitationNotice,
    Publication,
    PublicSummary,
    ReportDraft,
    new_public_token,
)
