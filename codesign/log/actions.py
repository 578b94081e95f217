"""Changes to the iteration log, shared by the views, the import command and demo data.

Like ``actions.py``: each function takes the acting user and cleaned data, checks
permission, validates the whole change before writing, and runs in one transaction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from codesign.access import ANY_MEMBER, ORGANISERS, RUNS_CYCLE, require_role
from codesign.ids import parse_id
from codesign.models import Iteration, Project
from events.models import Session
from feedback import visibility
from feedback.activity_results import cited_results
from feedback.models import Activity, Card, Theme

from . import gripp2
from .models import (
    CardOutcome,
    EffectCertainty,
    EffectSign,
    EntryKind,
    Evidence,
    LogEntry,
    PublicSummary,
    ReportDraft,
    Severity,
    new_public_token,
)

TITLE_MAX = 200
BODY_MAX = 20000
REASON_MAX = 2000
REPORT_MAX = 20000


def _ids(values) -> list[int]:
    ids = {parse_id(value) for value in values or ()}
    if None in ids:
        raise ValidationError(_("Evidence must be chosen from the list."))
    return sorted(ids)


def _same_project(queryset, ids, message):
    found = list(queryset.filter(pk__in=ids))
    if len(found) != len(ids):
        raise ValidationError(message)
    return found


def _citable(cards: list[Card]) -> list[Card]:
    """The cards, if every one may be evidence now (``visibility.citable``)."""
    ids = [card.pk for card in cards]
    if ids and visibility.citable(Card.objects.filter(pk__in=ids)).count() != len(ids):
        raise ValidationError(
            _(
                "A hidden card, or a card that is sealed until the reveal, "
                "cannot be evidence."
            ),
            code="not_citable",
        )
    return cards


def find_evidence(
    project: Project, *, cards=(), themes=(), sessions=(), activities=()
) -> dict:
    """The cited cards, themes, sessions and activities; all must be the project's.

    Hidden cards and cards sealed until the reveal are refused: they are not evidence;
    nor is an activity whose results are not revealed yet.
    """
    cards = _same_project(
        Card.objects.select_related("participant", "board", "theme").filter(
            board__project=project
        ),
        _ids(cards),
        _("You can only cite cards from the boards of this project."),
    )
    themes = _same_project(
        Theme.objects.select_related("board").filter(board__project=project),
        _ids(themes),
        _("You can only cite themes from the boards of this project."),
    )
    sessions = _same_project(
        Session.objects.select_related("workshop").filter(workshop__project=project),
        _ids(sessions),
        _("You can only cite sessions of this project's workshops."),
    )
    activities = _same_project(
        Activity.objects.select_related("board")
        .prefetch_related("options")
        .filter(board__project=project, revealed=True),
        _ids(activities),
        _("You can only cite polls, scales and rankings whose results are shown."),
    )
    return {
        "cards": _citable(cards),
        "themes": themes,
        "sessions": sessions,
        "activities": activities,
    }


def evidence_rows(evidence: dict) -> list[Evidence]:
    """Unsaved evidence with a copy of what each cited item says now."""
    rows = [
        Evidence(
            kind=Evidence.Kind.CARD,
            card=card,
            text=card.text,
            role=card.participant.role,
            board_prompt=card.board.prompt,
            theme_name=card.theme.name if card.theme else "",
        )
        for card in evidence["cards"]
    ]
    rows += [
        Evidence(
            kind=Evidence.Kind.THEME,
            theme=theme,
            text=theme.name,
            board_prompt=theme.board.prompt,
        )
        for theme in evidence["themes"]
    ]
    rows += [
        Evidence(
            kind=Evidence.Kind.SESSION,
            session=session,
            text=session.summary,
            starts_at=session.starts_at,
        )
        for session in evidence["sessions"]
    ]
    results = cited_results(evidence.get("activities", ()))
    rows += [
        Evidence(
            kind=Evidence.Kind.ACTIVITY,
            activity=activity,
            text=activity.question,
            board_prompt=activity.board.prompt,
            results=results[activity.pk],
        )
        for activity in evidence.get("activities", ())
    ]
    return rows


def _choice(value: str, choices, field: str, message) -> str:
    if value not in choices.values:
        raise ValidationError({field: message})
    return value


def clean_entry(project: Project, data: dict) -> dict:
    """Checked entry fields; effect fields are kept only on effects."""
    kind = _choice(
        data.get("kind", ""), EntryKind, "kind", _("Choose a kind from the list.")
    )
    title = (data.get("title") or "").strip()
    body = (data.get("body") or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the entry a title.")})
    if len(title) > TITLE_MAX or len(body) > BODY_MAX:
        raise ValidationError(_("The title or the text is too long."))
    fields = {"kind": kind, "title": title, "body": body}
    if kind != EntryKind.EFFECT:
        return fields
    fields["effect_sign"] = _choice(
        data.get("effect_sign", ""),
        EffectSign,
        "effect_sign",
        _("Say whether the effect is positive or negative."),
    )
    fields["effect_certainty"] = _choice(
        data.get("effect_certainty", ""),
        EffectCertainty,
        "effect_certainty",
        _("Say whether the effect is anticipated or observed."),
    )
    severity = data.get("severity") or ""
    if severity:
        _choice(severity, Severity, "severity", _("Choose a severity from the list."))
    fields["severity"] = severity
    fields["affected"] = (data.get("affected") or "").strip()[:200]
    fields["mitigated_by"] = _mitigating_decision(project, data.get("mitigated_by"))
    return fields


def _mitigating_decision(project: Project, value) -> LogEntry | None:
    if value in (None, ""):
        return None
    entry = (
        LogEntry.objects.current()
        .filter(
            pk=parse_id(value),
            iteration__project=project,
            kind=EntryKind.DECISION,
        )
        .first()
    )
    if entry is None:
        raise ValidationError(
            {"mitigated_by": _("Choose a current decision of this project.")}
        )
    return entry


def _superseded(iteration: Iteration, value) -> LogEntry | None:
    if value in (None, ""):
        return None
    entry = LogEntry.objects.select_for_update().filter(pk=parse_id(value)).first()
    if entry is None or entry.iteration_id != iteration.pk:
        raise ValidationError(
            _("You can only correct an entry of this iteration's log.")
        )
    if LogEntry.objects.filter(supersedes=entry).exists():
        raise ValidationError(
            _("This entry was corrected already. Correct the newest version.")
        )
    return entry


@transaction.atomic
def record_entry(
    actor,
    iteration: Iteration,
    *,
    cards=(),
    themes=(),
    sessions=(),
    activities=(),
    supersedes=None,
    **data,
) -> LogEntry:
    """Add an entry to the iteration's log, citing its evidence."""
    project = iteration.project
    require_role(actor, project, ANY_MEMBER)
    fields = clean_entry(project, data)
    evidence = find_evidence(
        project, cards=cards, themes=themes, sessions=sessions, activities=activities
    )
    entry = LogEntry.objects.create(
        iteration=iteration,
        author=actor,
        author_name=actor.public_name,
        supersedes=_superseded(iteration, supersedes),
        **fields,
    )
    rows = evidence_rows(evidence)
    for row in rows:
        row.entry = entry
    # Nobody is told yet: the entry is a draft until the team publishes an update
    # (``publish.publish_update``).
    Evidence.objects.bulk_create(rows)
    return entry


