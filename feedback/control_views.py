"""The facilitator's pages: the command form, the control panel, results and exports.

The command form runs the same command table and forms as the socket
(``feedback.commands``), so every control works without JavaScript too.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from codesign.models import Membership
from codesign.ratelimit import client_address

from . import exports
from .access import board_for_code
from .activity_results import board_activity_results
from .commands import parse_command
from .pages import control_context, page_context
from .results import board_results, chosen_round, emotion_map, round_choices


def _access(request, code, **kwargs):
    address = client_address(request)
    return board_for_code(request.user, code, request.COOKIES, address, **kwargs)


def _next_url(request, access) -> str:
    url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return access.board.get_absolute_url()


@require_POST
def command(request, code):
    """Any board command from a plain form: the control panel works without script."""
    access = _access(request, code)
    try:
        action, fields = parse_command(request.POST.get("type", ""), request.POST)
        action(access, **fields)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done."))
    return redirect(_next_url(request, access))


@require_GET
@login_required
def facilitate(request, code):
    """The compact control panel, for a facilitator's phone."""
    access = _access(request, code, staff=True)
    context = page_context(access)
    context.update(control_context(access))
    return render(request, "feedback/facilitate.html", context)


@require_GET
def results(request, code):
    """Votes per card and theme by stakeholder role; exact only for the project team."""
    access = _access(request, code)
    board = access.board
    if not access.is_member and (board.silent or board.votes_hidden):
        raise PermissionDenied(_("The results are shown after the reveal."))
    voting_round = chosen_round(board, request.GET.get("round"))
    context = {
        "board": board,
        "access": access,
        "results": board_results(board, access.is_member, voting_round),
        "activities": board_activity_results(board, access.is_member),
        "rounds": round_choices(board),
        "emotions": emotion_map(board, access.is_member) if board.asks_emotion else [],
        "voting_round": voting_round,
    }
    return render(request, "feedback/results.html", context)


@require_GET
@login_required
def export(request, code, fmt):
    """The board's cards as CSV or JSON; names only when an organiser asks."""
    access = _access(request, code, staff=True)
    names = request.GET.get("names") == "1"
    if names and access.membership_role != Membership.Role.ORGANISER:
        raise PermissionDenied(_("Only organisers can export names."))
    filename = f"board-{access.board.join_code}.{fmt}"
    if fmt == "json":
        response = JsonResponse(
            exports.export_json(access.board, names),
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
    else:
        response = HttpResponse(
            exports.export_csv(access.board, names), content_type="text/csv"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
