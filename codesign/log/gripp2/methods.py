"""GRIPP2 section 2, Methods: who took part and how, derived from what Codesign holds.

Workshops with their involvement level, recruitment, sessions and who came (checked-in
attendance where the organisers kept it, registrations otherwise), compensation and
accessibility arrangements; per board the methods its settings and events show; and
how input was recorded.
"""

from collections import Counter

from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from codesign.models import Iteration, Project
from codesign.safe_markdown import escape_markdown
from events.models import Attendance, Registration, Workshop
from feedback.models import Board, Card, Participant

from ..models import CardOutcome, EntryKind, LogEntry
from .counts import by_role, counts_text

COMPENSATED = {
    Registration.Compensation.OFFERED: _lazy("offered to %(n)s"),
    Registration.Compensation.ACCEPTED: _lazy("accepted by %(n)s"),
    Registration.Compensation.PAID: _lazy("paid to %(n)s"),
}


def _scoped(queryset, iteration: Iteration | None, path: str):
    return queryset if iteration is None else queryset.filter(**{path: iteration})


def methods_text(project: Project, iteration: Iteration | None = None) -> str:
    """The Methods section as Markdown, without its heading."""
    workshops = _scoped(
        Workshop.objects.filter(project=project), iteration, "iteration"
    ).prefetch_related("sessions")
    boards = _scoped(Board.objects.filter(project=project), iteration, "iteration")
    parts = [
        "### " + _("Who was involved"),
        who_text(project, iteration),
        "### " + _("Workshops"),
        "\n".join(map(workshop_line, workshops.order_by("created_at")))
        or _("No workshops recorded."),
        "### " + _("Methods on the feedback boards"),
        "\n".join(map(board_line, boards.order_by("created_at")))
        or _("No feedback boards recorded."),
        "### " + _("How input was recorded"),
        recording_text(project, iteration),
    ]
    return "\n\n".join(parts)


def who_text(project: Project, iteration: Iteration | None) -> str:
    """Who took part, by stakeholder role: attendees, registrants, board participants."""
    attended = _scoped(
        Attendance.objects.filter(session__workshop__project=project),
        iteration,
        "session__workshop__iteration",
    )
    registered = _scoped(
        Registration.objects.filter(
            workshop__project=project, status=Registration.Status.CONFIRMED
        ),
        iteration,
        "workshop__iteration",
    )
    on_boards = _scoped(
        Participant.objects.filter(board__project=project),
        iteration,
        "board__iteration",
    )
    lines = [
        _("- Attended the sessions (checked in): %s") % counts_text(by_role(attended)),
        _("- Registered for workshops: %s") % counts_text(by_role(registered)),
        _("- On the feedback boards: %s") % counts_text(by_role(on_boards)),
        _("- People chose their own stakeholder role."),
    ]
    return "\n".join(lines)


def workshop_line(workshop: Workshop) -> str:
    """One workshop: level, recruitment, sessions with attendance, compensation, access."""
    sessions = list(workshop.sessions.all())
    parts = [
        _("- **%(title)s**: involvement level %(level)s.")
        % {
            "title": escape_markdown(workshop.title),
            "level": workshop.get_involvement_level_display().lower(),
        },
        _("Recruited through a public registration link.")
        if workshop.is_public
        else _("Recruited by invitation."),
        _("Sessions: %s.") % ("; ".join(map(session_text, sessions)) or _("none yet")),
    ]
    compensation = compensation_text(workshop)
    if compensation:
        parts.append(compensation)
    if workshop.accessibility_info:
        parts.append(
            _("Accessibility: %s") % escape_markdown(workshop.accessibility_info)
        )
    return " ".join(parts)


def session_text(session) -> str:
    day = date_format(timezone.localtime(session.starts_at), "DATE_FORMAT")
    came = by_role(session.attendances.all())
    if not came:
        return _("%(day)s (attendance not recorded)") % {"day": day}
    return _("%(day)s (attended: %(counts)s)") % {
        "day": day,
        "counts": counts_text(came),
    }


def compensation_text(workshop: Workshop) -> str:
    """What the workshop offered and to how many registrants it was given."""
    given = dict(
        workshop.registrations.filter(compensation_status__in=list(COMPENSATED))
        .values_list("compensation_status")
        .annotate(n=Count("id"))
    )
    counted = [COMPENSATED[s] % {"n": given[s]} for s in COMPENSATED if given.get(s)]
    if not workshop.compensation_info and not counted:
        return ""
    info = escape_markdown(workshop.compensation_info) or _("recorded per person")
    if counted:
        info += " (" + ", ".join(counted) + ")"
    return _("Compensation: %s.") % info.rstrip(".")


def board_line(board: Board) -> str:
    """One board: its prompt and the methods its settings and event log show."""
    names = Counter(board.events.values_list("name", flat=True))
    methods = []
    if board.silent or names["board.revealed"]:
        methods.append(
            _("silent brainstorm (cards hidden from others until the reveal)")
        )
    if names["vote.added"]:
        methods.append(
            ngettext(
                "dot voting with %(n)s vote per person",
                "dot voting with %(n)s votes per person",
                board.votes_per_participant,
            )
            % {"n": board.votes_per_participant}
        )
    themes = board.themes.count()
    if themes:
        methods.append(
            ngettext(
                "cards grouped into %(n)s theme",
                "cards grouped into %(n)s themes",
                themes,
            )
            % {"n": themes}
        )
    columns = [
        escape_markdown(c) for c in board.columns.values_list("title", flat=True)
    ]
    if len(columns) > 1:
        methods.append(_("cards in the columns %s") % ", ".join(columns))
    return _("- “%(prompt)s”: %(methods)s.") % {
        "prompt": escape_markdown(board.prompt),
        "methods": "; ".join(methods) or _("open cards"),
    }


def recording_text(project: Project, iteration: Iteration | None) -> str:
    """How what people said was recorded: cards, scribe mode and the log."""
    cards = _scoped(
        Card.objects.filter(board__project=project), iteration, "board__iteration"
    )
    entries = _scoped(
        LogEntry.objects.current().filter(iteration__project=project),
        iteration,
        "iteration",
    )
    kinds = Counter(entries.values_list("kind", flat=True))
    outcomes = _scoped(
        CardOutcome.objects.filter(project=project), iteration, "iteration"
    )
    lines = [
        _(
            "Participants wrote cards on live feedback boards, from their phone or, "
            "through a facilitator, on paper. Cards carry the writer's stakeholder "
            "role, never their name. The team linked each insight, decision and "
            "change in the iteration log to the cards behind it, and gave the reason "
            "for what it did not take up."
        ),
        "",
        _("- Cards: %(cards)s (entered by a facilitator: %(scribed)s)")
        % {
            "cards": cards.count(),
            "scribed": cards.filter(entered_by__isnull=False).count(),
        },
        _("- Insights: %s") % kinds[EntryKind.INSIGHT],
        _("- Decisions: %s") % kinds[EntryKind.DECISION],
        _("- Changes: %s") % kinds[EntryKind.CHANGE],
        _("- Cards or themes not taken up: %s") % outcomes.count(),
    ]
    return "\n".join(lines)
