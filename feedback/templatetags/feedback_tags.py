"""Template helpers of the live boards: the project page's board section, the cards."""

from django import template
from django.utils.safestring import SafeString

from codesign.access import RUNS_SESSIONS

from ..compact_cards import CompactCards
from ..models import Board

register = template.Library()


@register.inclusion_tag("feedback/_project_boards.html")
def project_boards(project):
    """The project's boards that are not closed, newest first: one query."""
    membership = getattr(project, "membership", None)
    boards = Board.objects.live().filter(project=project).order_by("-created_at")[:10]
    return {
        "project": project,
        "boards": boards,
        "can_create": membership is not None and membership.role in RUNS_SESSIONS,
    }


@register.simple_tag(takes_context=True)
def compact_cards(context, cards: list[dict]) -> SafeString:
    """The cards of a column or theme as the page shows them (``compact_cards``)."""
    return CompactCards(context).render(cards)


@register.filter
def timer_clock(seconds: int) -> str:
    """Seconds as the timer shows them: 4:05."""
    return f"{seconds // 60}:{seconds % 60:02d}"
