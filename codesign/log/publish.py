"""Publishing an update of "you said, we did", and telling the people it answers.

Saving an entry tells no one: entries and "not taken up" marks are drafts until the
team publishes. Publishing makes the page show the log as it stands now, and gives
each author of a card it answers a notice: on the board page, on their "my data"
page and, for account holders, by e-mail (after commit, through ``send_safely``).
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from codesign.access import RUNS_CYCLE, require_role
from codesign.links import site_url
from codesign.mail import send_safely
from codesign.models import Project
from codesign.text import strip_controls
from feedback import visibility
from feedback.models import Card

from .models import ANSWERING_KINDS, CardOutcome, CitationNotice, Evidence, LogEntry
from .publication import Publication

MESSAGE_MAX = 1000


def published_at(project: Project):
    """When the project's "you said, we did" was last published, or None."""
    latest = project.publications.order_by("-published_at", "-id").first()
    return latest.published_at if latest else None


def drafts_count(project: Project) -> int:
    """Entries and marks saved since the latest publication: not on the page yet."""
    at = published_at(project)
    entries = LogEntry.objects.filter(iteration__project=project)
    outcomes = CardOutcome.objects.filter(project=project)
    if at is not None:
        entries = entries.filter(created_at__gt=at)
        outcomes = outcomes.filter(recorded_at__gt=at)
    return entries.count() + outcomes.count()


@transaction.atomic
def publish_update(actor, project: Project, message: str = "") -> Publication:
    """Publish the log's current state on "you said, we did" and tell the authors."""
    require_role(actor, project, RUNS_CYCLE)
    message = strip_controls((message or "").strip())
    if len(message) > MESSAGE_MAX:
        raise ValidationError({"message": _("The message is too long.")})
    publication = Publication.objects.create(
        project=project,
        message=message,
        published_by=actor,
        published_by_name=actor.public_name,
    )
    notices = entry_notices(publication) + outcome_notices(publication)
    CitationNotice.objects.bulk_create(notices)
    transaction.on_commit(lambda: email_publication(publication.pk))
    return publication


def entry_notices(publication: Publication) -> list[CitationNotice]:
    """New notices for the authors of cards that published entries cite."""
    entries = LogEntry.objects.published(publication.published_at).filter(
        iteration__project=publication.project, kind__in=ANSWERING_KINDS
    )
    cited = Evidence.objects.filter(entry__in=entries, card__isnull=False).shown()
    rows = list(cited.values_list("entry", "card__participant", "card__text"))
    in_themes = visibility.citable(
        Card.objects.filter(theme__citations__entry__in=entries)
    )
    rows += in_themes.values_list("theme__citations__entry", "participant", "text")
    known = set(
        CitationNotice.objects.filter(entry__in=entries).values_list(
            "entry", "participant"
        )
    )
    return _new_notices(publication, rows, known, "entry_id")


def outcome_notices(publication: Publication) -> list[CitationNotice]:
    """New notices, with the reason, for the authors of cards not taken up."""
    outcomes = CardOutcome.objects.filter(
        project=publication.project, recorded_at__lte=publication.published_at
    ).shown()
    rows = list(
        outcomes.filter(card__isnull=False).values_list(
            "pk", "card__participant", "card__text"
        )
    )
    in_themes = visibility.citable(Card.objects.filter(theme__outcome__in=outcomes))
    rows += in_themes.values_list("theme__outcome", "participant", "text")
    known = set(
        CitationNotice.objects.filter(outcome__in=outcomes).values_list(
            "outcome", "participant"
        )
    )
    reasons = dict(outcomes.values_list("pk", "reason"))
    notices = _new_notices(publication, rows, known, "outcome_id")
    for notice in notices:
        notice.reason = reasons[notice.outcome_id]
    return notices


def _new_notices(publication, rows, known, field) -> list[CitationNotice]:
    """One notice per (answer, author) not told before, naming their first card."""
    texts = {}
    for answer, participant, text in rows:
        if (answer, participant) not in known:
            texts.setdefault((answer, participant), text)
    return [
        CitationNotice(
            publication=publication,
            participant_id=participant,
            card_text=text,
            **{field: answer},
        )
        for (answer, participant), text in texts.items()
    ]


def email_publication(publication_id: int) -> int:
    """E-mail each account holder their new notices, once; returns how many mails."""
    notices = CitationNotice.objects.filter(
        publication_id=publication_id,
        participant__user__isnull=False,
        emailed_at__isnull=True,
    ).select_related("participant__user", "entry", "publication__project")
    by_user = defaultdict(list)
    for notice in notices.order_by("id"):
        by_user[notice.participant.user].append(notice)
    sent = 0
    for user, mine in by_user.items():
        if user.email and send_safely(_notice_mail(user, mine)):
            CitationNotice.objects.filter(pk__in=[n.pk for n in mine]).update(
                emailed_at=timezone.now()
            )
            sent += 1
    return sent


def _notice_mail(user, notices: list[CitationNotice]) -> EmailMessage:
    publication = notices[0].publication
    project = publication.project
    with translation.override(user.preferred_language):
        context = {
            "notices": notices,
            "project": project,
            "publication": publication,
            "url": site_url() + you_said_path(project),
        }
        return EmailMessage(
            _("What the team did with your feedback: %(project)s")
            % {"project": strip_controls(project.title)},
            render_to_string("codesign/log/email/cited.txt", context),
            to=[user.email],
        )


def you_said_path(project: Project) -> str:
    return reverse("codesign:you_said", args=[project.pk])


def mark_notices_seen(participants) -> int:
    """The people saw their notices on a page; returns how many were new."""
    return CitationNotice.objects.filter(
        participant__in=participants, seen_at__isnull=True
    ).update(seen_at=timezone.now())
