"""Printables: the QR poster for the door, the paper card sheet and the board report.

Plain pages with a print stylesheet (static/css/print.css), so a browser's
"Save as PDF" makes the file; no PDF library.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from codesign.links import site_url
from codesign.models import StakeholderRole
from codesign.ratelimit import client_address

from .access import board_for_code
from .results import board_results
from .snapshot import board_state, cards_by_column, cards_by_theme
from .views import join_qr
from .visibility import PROJECTOR


def _access(request, code, **rights):
    address = client_address(request)
    return board_for_code(request.user, code, request.COOKIES, address, **rights)


@require_GET
@login_required
def poster(request, code):
    """An A4 poster: the question, the join code and address in large type, a QR code."""
    board = _access(request, code, staff=True).board
    base = site_url(request)
    join_url = base + reverse("feedback:board_join", args=[board.join_code])
    context = {
        "board": board,
        "join_page_url": base + reverse("feedback:join"),
        "qr_svg": join_qr(join_url),
    }
    return render(request, "feedback/print_poster.html", context)


@require_GET
@login_required
def cards_sheet(request, code):
    """A paper card sheet for the scribe: question, columns, role tick-boxes."""
    board = _access(request, code, staff=True).board
    context = {
        "board": board,
        "columns": list(board.columns.all()),
        "roles": StakeholderRole.choices,
    }
    return render(request, "feedback/print_cards_sheet.html", context)


def printed_cards(board, state: dict, exact: bool) -> list[dict]:
    """The cards a projector shows, with votes by role; hidden and sealed ones left out."""
    rows = {row["card"].pk: row for row in board_results(board, exact)["cards"]}
    cards = []
    for card in state["cards"]:
        if card["hidden"] or card["sealed"] or card["id"] not in rows:
            continue
        cards.append({**card, "result": rows[card["id"]]})
    return cards


@require_GET
@login_required
def print_board(request, code):
    """The board for the report: cards by column or theme, votes by role."""
    access = _access(request, code, member=True)
    board = access.board
    view = "theme" if request.GET.get("view") == "theme" else "column"
    state = board_state(board, PROJECTOR)
    state["cards"] = printed_cards(board, state, exact=access.is_member)
    groups = cards_by_theme(state) if view == "theme" else cards_by_column(state)
    context = {"board": board, "view": view, "groups": groups}
    return render(request, "feedback/print_board.html", context)
