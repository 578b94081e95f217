"""What the team publishes: updates, their notices, the public link, the GRIPP2 text.

Entries and "not taken up" marks are drafts until the team publishes an update: the
page shows the log as it stood at the latest publication, and publishing tells the
authors of the cards it answers (``codesign.log.publish``).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Publication(models.Model):
    """One published update of a project's "you said, we did" page."""

    project = models.ForeignKey(
        "codesign.Project",
        on_delete=models.CASCADE,
        related_name="publications",
        verbose_name=_("project"),
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_by_name = models.CharField(_("published by"), max_length=150)
    published_at = models.DateTimeField(_("published at"), default=timezone.now)

    class Meta:
        ordering = ["published_at", "id"]
        get_latest_by = ["published_at", "id"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return f"{self.project}: {self.published_at:%Y-%m-%d %H:%M}"


def new_public_token() -> str:
    return secrets.token_urlsafe(24)


class PublicSummary(models.Model):
    """The organiser's switch for a public "you said, we did" page behind a secret link."""

    project = models.OneToOneField(
        "codesign.Project",
        on_delete=models.CASCADE,
        related_name="public_summary",
        verbose_name=_("project"),
    )
    token = models.CharField(
        _("secret link"), max_length=64, unique=True, default=new_public_token
    )
    enabled = models.BooleanField(_("public"), default=False)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        db_table = "codesign_publicsummary"
        verbose_name = _("public summary link")
        verbose_name_plural = _("public summary links")

    def __str__(self) -> str:
        return str(self.project)


class ReportDraft(models.Model):
    """The team's text of the project's GRIPP2 report, one field per section.

    An empty section follows what Codesign generates from the project; a section the
    team edited keeps their text until they regenerate it.
    """

    project = models.OneToOneField(
        "codesign.Project",
        on_delete=models.CASCADE,
        related_name="report_draft",
        verbose_name=_("project"),
    )
    aim = models.TextField(_("aim"), max_length=20000, blank=True)
    methods = models.TextField(_("methods"), max_length=20000, blank=True)
    results = models.TextField(_("results"), max_length=20000, blank=True)
    discussion = models.TextField(
        _("discussion and conclusions"), max_length=20000, blank=True
    )
    reflections = models.TextField(_("reflections"), max_length=20000, blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by_name = models.CharField(_("updated by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("GRIPP2 report draft")
        verbose_name_plural = _("GRIPP2 report drafts")

    def __str__(self) -> str:
        return str(self.project)


class CitationNotice(models.Model):
    """Tells a card's author what became of it: by e-mail, and on their next visit."""

    participant = models.ForeignKey(
        "feedback.Participant",
        on_delete=models.CASCADE,
        related_name="citation_notices",
        verbose_name=_("participant"),
    )
    entry = models.ForeignKey(
        "log.LogEntry",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("log entry"),
    )
    # A notice names a published entry that cites the card, or the card's
    # "not taken up" mark with the reason as it was when published.
    outcome = models.ForeignKey(
        "log.CardOutcome",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("card outcome"),
    )
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    publication = models.ForeignKey(
        "log.Publication",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("publication"),
    )
    card_text = models.TextField(_("card"), max_length=1000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    seen_at = models.DateTimeField(_("seen at"), null=True, blank=True)

    class Meta:
        db_table = "codesign_citationnotice"
        ordering = ["created_at", "id"]
        verbose_name = _("citation notice")
        verbose_name_plural = _("citation notices")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "entry"], name="one_notice_per_entry"
            ),
            models.UniqueConstraint(
                fields=["participant", "outcome"], name="one_notice_per_outcome"
            ),
        ]
