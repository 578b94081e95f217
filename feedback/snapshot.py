"""A board as one person sees it: the page renders it and ``snapshot`` frames send it.

Both entry points use ``board_state`` so that a client applying a snapshot ends
exactly where a fresh page load would (DESIGN §5). It runs a fixed number of
queries however many cards the board holds.
"""

from django.db.models import Count

from .access import BoardAccess
from .actions import board_settings
from .models import Board, Card, Vote


def card_view(access: BoardAccess, card: Card) -> str:
    """Which variant of a card the viewer gets (``Card.as_data``)."""
    if access.is_staff:
        return "full"
    participant = access.participant
    if participant is not None and card.participant_id == participant.pk:
        return "own"
    return "other"


def board_state(board: Board, access: BoardAccess) -> dict:
    """Prompt, state, settings, columns, themes and cards, as this viewer may see them.

    Others' hidden cards are left out; sealed cards (a silent brainstorm) come without
    text or author, and vote counts are left out while hidden (DESIGN §6).
    """
    participant = access.participant
    my_votes = {}
    if participant is not None:
        my_votes = dict(
            Vote.objects.filter(
                participant=participant, voting_round=board.voting_round
            )
            .values("card_id")
            .annotate(n=Count("id"))
            .values_list("card_id", "n")
        )
    cards = []
    for card in Card.objects.filter(board=board).for_display():
        view = card_view(access, card)
        if view == "other" and card.hidden:
            continue
        data = card.as_data(view, board.votes_hidden)
        data["mine"] = participant is not None and card.participant_id == participant.pk
        data["my_votes"] = my_votes.get(card.pk, 0)
        cards.append(data)
    used = sum(my_votes.values())
    return {
        "id": board.pk,
        "code": board.join_code,
        **board_settings(board),
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


def cards_by_theme(state: dict) -> list[dict]:
    """The state's themes, each with its cards, then the cards in no theme."""
    themes = [dict(theme, cards=[]) for theme in state["themes"]]
    themes.append({"id": None, "name": None, "cards": []})
    index = {theme["id"]: theme for theme in themes}
    for card in state["cards"]:
        index.get(card["theme"], themes[-1])["cards"].append(card)
    return themes
