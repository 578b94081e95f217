"""A participant's own data on a board: see it, download it, erase it (issue 14).

Reached through the guest cookie (or the account), also after the board is closed.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from codesign.ratelimit import client_address

from . import personal_data
from .access import NotJoined, board_for, guess_board, guest_cookie_name


def _mine(request, code):
    """The visitor's standing on the board with this code, closed boards included."""
    board = guess_board(code, client_address(request), request.user, request.COOKIES)
    try:
        return board_for(request.user, board, request.COOKIES)
    except NotJoined:
        return None


@require_GET
def my_data(request, code):
    access = _mine(request, code)
    participant = access.participant if access else None
    context = {"participant": participant}
    if participant is not None:
        context["data"] = personal_data.participation_data(participant)
    return render(request, "feedback/my_data.html", context)


@require_GET
def my_data_download(request, code):
    access = _mine(request, code)
    participant = access.participant if access else None
    if participant is None:
        return render(request, "feedback/my_data.html", {}, status=404)
    response = JsonResponse(
        personal_data.download_data(participant), json_dumps_params={"indent": 2}
    )
    filename = f"codesign-board-{participant.board.join_code}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def erase_me(request, code):
    access = _mine(request, code)
    if access is None or access.participant is None:
        return render(request, "feedback/my_data.html", {}, status=404)
    if request.method == "GET":
        return render(request, "feedback/erase_me.html", {"board": access.board})
    personal_data.erase_participant(access)
    response = render(request, "feedback/erased.html", {"board": access.board})
    response.delete_cookie(guest_cookie_name(access.board), samesite="Lax")
    return response
