"""GRIPP2 section 3, Results: what participants said and what changed because of it.

What people said, by theme, with quotes of citable cards only and counts by role; the
decisions and changes with the cards behind them; and the turns of the cycle, bench →
bedside → population and back, with the reasons the log recorded.
"""

from collections import Counter, defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from codesign.models import Iteration, Project
from codesign.safe_markdown import escape_markdown
from feedback import visibility
from feedback.models import Card

from ..exports import evidence_line, log_entries
from ..models import DID_KINDS, Evidence, LogEntry
from .counts import counts_text

QUOTES_PER_THEME = 3


def results_text(project: Project, iteration: Iteration | None = None) -> str:
    """The Results section as Markdown, without its heading."""
    said = said_by_theme(project, iteration)
    changed = "\n\n".join(entry_blocks(project, iteration, DID_KINDS))
    return "\n\n".join(
        [
            "### " + _("What participants said"),
            said or _("No cards recorded."),
            "### " + _("What changed because of it"),
            changed or _("No decisions or changes recorded yet."),
            "### " + _("The cycle: bench, bedside, population and back"),
            cycle_text(project, iteration),
        ]
    )


def said_by_theme(project: Project, iteration: Iteration | None) -> str:
    """Per theme: counts by role and a few quotes; citable cards only."""
    cards = visibility.citable(Card.objects.filter(board__project=project))
    if iteration is not None:
        cards = cards.filter(board__iteration=iteration)
    grouped = defaultdict(list)
    for card in cards.select_related("theme", "participant").order_by(
        "theme__position", "theme_id", "created_at", "id"
    ):
        grouped[card.theme].append(card)
    blocks = [theme_block(theme, cards) for theme, cards in grouped.items() if theme]
    if grouped.get(None):
        blocks.append(theme_block(None, grouped[None]))
    return "\n\n".join(blocks)


def theme_block(theme, cards: list[Card]) -> str:
    roles = Counter(card.participant.role for card in cards)
    name = (
        _("Theme “%s”") % escape_markdown(theme.name)
        if theme
        else _("Cards not grouped into a theme")
    )
    lines = [
        ngettext(
            "**%(name)s**: %(n)s card (%(roles)s).",
            "**%(name)s**: %(n)s cards (%(roles)s).",
            len(cards),
        )
        % {"name": name, "n": len(cards), "roles": counts_text(roles.items())}
    ]
    lines += [
        _("- “%(text)s” (%(role)s)")
        % {
            "text": escape_markdown(card.text),
            "role": card.participant.get_role_display(),
        }
        for card in cards[:QUOTES_PER_THEME]
    ]
    return "\n".join(lines)


def citable_evidence(entry: LogEntry) -> list[Evidence]:
    """The entry's evidence without cards that are hidden or sealed now."""
    return [e for e in entry.evidence.all() if not e.concealed]


def shaped_by(entry: LogEntry) -> str:
    evidence = citable_evidence(entry)
    cards = [e for e in evidence if e.kind == Evidence.Kind.CARD]
    themes = [e for e in evidence if e.kind == Evidence.Kind.THEME]
    polls = [e for e in evidence if e.kind == Evidence.Kind.ACTIVITY]
    if not cards and not themes and not polls:
        return _("No stakeholder feedback cited.")
    by_role = Counter(e.role for e in cards)
    parts = [counts_text(by_role.items())] if cards else []
    parts += [_("theme “%s”") % escape_markdown(e.text) for e in themes]
    parts += [_("the answers to “%s”") % escape_markdown(e.text) for e in polls]
    return _("Shaped by: %s.") % "; ".join(parts)


def entry_blocks(project: Project, iteration: Iteration | None, kinds):
    """Current entries of these kinds with the feedback behind them, as Markdown."""
    for entry in log_entries(project, iteration):
        if entry.kind not in kinds or getattr(entry, "superseded_by", None):
            continue
        lines = [f"#### {entry.get_kind_display()}: {escape_markdown(entry.title)}", ""]
        if entry.body:
            lines += [entry.body, ""]
        lines.append(shaped_by(entry))
        lines += ["", *map(evidence_line, citable_evidence(entry))]
        yield "\n".join(lines).rstrip()


def cycle_text(project: Project, iteration: Iteration | None) -> str:
    """Each iteration's stage and question, and why the cycle went forward or back."""
    iterations = project.iterations.order_by("number")
    if iteration is not None:
        iterations = iterations.filter(pk=iteration.pk)
    return "\n".join(map(iteration_line, iterations)) or _("No iterations recorded.")


def iteration_line(iteration: Iteration) -> str:
    line = _("- Iteration %(number)s, %(stage)s") % {
        "number": iteration.number,
        "stage": iteration.get_stage_display().lower(),
    }
    if iteration.guiding_question:
        line += ": " + escape_markdown(iteration.guiding_question)
    if iteration.direction == Iteration.Direction.BACK:
        line += " " + _("(went back: %s)") % escape_markdown(
            iteration.back_reason or _("no reason recorded")
        ).rstrip(".")
    elif iteration.direction == Iteration.Direction.FORWARD:
        line += " " + _("(went forward)")
    return line if line.endswith(("?", "!", ".")) else line + "."
