"""A board as one person sees it: the page renders it and ``snapshot`` frames send it.

Both entry points use ``board_state`` so that a client applying a snapshot ends
exactly where a fresh page load would (DESIGN §5). It runs a fixed number of
queries however many cards the board holds.
"""

from django.db.models import Count

from .actions import board_settings
from .activity_results import activities_state
from .models import Board, Card, Vote
from .visibility import Viewer, card_data


def board_state(board: Board, viewer: Viewer) -> dict:
    """Prompt, state, settings, columns, themes and cards, as this viewer may see them.

    What each card shows is ``visibility.card_data``'s decision, nothing else's.
    """
    mine = viewer.participant_id
    my_votes = {}
    if mine is not None:
        my_votes = dict(
            Vote.objects.filter(participant_id=mine, voting_round=board.voting_round)
            .values("card_id")
            .annotate(n=Count("id"))
            .values_list("card_id", "n")
        )
    cards = []
    for card in Card.objects.filter(board=board).for_display():
        data = card_data(card, viewer.view_of(card.participant_id), board.votes_hidden)
        if data is None:
            continue
        data["mine"] = mine is not None and card.participant_id == mine
        data["my_votes"] = my_votes.get(card.pk, 0)
        cards.append(data)
    used = sum(my_votes.values())
    votes_left = max(board.votes_per_participant - used, 0) if mine else 0
    return {
        "id": board.pk,
        "code": board.join_code,
        **board_settings(board),
        "votes_left": votes_left,
        # The Vote buttons are off and say why: only while votes could be given.
        "votes_spent": bool(mine) and board.voting_open and votes_left == 0,
        "columns": [column.as_data() for column in board.columns.all()],
        "themes": [{"id": t.pk, "name": t.name} for t in board.themes.all()],
        "cards": cards,
        "activities": activities_state(board, viewer),
    }


def cards_by_column(state: dict) -> list[dict]:
    """The state's columns, each with its cards, for templates."""
    columns = [dict(column, cards=[]) for column in state["columns"]]
    index = {column["id"]: column for column in columns}
    for card in state["cards"]:
        index[card["column"]]["cards"].append(card)
    return columns


def cards_by_theme(state: dict) -> list[dict]:
    """The state's themes, each with its cards, then the cards in no theme."""
    themes = [dict(theme, cards=[]) for theme in state["themes"]]
    themes.append({"id": None, "name": None, "cards": []})
    index = {theme["id"]: theme for theme in themes}
    for card in state["cards"]:
        index.get(card["theme"], themes[-1])["cards"].append(card)
    return themes
