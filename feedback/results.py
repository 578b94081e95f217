"""A board's results: votes per card and per theme, broken down by stakeholder role.

Counts of 1 to 4 are shown as "fewer than 5" wherever people outside the project team
see them (DESIGN §6), so that a small group's votes cannot point at a person.
"""

from collections import Counter, defaultdict

from django.db.models import Count
from django.utils.translation import gettext as _

from codesign.models import StakeholderRole

from .models import Board, Card, Vote

SMALL_COUNT = 5


def shown_count(count: int, exact: bool):
    """The count, or "fewer than 5" for 1 to 4 when the viewer is not on the team."""
    if exact or count == 0 or count >= SMALL_COUNT:
        return count
    return _("fewer than 5")


def votes_by_role(board: Board, voting_round: int | None = None) -> dict:
    """{card id: Counter(role -> votes)} in one query."""
    votes = Vote.objects.filter(board=board)
    if voting_round is not None:
        votes = votes.filter(voting_round=voting_round)
    rows = votes.values("card_id", "participant__role").annotate(n=Count("id"))
    counts: dict[int, Counter] = defaultdict(Counter)
    for row in rows:
        counts[row["card_id"]][row["participant__role"]] = row["n"]
    return counts


def _breakdown(counter: Counter, exact: bool, top: int) -> list[dict]:
    labels = dict(StakeholderRole.choices)
    return [
        {
            "role": role,
            "label": labels[role],
            "count": counter[role],
            "shown": shown_count(counter[role], exact),
            "exact": exact or counter[role] >= SMALL_COUNT,
            "top": top,
        }
        for role in labels
        if counter[role]
    ]


def board_results(board: Board, exact: bool, voting_round: int | None = None) -> dict:
    """Cards and themes ranked by votes, each with its votes by role."""
    counts = votes_by_role(board, voting_round)
    cards = Card.objects.filter(board=board, hidden=False, sealed=False)
    cards = list(cards.select_related("participant", "column", "theme"))
    top = max([sum(c.values()) for c in counts.values()] or [0])
    by_theme: dict = defaultdict(Counter)
    rows = []
    for card in cards:
        counter = counts.get(card.pk, Counter())
        by_theme[card.theme].update(counter)
        rows.append(
            {
                "card": card,
                "total": sum(counter.values()),
                "roles": _breakdown(counter, exact, top),
            }
        )
    rows.sort(key=lambda row: (-row["total"], row["card"].pk))
    themes = [
        {
            "theme": theme,
            "total": sum(counter.values()),
            "roles": _breakdown(counter, exact, max(sum(counter.values()), 1)),
        }
        for theme, counter in by_theme.items()
        if theme is not None
    ]
    themes.sort(key=lambda row: (-row["total"], row["theme"].pk))
    return {"cards": rows, "themes": themes, "exact": exact}
