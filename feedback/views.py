"""Pages of the live boards: joining, the participant page, the presenter view and forms.

Every change goes through ``feedback.actions``, the same functions the WebSocket
consumer calls, so a form post reaches live clients as an event too.
"""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from codesign.access import RUNS_SESSIONS, project_for
from codesign.forms import run_action
from codesign.links import site_url
from codesign.ratelimit import RateLimited, client_address

from . import actions, boards
from .access import (
    GUEST_COOKIE_MAX_AGE,
    JOINS,
    NotJoined,
    board_for_code,
    guess_board,
    guest_cookie_name,
    participant_for,
    sign_guest_key,
)
from .command_forms import RequestForm
from .forms import BoardForm, CardEditForm, CardForm, JoinCodeForm, JoinForm
from .models import Board, Card, normalise_join_code
from .pages import page_context
from .visibility import PROJECTOR


def _no_open_board(request, form):
    form.add_error(
        "code",
        _("There is no open board with this code. Check the code and try again."),
    )
    return render(request, "feedback/join.html", {"form": form}, status=404)


def _guess(request, code) -> Board:
    address = client_address(request)
    return guess_board(code, address, request.user, request.COOKIES, live=True)


@require_http_methods(["GET", "POST"])
def join(request):
    form = JoinCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            board = _guess(request, form.cleaned_data["code"])
        except Http404:
            return _no_open_board(request, form)
        return redirect("feedback:board_join", board.join_code)
    return render(request, "feedback/join.html", {"form": form})


@require_http_methods(["GET", "POST"])
def join_board(request, code):
    try:
        board = _guess(request, code)
    except Http404:
        return _no_open_board(request, JoinCodeForm({"code": code}))
    # A browser that already joined gets its participant back, never a second one.
    if participant_for(board, request.user, request.COOKIES) is not None:
        return redirect(board)
    form = JoinForm(request.POST or None, user=request.user, board=board)
    if request.method == "POST" and form.is_valid():
        return _joined(request, board, form)
    return render(request, "feedback/join_board.html", {"board": board, "form": form})