@transaction.atomic
def mark_not_taken_up(
    actor, iteration: Iteration, *, reason: str, card=None, theme=None
) -> CardOutcome:
    """Record that a card or theme of the project was not taken up, and why."""
    project = iteration.project
    require_role(actor, project, ANY_MEMBER)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why it was not taken up.")})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": _("The reason is too long.")})
    evidence = find_evidence(
        project, cards=[card] if card else (), themes=[theme] if theme else ()
    )
    rows = evidence_rows(evidence)
    if len(rows) != 1:
        raise ValidationError(_("Choose one card or one theme."))
    row = rows[0]
    outcome, _created = CardOutcome.objects.update_or_create(
        card=row.card,
        theme=row.theme,
        defaults={
            "project": project,
            "iteration": iteration,
            "is_theme": row.kind == Evidence.Kind.THEME,
            "text": row.text,
            "role": row.role,
            "board_prompt": row.board_prompt,
            "reason": reason,
            "recorded_by": actor,
            "recorded_by_name": actor.public_name,
            "recorded_at": timezone.now(),
        },
    )
    return outcome


@transaction.atomic
def clear_outcome(actor, outcome: CardOutcome) -> None:
    """Take back a "not taken up" mark, so the card is still to answer again."""
    require_role(actor, outcome.project, ANY_MEMBER)
    outcome.delete()


@transaction.atomic
def set_public_summary(actor, project: Project, *, enabled: bool) -> PublicSummary:
    """Turn the public "you said, we did" link on or off (organisers only)."""
    require_role(actor, project, ORGANISERS)
    summary, _created = PublicSummary.objects.get_or_create(project=project)
    summary.enabled = enabled
    summary.changed_at = timezone.now()
    summary.save(update_fields=["enabled", "changed_at"])
    return summary


@transaction.atomic
def rotate_public_link(actor, project: Project) -> PublicSummary:
    """Give the public "you said, we did" page a new secret link; the old one stops."""
    require_role(actor, project, ORGANISERS)
    summary, _created = PublicSummary.objects.get_or_create(project=project)
    summary.token = new_public_token()
    summary.changed_at = timezone.now()
    summary.save(update_fields=["token", "changed_at"])
    return summary


@transaction.atomic
def update_reflections(actor, project: Project, *, reflections: str) -> Project:
    """Save the team's reflections for the GRIPP2 report."""
    require_role(actor, project, RUNS_CYCLE)
    reflections = (reflections or "").strip()
    if len(reflections) > Project._meta.get_field("reflections").max_length:
        raise ValidationError({"reflections": _("The reflections are too long.")})
    project.reflections = reflections
    project.save(update_fields=["reflections"])
    return project


def _report_text(text) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > REPORT_MAX:
        raise ValidationError(_("A section of the report is too long."))
    return text


@transaction.atomic
def save_report_draft(actor, project: Project, **sections) -> ReportDraft:
    """Save the team's GRIPP2 text; a section left as generated follows the project."""
    require_role(actor, project, RUNS_CYCLE)
    draft, _created = ReportDraft.objects.get_or_create(project=project)
    for field, _heading in gripp2.SECTIONS:
        text = _report_text(sections.get(field))
        unchanged = text == gripp2.generated(project, field).strip()
        setattr(draft, field, "" if unchanged else text)
    draft.updated_at = timezone.now()
    draft.updated_by_name = actor.public_name
    draft.save()
    return draft


@transaction.atomic
def regenerate_report_section(actor, project: Project, section: str) -> ReportDraft:
    """Drop the team's text of one section: it follows the project again."""
    require_role(actor, project, RUNS_CYCLE)
    if section not in dict(gripp2.SECTIONS):
        raise ValidationError(_("Choose a section of the report."))
    draft, _created = ReportDraft.objects.get_or_create(project=project)
    setattr(draft, section, "")
    draft.updated_at = timezone.now()
    draft.updated_by_name = actor.public_name
    draft.save()
    return draft
