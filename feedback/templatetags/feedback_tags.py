"""Template helpers of the live boards: the project page's board section."""

from django import template

from codesign.access import RUNS_SESSIONS

from ..models import Board
from ..models import emotion_words as emotion_words_now

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


@register.filter
def role_label(roles: dict, code: str) -> str:
    """The label of a stakeholder role code, from the page's ``roles``."""
    return roles.get(code, "")


@register.filter
def for_card(url: str, card_id: str) -> str:
    """A card action's address from the one reversed for card 0, as the script does."""
    return url.replace("/cards/0/", f"/cards/{card_id}/")


@register.filter
def timer_clock(seconds: int) -> str:
    """Seconds as the timer shows them: 4:05."""
    return f"{seconds // 60}:{seconds % 60:02d}"


@register.filter
def emotion_words(emotion: str) -> str:
    """A feeling as icon and word: "😟 Worried"."""
    word = emotion_words_now().get(emotion)
    return f"{word['icon']} {word['label']}" if word else ""
