"""Participants' names and support messages kept no longer than the project allows.

Connected to ``retention_due`` and ``data_held`` (``codesign.retention``) in
``FeedbackConfig.ready`` (issue 14). Names go the project's ``name_retention_days``
after the board closed; the cards stay, anonymous, with their role. A support
request's message goes ``support_retention_days`` after it was resolved. Only closed
boards lose names, so no live client holds a name the server no longer has.
"""

from datetime import timedelta

from django.db.models import Min
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from codesign.models import Erasure
from codesign.retention import Held

from .models import Board, Participant, SupportRequest
from .personal_data import forget_names, forget_support


def _record(project, kind, board: Board, count: int, by) -> None:
    Erasure.objects.create(
        kind=kind,
        project=project,
        subject=board.join_code,
        count=count,
        reason=Erasure.Reason.RETENTION,
        by=by,
    )


def _erase_names(project, now, dry_run, by) -> int:
    closed_before = now - timedelta(days=project.name_retention_days)
    boards = Board.objects.filter(
        project=project, state=Board.State.CLOSED, closed_at__lte=closed_before
    )
    count = 0
    for board in boards.order_by("pk"):
        named = list(board.participants.exclude(display_name=""))
        count += len(named)
        if dry_run or not named:
            continue
        forget_names(board, named)
        Participant.objects.filter(pk__in=[p.pk for p in named]).update(display_name="")
        _record(project, Erasure.Kind.NAMES, board, len(named), by)
    return count


def _erase_support(project, now, dry_run, by) -> int:
    resolved_before = now - timedelta(days=project.support_retention_days)
    supports = SupportRequest.objects.filter(
        board__project=project, resolved_at__lte=resolved_before
    ).exclude(message="")
    due = list(supports.select_related("board", "participant").order_by("pk"))
    if dry_run:
        return len(due)
    per_board = {}
    for support in due:
        forget_support(support.board, support)
        per_board.setdefault(support.board, []).append(support.pk)
    for board, pks in per_board.items():
        SupportRequest.objects.filter(pk__in=pks).update(message="")
        _record(project, Erasure.Kind.SUPPORT, board, len(pks), by)
    return len(due)


def erase_due_board_data(sender, project, now, dry_run, by=None, **kwargs) -> dict:
    """Erase the names and support messages the project's periods no longer allow."""
    return {
        "names": _erase_names(project, now, dry_run, by),
        "support_messages": _erase_support(project, now, dry_run, by),
    }


def _names_held(project) -> Held:
    named = Participant.objects.filter(board__project=project).exclude(display_name="")
    keep = timedelta(days=project.name_retention_days)
    first = named.filter(board__state=Board.State.CLOSED).aggregate(
        closed=Min("board__closed_at")
    )["closed"]
    days = project.name_retention_days
    rule = ngettext(
        "%(days)d day after the board closes; the cards stay, anonymous",
        "%(days)d days after the board closes; the cards stay, anonymous",
        days,
    ) % {"days": days}
    return Held(
        _("Participants with a name"), named.count(), rule, first and first + keep
    )


def _support_held(project) -> Held:
    messages = SupportRequest.objects.filter(board__project=project).exclude(message="")
    keep = timedelta(days=project.support_retention_days)
    first = messages.aggregate(resolved=Min("resolved_at"))["resolved"]
    days = project.support_retention_days
    rule = ngettext(
        "%(days)d day after the request is resolved",
        "%(days)d days after the request is resolved",
        days,
    ) % {"days": days}
    return Held(
        _("Support-request messages"), messages.count(), rule, first and first + keep
    )


def board_data_held(sender, project, now, **kwargs) -> list[Held]:
    """How many names and support messages the project's boards hold, and until when."""
    return [_names_held(project), _support_held(project)]
