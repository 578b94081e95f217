"""Pages and buttons of a board's life cycle: edit, copy, archive, delete a draft.

Each runs one action of ``feedback.life_cycle`` (which checks the rights itself)
through ``codesign.forms.run_action``; every button is a plain form, posted from the
board list or the control view, so none needs JavaScript.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from codesign.forms import run_action
from codesign.ratelimit import client_address

from . import life_cycle
from .access import board_for_code
from .command_forms import RequestForm
from .forms import BoardCopyForm, BoardEditPageForm


def _access(request, code):
    address = client_address(request)
    return board_for_code(request.user, code, request.COOKIES, address, staff=True)


def _back(request, access):
    """Where the button was: the board list or the control view."""
    url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return redirect(url)
    return redirect("feedback:board_facilitate", access.board.join_code)


@require_http_methods(["GET", "POST"])
@login_required
def edit(request, code):
    """The board's question and columns; in draft also its votes and session."""
    access = _access(request, code)
    form = BoardEditPageForm(request.POST or None, board=access.board)
    if request.method == "POST" and form.is_valid():
        changed = _("The board is changed.")
        args = (request, life_cycle.edit_board, access)
        if run_action(*args, form=form, success=changed, **form.cleaned_data):
            return redirect("feedback:board_facilitate", access.board.join_code)
    context = {"board": access.board, "form": form}
    status = 400 if form.errors else 200
    return render(request, "feedback/board_edit.html", context, status=status)


@require_POST
@login_required
def copy(request, code):
    """A new draft board like this one; its edit page comes next."""
    access = _access(request, code)
    form = BoardCopyForm(request.POST)
    with_cards = form.is_valid() and form.cleaned_data["cards"]
    board = run_action(request, life_cycle.copy_board, access, with_cards=with_cards)
    if board is None:
        return _back(request, access)
    copied = _("The copy is a draft. Its join code is %(code)s.")
    messages.success(request, copied % {"code": board.join_code})
    return redirect("feedback:board_edit", board.join_code)


@require_POST
@login_required
def archive(request, code):
    """Close the board for good and take it out of the lists."""
    access = _access(request, code)
    form = RequestForm(request.POST)
    request_id = form.cleaned_data["request_id"] if form.is_valid() else None
    done = _("The board is archived. It can still be read.")
    args = (request, life_cycle.archive_board, access)
    run_action(*args, request_id=request_id, success=done)
    return _back(request, access)


@require_http_methods(["GET", "POST"])
@login_required
def delete(request, code):
    """Ask first, then remove a draft board and everything on it."""
    access = _access(request, code)
    board = access.board
    if request.method == "POST":
        deleted = _("The draft board is deleted.")
        if run_action(request, life_cycle.delete_board, access, success=deleted):
            return redirect("feedback:board_list", board.project_id)
        return redirect("feedback:board_delete", board.join_code)
    return render(request, "feedback/board_delete.html", {"board": board})
