"""A board's results: votes per card and per theme, broken down by stakeholder role.

Counts of 1 to 4 are shown as "fewer than 5" wherever people outside the project team
see them (DESIGN §6), so that a small group's votes cannot point at a person; a total
from which such a count could be derived is not shown (``visibility.suppress_small``).
"""

from collections import Counter, defaultdict

from django.db.models import Count
from django.utils.translation import gettext as _

from codesign.ids import parse_id
from codesign.models import StakeholderRole

from . import visibility
from .models import Board, Card, Vote, emotion_words


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


def result_row(counter: Counter, exact: bool, top: int) -> dict:
    """One card's or theme's votes: the total as shown, and the votes by role.

    ``total`` is what the viewer may see (a number, "fewer than 5", or None: not
    shown); ``votes`` is the exact total, for ranking only.
    """
    labels = dict(StakeholderRole.choices)
    counts = {role: counter[role] for role in labels if counter[role]}
    shown, total = visibility.suppress_small(counts, exact)
    roles = [
        {
            "role": role,
            "label": labels[role],
            "count": count,
            "shown": shown[role],
            "exact": shown[role] == count,
            "top": top,
        }
        for role, count in counts.items()
    ]
    votes = sum(counts.values())
    return {
        "total": total,
        "votes": votes,
        "total_exact": total == votes,
        "roles": roles,
    }


def largest_role_count(counters) -> int:
    """The scale of the role charts: the largest count of one role, never a total.

    A total could be one that is not shown; the largest role count is shown itself
    wherever it has a chart (5 or more, or for the team).
    """
    return max((n for counter in counters for n in counter.values()), default=1)


def board_results(board: Board, exact: bool, voting_round: int | None = None) -> dict:
    """Cards and themes ranked by votes, each with its votes by role."""
    counts = votes_by_role(board, voting_round)
    cards = visibility.citable(Card.objects.filter(board=board))
    cards = list(cards.select_related("participant", "column", "theme"))
    top = largest_role_count(counts.values())
    by_theme: dict = defaultdict(Counter)
    rows = []
    for card in cards:
        counter = counts.get(card.pk, Counter())
        by_theme[card.theme].update(counter)
        rows.append({"card": card, **result_row(counter, exact, top)})
    rows.sort(key=lambda row: (-row["votes"], row["card"].pk))
    themes = [
        {
            "theme": theme,
            **result_row(counter, exact, largest_role_count([counter])),
        }
        for theme, counter in by_theme.items()
        if theme is not None
    ]
    themes.sort(key=lambda row: (-row["votes"], row["theme"].pk))
    return {"cards": rows, "themes": themes, "exact": exact}


def round_choices(board: Board) -> list[tuple[int, str]]:
    """The voting rounds the results can show, the latest last.

    Round 0 holds the votes given before the first round (on a "vote any time" board).
    """
    first = _("Before the first round")
    return [
        (number, _("Round %(number)d") % {"number": number} if number else first)
        for number in range(board.voting_round + 1)
    ]


def chosen_round(board: Board, raw) -> int:
    """The round asked for, or the current (last) one when none or no such round."""
    number = parse_id(raw)
    if number is None or number > board.voting_round:
        return board.voting_round
    return number


def emotion_map(board: Board, exact: bool) -> list[dict]:
    """Per touchpoint (column), how many cards carried each feeling, by author role.

    The EBCD "emotional mapping": small counts are suppressed for people outside the
    team like every other count here.
    """
    counts: dict = defaultdict(lambda: defaultdict(Counter))
    cards = visibility.citable(Card.objects.filter(board=board)).exclude(emotion="")
    rows = cards.values("column_id", "emotion", "participant__role")
    for row in rows.annotate(n=Count("id")).order_by():
        counts[row["column_id"]][row["emotion"]][row["participant__role"]] = row["n"]
    words = emotion_words()
    return [
        {
            "column": column,
            "emotions": [
                {"emotion": value, **words[value], **result_row(counter, exact, top)}
                for value, counter in counts[column.pk].items()
            ],
        }
        for column in board.columns.all()
        for top in [largest_role_count(counts[column.pk].values())]
    ]
