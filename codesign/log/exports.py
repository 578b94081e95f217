"""Streamed exports of the iteration log: Markdown, CSV and JSON.

Every export is a generator of text chunks over ``QuerySet.iterator(chunk_size=...)``
with the evidence prefetched per chunk, so memory and queries per chunk stay the same
however long the log is. Names and e-mail addresses of participants never appear:
cited cards carry only their text and the author's stakeholder role. Authors of
entries (team members) do appear. A cited card that is hidden now, or sealed until
the reveal, is listed without its text (``Evidence.concealed``), and a "not taken up"
card of that kind is left out. The JSON format is documented in
``docs/log-export-schema.md`` and checked by ``LOG_SCHEMA``.
"""

import csv
import json
from pathlib import Path

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from codesign.models import Iteration, Project, StakeholderRole
from codesign.safe_markdown import escape_markdown
from codesign.spreadsheet import EchoLine, spreadsheet_safe

from .models import CardOutcome, EntryKind, Evidence, LogEntry

SCHEMA_VERSION = 2
LOG_SCHEMA = json.loads((Path(__file__).parent / "schema.json").read_text())
CHUNK_SIZE = 500
ROLES = dict(StakeholderRole.choices)


def log_entries(project: Project, iteration: Iteration | None = None):
    """Every entry of the project (or one iteration), history included, in order."""
    entries = LogEntry.objects.filter(iteration__project=project)
    if iteration is not None:
        entries = entries.filter(iteration=iteration)
    return (
        entries.select_related("iteration", "superseded_by", "mitigated_by")
        .prefetch_related(
            Prefetch(
                "evidence", queryset=Evidence.objects.with_concealed().order_by("id")
            )
        )
        .order_by("iteration__number", "created_at", "id")
        .iterator(chunk_size=CHUNK_SIZE)
    )


def iterations_of(project: Project, iteration: Iteration | None) -> list[Iteration]:
    if iteration is not None:
        return [iteration]
    return list(project.iterations.order_by("number"))


def outcomes_of(project: Project, iteration: Iteration | None):
    outcomes = (
        CardOutcome.objects.filter(project=project).shown().select_related("iteration")
    )
    if iteration is not None:
        outcomes = outcomes.filter(iteration=iteration)
    return outcomes.order_by("recorded_at", "id").iterator(chunk_size=CHUNK_SIZE)


def iso(moment) -> str | None:
    return moment.isoformat() if moment else None


# JSON ------------------------------------------------------------------------------


def concealed_text() -> str:
    return _("(not shown: the card is hidden or sealed)")


def card_text(item: Evidence) -> str:
    """A cited card's text as exports may show it: none while it is concealed."""
    return "" if item.concealed else item.text


def evidence_data(item: Evidence) -> dict:
    if item.kind == Evidence.Kind.CARD:
        return {
            "type": "card",
            "text": card_text(item),
            "role": item.role,
            "board": item.board_prompt,
            "theme": item.theme_name,
        }
    if item.kind == Evidence.Kind.THEME:
        return {"type": "theme", "name": item.text, "board": item.board_prompt}
    if item.kind == Evidence.Kind.ACTIVITY:
        return {
            "type": "activity",
            "question": item.text,
            "board": item.board_prompt,
            "results": item.results,
        }
    return {"type": "session", "title": item.text, "starts_at": iso(item.starts_at)}


def entry_data(entry: LogEntry) -> dict:
    effect = None
    if entry.kind == EntryKind.EFFECT:
        effect = {
            "sign": entry.effect_sign,
            "certainty": entry.effect_certainty,
            "affected": entry.affected,
            "severity": entry.severity,
            "mitigated_by": entry.mitigated_by_id,
        }
    return {
        "id": entry.pk,
        "iteration": entry.iteration.number,
        "kind": entry.kind,
        "title": entry.title,
        "body": entry.body,
        "recorded_by": entry.author_name,
        "recorded_at": iso(entry.created_at),
        "supersedes": entry.supersedes_id,
        "effect": effect,
        "evidence": [evidence_data(item) for item in entry.evidence.all()],
    }


def iteration_data(iteration: Iteration) -> dict:
    return {
        "number": iteration.number,
        "stage": iteration.stage,
        "guiding_question": iteration.guiding_question,
        "trl": iteration.trl,
        "status": iteration.status,
        "direction": iteration.direction,
        "back_reason": iteration.back_reason,
        "opened_at": iso(iteration.opened_at),
        "closed_at": iso(iteration.closed_at),
    }


