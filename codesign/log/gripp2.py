"""The patient-involvement report following the GRIPP2 short form, streamed.

Aim, methods, results, discussion and conclusions, and reflections, filled from the
project, its workshops and boards, and its log. Blocks are Markdown; the printable page
renders each block safely. Like the other exports it names no participants, and cards
that are hidden or sealed until the reveal are not there. The report is exported by
the team only, so its counts are exact (``EXACT``); they still pass through the one
small-count rule, ``visibility.suppress_small``.
"""

from collections import Counter

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from codesign.models import Iteration, Project
from codesign.safe_markdown import escape_markdown, render_markdown
from events.models import Registration, Workshop
from feedback import visibility
from feedback.models import Participant

from .exports import (
    effect_lines,
    evidence_line,
    log_entries,
    outcome_line,
    outcomes_of,
    when,
)
from .models import DID_KINDS, EntryKind, Evidence, LogEntry
from .queries import role_counts

# Who may read the report: the team (exports need a role that runs the cycle).
EXACT = True


def counts_text(rows, exact: bool = EXACT) -> str:
    """Counts per stakeholder role as a sentence part, suppressed outside the team."""
    counts, _total = visibility.suppress_small(dict(role_counts(rows)), exact)
    if not counts:
        return _("none recorded")
    return ", ".join(f"{label} {n}" for label, n in counts.items())


def by_role(queryset):
    """(role, count) rows of a queryset of things that have a stakeholder role."""
    return queryset.values_list("role").annotate(n=Count("id"))


def gripp2_methods(project: Project, iteration: Iteration | None) -> str:
    workshops = Workshop.objects.filter(project=project).prefetch_related("sessions")
    boards = Participant.objects.filter(board__project=project)
    registrations = Registration.objects.filter(
        workshop__project=project, status=Registration.Status.CONFIRMED
    )
    if iteration is not None:
        workshops = workshops.filter(iteration=iteration)
        boards = boards.filter(board__iteration=iteration)
        registrations = registrations.filter(workshop__iteration=iteration)
    lines = ["## " + _("2. Methods"), "", "### " + _("Workshops"), ""]
    for workshop in workshops.order_by("created_at"):
        dates = ", ".join(
            date_format(timezone.localtime(s.starts_at), "DATE_FORMAT")
            for s in workshop.sessions.all()
        )
        lines.append(
            _("- %(title)s: involvement level %(level)s; sessions: %(dates)s")
            % {
                "title": escape_markdown(workshop.title),
                "level": workshop.get_involvement_level_display().lower(),
                "dates": dates or _("none yet"),
            }
        )
    if len(lines) == 4:
        lines.append(_("No workshops recorded."))
    lines += [
        "",
        "### " + _("Participants by stakeholder role"),
        "",
        _("- Registered for workshops: %s") % counts_text(by_role(registrations)),
        _("- On the feedback boards: %s") % counts_text(by_role(boards)),
    ]
    return "\n".join(lines)


def citable_evidence(entry: LogEntry) -> list[Evidence]:
    """The entry's evidence without cards that are hidden or sealed now."""
    return [e for e in entry.evidence.all() if not e.concealed]


def shaped_by(entry: LogEntry) -> str:
    evidence = citable_evidence(entry)
    cards = [e for e in evidence if e.kind == Evidence.Kind.CARD]
    themes = [e for e in evidence if e.kind == Evidence.Kind.THEME]
    if not cards and not themes:
        return _("No stakeholder feedback cited.")
    by_role = Counter(e.role for e in cards)
    parts = [counts_text(by_role.items())] if cards else []
    parts += [_("theme “%s”") % escape_markdown(e.text) for e in themes]
    return _("Shaped by: %s.") % "; ".join(parts)


def gripp2_entries(project, iteration, kinds):
    entries = (
        e
        for e in log_entries(project, iteration)
        if e.kind in kinds and getattr(e, "superseded_by", None) is None
    )
    for entry in entries:
        lines = [
            f"### {entry.get_kind_display()}: {escape_markdown(entry.title)}",
            "",
        ]
        if entry.body:
            lines += [entry.body, ""]
        if entry.kind == EntryKind.EFFECT:
            lines += [*effect_lines(entry), ""]
        else:
            lines.append(shaped_by(entry))
            lines += ["", *map(evidence_line, citable_evidence(entry)), ""]
        yield "\n".join(lines)


def gripp2_blocks(project: Project, iteration: Iteration | None = None):
    """The GRIPP2 short form, as Markdown blocks: aim, methods, results, discussion, reflections."""
    title = escape_markdown(project.title)
    yield "# " + _("%(project)s: patient and public involvement") % {"project": title}
    yield _("A report following the GRIPP2 short form. Exported on %s.") % when(
        timezone.now()
    )
    yield (
        "## "
        + _("1. Aim")
        + "\n\n"
        + (project.involvement_aim or _("No involvement aim recorded."))
    )
    yield gripp2_methods(project, iteration)
    yield (
        "## "
        + _("3. Results")
        + "\n\n"
        + _("Decisions and changes, with the stakeholder involvement that shaped them.")
    )
    yield from gripp2_entries(project, iteration, DID_KINDS)
    outcomes = [outcome_line(o) for o in outcomes_of(project, iteration)]
    if outcomes:
        yield "### " + _("Not taken up, and why") + "\n\n" + "\n".join(outcomes)
    yield (
        "## "
        + _("4. Discussion and conclusions")
        + "\n\n"
        + _("Effects of the involvement and of the innovation, positive and negative.")
    )
    yield from gripp2_entries(project, iteration, (EntryKind.EFFECT,))
    yield (
        "## "
        + _("5. Reflections")
        + "\n\n"
        + (project.reflections or _("No reflections recorded yet."))
    )


def markdown_chunks(project: Project, iteration: Iteration | None = None):
    for block in gripp2_blocks(project, iteration):
        yield block + "\n\n"


def html_chunks(project: Project, iteration: Iteration | None = None):
    """The GRIPP2 report as a printable page; each block is rendered safely."""
    page = render_to_string(
        "codesign/log/gripp2_print.html",
        {"project": project, "iteration": iteration},
    )
    head, tail = page.split("<!-- report -->")
    yield head
    for block in gripp2_blocks(project, iteration):
        yield render_markdown(block)
    yield tail
