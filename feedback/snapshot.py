"""A board as one person sees it: the page renders it and ``snapshot`` frames send it.

Both entry points use ``board_state`` so that a client applying a snapshot ends
exactly where a fresh page load would (DESIGN §5). It runs a fixed number of
queries however many cards the board holds.
"""

from django.db.models import Count

from .access import BoardAccess
from .models import Board, Card, Vote


def board_state(board: Board, access: BoardAccess) -> dict:
    """Prompt, state, settings, columns, themes and cards, with the viewer's own marks."""
    participant = access.participant
    my_votes = {}
    if participant is not None:
        my_votes = dict(
            Vote.objects.filter(participant=participant)
            .values("card_id")
            .annotate(n=Count("id"))
            .values_list("card_id", "n")
        )
    cards = []
    for card in Card.objects.filter(board=board).for_display():
        data = card.as_data()
        data["mine"] = participant is not None and card.participant_id == participant.pk
        data["my_votes"] = my_votes.get(card.pk, 0)
        cards.append(data)
    used = sum(my_votes.values())
    return {
        "id": board.pk,
        "code": board.join_code,
        "prompt": board.prompt,
        "state": board.state,
        "votes_per_participant": board.votes_per_participant,
        "votes_left": max(board.votes_per_participant - used, 0) if participant else 0,
        "columns": [{"id": c.pk, "title": c.title} for c in board.columns.all()],
        "themes": [{"id": t.pk, "name": t.name} for t in board.themes.all()],
        "cards": cards,
    }


def cards_by_column(state: dict) -> list[dict]:
    """The state's columns, each with its cards, for templates."""
    columns = [dict(column, cards=[]) for column in state["columns"]]
    index = {column["id"]: column for column in columns}
    for card in state["cards"]:
        index[card["column"]]["cards"].append(card)
    return columns