def outcome_data(outcome: CardOutcome) -> dict:
    return {
        "iteration": outcome.iteration.number,
        "type": "theme" if outcome.is_theme else "card",
        "text": outcome.text,
        "role": outcome.role,
        "board": outcome.board_prompt,
        "reason": outcome.reason,
        "recorded_by": outcome.recorded_by_name,
        "recorded_at": iso(outcome.recorded_at),
    }


def json_chunks(project: Project, iteration: Iteration | None = None):
    """The log as one JSON document (schema ``SCHEMA_VERSION``), written as it is read."""
    head = {
        "schema_version": SCHEMA_VERSION,
        "exported_at": iso(timezone.now()),
        "scope": "iteration" if iteration else "project",
        "project": {
            "title": project.title,
            "summary": project.summary,
            "involvement_aim": project.involvement_aim,
            "reflections": project.reflections,
        },
        "iterations": [iteration_data(i) for i in iterations_of(project, iteration)],
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "entries": ['
    separator = "\n"
    for entry in log_entries(project, iteration):
        yield separator + json.dumps(entry_data(entry), ensure_ascii=False)
        separator = ",\n"
    yield '\n], "not_taken_up": ['
    separator = "\n"
    for outcome in outcomes_of(project, iteration):
        yield separator + json.dumps(outcome_data(outcome), ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


# CSV -------------------------------------------------------------------------------

CSV_COLUMNS = [
    "entry_id",
    "iteration",
    "stage",
    "kind",
    "title",
    "body",
    "recorded_by",
    "recorded_at",
    "supersedes",
    "superseded_by",
    "effect_sign",
    "effect_certainty",
    "affected",
    "severity",
    "mitigated_by",
    "cards",
    "card_roles",
    "themes",
    "sessions",
    "activities",
]


def csv_row(entry: LogEntry) -> list:
    evidence = list(entry.evidence.all())
    cards = [e for e in evidence if e.kind == Evidence.Kind.CARD]
    superseded_by = getattr(entry, "superseded_by", None)
    return [
        entry.pk,
        entry.iteration.number,
        entry.iteration.stage,
        entry.kind,
        spreadsheet_safe(entry.title),
        spreadsheet_safe(entry.body),
        spreadsheet_safe(entry.author_name),
        iso(entry.created_at),
        entry.supersedes_id or "",
        superseded_by.pk if superseded_by else "",
        entry.effect_sign,
        entry.effect_certainty,
        spreadsheet_safe(entry.affected),
        entry.severity,
        entry.mitigated_by_id or "",
        spreadsheet_safe(
            "\n".join(concealed_text() if e.concealed else e.text for e in cards)
        ),
        "; ".join(e.role for e in cards),
        spreadsheet_safe(
            "\n".join(e.text for e in evidence if e.kind == Evidence.Kind.THEME)
        ),
        spreadsheet_safe(
            "\n".join(e.text for e in evidence if e.kind == Evidence.Kind.SESSION)
        ),
        spreadsheet_safe(
            "\n".join(
                activity_summary(e)
                for e in evidence
                if e.kind == Evidence.Kind.ACTIVITY
            )
        ),
    ]


def csv_chunks(project: Project, iteration: Iteration | None = None):
    """One row per entry, UTF-8 with a byte-order mark for spreadsheet programs."""
    writer = csv.writer(EchoLine())
    yield "\ufeff" + writer.writerow(CSV_COLUMNS)
    for entry in log_entries(project, iteration):
        yield writer.writerow(csv_row(entry))


# Markdown --------------------------------------------------------------------------


def when(moment) -> str:
    """A date and a 24-hour time for a sentence; English "6:50 p.m." would end it twice."""
    local = timezone.localtime(moment)
    return f"{date_format(local, 'DATE_FORMAT')}, {time_format(local, 'H:i')}"


def activity_summary(item: Evidence) -> str:
    """A cited activity in one line: its question and overall results, best first."""
    overall = (item.results or {}).get("overall")
    if not overall:
        return _("%(question)s: fewer than 5 answers") % {"question": item.text}
    parts = [
        f"{row['label']} {row.get('count', row.get('points'))}"
        for row in overall["rows"]
    ]
    if overall.get("median") is not None:
        parts.append(_("median %(median)s") % {"median": overall["median"]})
    return f"{item.text}: " + "; ".join(parts)


def evidence_line(item: Evidence) -> str:
    if item.kind == Evidence.Kind.CARD:
        if item.concealed:
            text = concealed_text()
        else:
            text = escape_markdown(item.text) or _("(withdrawn by its author)")
        return _("- Card (%(role)s) on “%(board)s”: “%(text)s”") % {
            "role": ROLES.get(item.role, item.role),
            "board": escape_markdown(item.board_prompt),
            "text": text,
        }
    if item.kind == Evidence.Kind.THEME:
        return _("- Theme “%(name)s” on “%(board)s”") % {
            "name": escape_markdown(item.text),
            "board": escape_markdown(item.board_prompt),
        }
    if item.kind == Evidence.Kind.ACTIVITY:
        return _("- Poll, scale or ranking on “%(board)s”: %(summary)s") % {
            "board": escape_markdown(item.board_prompt),
            "summary": escape_markdown(activity_summary(item)),
        }
    return _("- Session “%(title)s”") % {"title": escape_markdown(item.text)}


def effect_lines(entry: LogEntry) -> list[str]:
    lines = [
        _("**Effect:** %(sign)s, %(certainty)s.")
        % {
            "sign": entry.get_effect_sign_display(),
            "certainty": entry.get_effect_certainty_display(),
        }
    ]
    if entry.affected:
        lines.append(_("**Affected:** %s") % escape_markdown(entry.affected))
    if entry.severity:
        lines.append(_("**Severity:** %s") % entry.get_severity_display())
    if entry.mitigated_by_id:
        lines.append(_("**Mitigated by:** entry %s") % entry.mitigated_by_id)
    return lines


def entry_markdown(entry: LogEntry) -> str:
    lines = [
        f"### {entry.get_kind_display()}: {escape_markdown(entry.title)} (#{entry.pk})",
        "",
        _("_Recorded by %(author)s on %(when)s._")
        % {
            "author": escape_markdown(entry.author_name),
            "when": when(entry.created_at),
        },
    ]
    if entry.supersedes_id:
        lines.append(_("_Corrects entry %s._") % entry.supersedes_id)
    superseded_by = getattr(entry, "superseded_by", None)
    if superseded_by is not None:
        lines.append(_("_Superseded by entry %s._") % superseded_by.pk)
    if entry.body:
        lines += ["", entry.body]
    if entry.kind == EntryKind.EFFECT:
        lines += ["", *effect_lines(entry)]
    evidence = list(entry.evidence.all())
    if evidence:
        lines += ["", _("Evidence:"), *map(evidence_line, evidence)]
    return "\n".join(lines) + "\n\n"


def cycle_markdown(iterations) -> str:
    lines = ["## " + _("The cycle"), ""]
    for it in iterations:
        line = _("- Iteration %(number)s: %(stage)s, %(direction)s, %(status)s") % {
            "number": it.number,
            "stage": it.get_stage_display(),
            "direction": it.get_direction_display(),
            "status": it.get_status_display(),
        }
        if it.guiding_question:
            line += f". {escape_markdown(it.guiding_question)}"
        if it.back_reason:
            line += " " + _("(back because: %s)") % escape_markdown(it.back_reason)
        lines.append(line)
    return "\n".join(lines) + "\n\n"


def markdown_chunks(project: Project, iteration: Iteration | None = None):
    """A readable report: the cycle, then each iteration's entries with their evidence."""
    title = escape_markdown(project.title)
    yield "# " + _("%(project)s: iteration log") % {"project": title} + "\n\n"
    yield _("Exported on %s.") % when(timezone.now()) + "\n\n"
    yield cycle_markdown(iterations_of(project, iteration))
    current = None
    for entry in log_entries(project, iteration):
        if entry.iteration.number != current:
            current = entry.iteration.number
            yield f"## {escape_markdown(str(entry.iteration))}\n\n"
        yield entry_markdown(entry)
    outcomes = outcomes_of(project, iteration)
    first = next(outcomes, None)
    if first is not None:
        yield "## " + _("Not taken up") + "\n\n"
        for outcome in (first, *outcomes):
            yield outcome_line(outcome) + "\n"


def outcome_line(outcome: CardOutcome) -> str:
    return _("- “%(text)s” (%(who)s): %(reason)s") % {
        "text": escape_markdown(outcome.text),
        "who": _("theme") if outcome.is_theme else ROLES.get(outcome.role, ""),
        "reason": escape_markdown(outcome.reason),
    }