def _joined(request, board, form):
    """Add the visitor to the board, within the joins one address may make to it."""
    address = client_address(request)
    if JOINS.spent(address, board.pk):
        raise RateLimited(
            _("Too many people joined from this address. Wait ten minutes.")
        )
    _participant, guest_key = boards.join_board(
        board,
        request.user,
        display_name=form.public_name(),
        role=form.cleaned_data["role"],
    )
    JOINS.charge(address, board.pk)
    response = redirect(board)
    if guest_key:
        response.set_cookie(
            guest_cookie_name(board),
            sign_guest_key(board, guest_key),
            max_age=GUEST_COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


def _access(request, code, **kwargs):
    address = client_address(request)
    return board_for_code(request.user, code, request.COOKIES, address, **kwargs)


def _render_board(request, access, card_form=None, status=200, privacy=False):
    view = "theme" if request.GET.get("view") == "theme" else "column"
    context = page_context(access, view)
    columns, emotions = context["state"]["columns"], access.board.asks_emotion
    context["card_form"] = card_form or CardForm(columns=columns, emotions=emotions)
    context["privacy_flagged"] = privacy
    return render(request, "feedback/board.html", context, status=status)


@require_GET
def board(request, code):
    try:
        access = _access(request, code)
    except NotJoined:
        return redirect("feedback:board_join", normalise_join_code(code))
    return _render_board(request, access)


def _back(access, card_id=None):
    url = access.board.get_absolute_url()
    return redirect(f"{url}#card-{card_id}" if card_id else url)


@require_POST
def post_card(request, code):
    access = _access(request, code)
    columns = [column.as_data() for column in access.board.columns.all()]
    emotions = access.board.asks_emotion
    form = CardForm(request.POST, columns=columns, emotions=emotions)
    if form.is_valid():
        data = form.cleaned_data
        args = (access, data["column"], data["text"], data["request_id"])
        try:
            ack = actions.post_card(
                *args, confirm=data["confirm"], emotion=data.get("emotion", "")
            )
        except ValidationError as error:
            if error.code not in {"invalid", "too_long", "privacy"}:
                messages.error(request, " ".join(error.messages))
                return _back(access)
            form.add_error("text", error)
        else:
            messages.success(request, _("Your card is on the board."))
            return _back(access, ack.result.get("card"))
    privacy = form.has_error("text", "privacy")
    return _render_board(request, access, form, status=400, privacy=privacy)


def _own_card(access, card_id) -> Card:
    card = Card.objects.filter(
        board=access.board, pk=card_id, participant=access.require_participant()
    ).first()
    if card is None:
        raise Http404
    return card


def _run(request, access, action, *args, success="", card_id=None):
    """Run a one-button action from a form; a refusal comes back as a message."""
    form = RequestForm(request.POST)
    request_id = form.cleaned_data["request_id"] if form.is_valid() else None
    run_action(request, action, access, *args, request_id=request_id, success=success)
    return _back(access, card_id)


@require_http_methods(["GET", "POST"])
def edit_card(request, code, card_id):
    access = _access(request, code)
    card = _own_card(access, card_id)
    initial = {"text": card.text, "emotion": card.emotion}
    emotions = access.board.asks_emotion
    form = CardEditForm(request.POST or None, initial=initial, emotions=emotions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        args = (access, card.pk, data["text"], data["request_id"], data["confirm"])
        try:
            actions.edit_card(*args, emotion=data.get("emotion", ""))
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(request, _("Your card is changed."))
            return _back(access, card.pk)
    context = {"board": access.board, "card": card, "form": form}
    context["privacy_flagged"] = form.has_error("text", "privacy")
    status = 400 if form.errors else 200
    return render(request, "feedback/card_edit.html", context, status=status)


@require_POST
def delete_card(request, code, card_id):
    access = _access(request, code)
    _own_card(access, card_id)
    return _run(
        request,
        access,
        actions.delete_card,
        card_id,
        success=_("Your card is deleted."),
    )


@require_POST
def vote(request, code, card_id):
    access = _access(request, code)
    return _run(request, access, actions.add_vote, card_id, card_id=card_id)


@require_POST
def unvote(request, code, card_id):
    access = _access(request, code)
    return _run(request, access, actions.remove_vote, card_id, card_id=card_id)


@require_GET
@login_required
def present(request, code):
    """The projector: the board as a participant who wrote no card sees it, no controls.

    Whoever opens it, organiser included, the wall shows the same; the controls are
    on the facilitator's own device (``control_views.facilitate``).
    """
    access = _access(request, code, member=True)
    base = site_url(request)
    join_url = base + reverse("feedback:board_join", args=[access.board.join_code])
    view = "theme" if request.GET.get("view") == "theme" else "column"
    context = page_context(access, view, PROJECTOR)
    context.update(
        join_url=join_url,
        join_page_url=base + reverse("feedback:join"),
        qr_svg=join_qr(join_url),
    )
    return render(request, "feedback/present.html", context)


def join_qr(join_url: str) -> str:
    """The join address as an inline SVG QR code, large enough to scan from a seat."""
    svg = segno.make(join_url, error="m").svg_inline(
        scale=8,
        border=2,
        omitsize=True,
        light="#fff",
        svgclass="qr-code",
        title=_("QR code to join the board"),
    )
    return mark_safe(svg)


@require_GET
@login_required
def project_boards(request, project_id):
    project = project_for(request.user, project_id)
    boards = project.boards.select_related("session", "iteration").order_by(
        "-created_at"
    )
    can_create = project.membership.role in RUNS_SESSIONS
    context = {
        "project": project,
        "boards": boards.in_use(),
        "archived": boards.archived(),
        "can_create": can_create,
    }
    return render(request, "feedback/project_boards.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def create_board(request, project_id):
    project = project_for(request.user, project_id, RUNS_SESSIONS)
    form = BoardForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        board = _create_board(request.user, project, form.cleaned_data)
        ready = _("The board is ready. Its join code is %(code)s.")
        messages.success(request, ready % {"code": board.join_code})
        return redirect("feedback:board_facilitate", board.join_code)
    context = {"project": project, "form": form}
    return render(request, "feedback/board_form.html", context)


def _create_board(user, project, data: dict) -> Board:
    """The board the form describes, in the project's current iteration."""
    return boards.create_board(
        user,
        project,
        prompt=data["prompt"],
        columns=data.get("columns", ()),
        template="" if data["template"] == "custom" else data["template"],
        votes_per_participant=data["votes_per_participant"],
        session=data["session"],
        iteration=project.current_iteration(),
        state=Board.State.OPEN if data["open_now"] else Board.State.DRAFT,
        vote_any_time=data["vote_any_time"],
        anonymous_only=data["anonymous_only"],
        activity_set=data.get("activity_set", ""),
    )
