"""Polls, scales and rankings on a live board: the facilitator's and participants' commands.

Each is one idempotent command through ``actions.run_command`` (one transaction, one
event with the board's next ``seq``, broadcast after commit), shared by the socket,
the control panel's forms and the participant page (issue 19, docs/protocol.md).

Events: ``activity.added``, ``activity.opened`` (every other open activity is closed
by it), ``activity.closed`` (the activity, ``Activity.as_data``, the same for
everyone); ``activity.answered`` (staff: how many answered; the answerer: their own
answer; everyone else: ``private``) and ``activity.revealed`` (the activity and its
results: exact for staff, with small counts suppressed for everyone else).
"""

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from codesign.ids import parse_id

from . import visibility
from .access import BoardAccess
from .actions import Ack, run_command
from .activity_results import activity_results, answers_of
from .models import ACTIVITIES_MAX, Activity, ActivityOption, Answer, Board


def board_activity(board: Board, activity_id) -> Activity:
    """The board's activity with that id, or ``not_found``."""
    pk = parse_id(activity_id)
    activity = (
        Activity.objects.filter(board=board, pk=pk).first() if pk is not None else None
    )
    if activity is None:
        raise ValidationError(
            _("That activity does not exist (any more)."), code="not_found"
        )
    return activity


def new_activity(board: Board, kind: str, question: str, options=(), **settings):
    """An activity with its options at the end of the board's list (also templates)."""
    last = board.activities.aggregate(last=Max("position"))["last"]
    activity = Activity.objects.create(
        board=board,
        kind=kind,
        question=question,
        position=0 if last is None else last + 1,
        **settings,
    )
    ActivityOption.objects.bulk_create(
        ActivityOption(activity=activity, label=label, position=n)
        for n, label in enumerate(options if kind != Activity.Kind.SCALE else ())
    )
    return activity


def _prototype_feedback() -> list[tuple]:
    names = [_("Prototype %s") % letter for letter in "ABC"]
    scales = [
        (
            "scale",
            _("How was %(name)s to use?") % {"name": name},
            (),
            {"scale": "faces"},
        )
        for name in names
    ]
    return [*scales, ("poll", _("Which prototype would you take home?"), names, {})]


def _quick_check() -> list[tuple]:
    question = _("How easy was it to take part today?")
    ends = {"low_label": _("Hard"), "high_label": _("Easy")}
    return [("scale", question, (), {"scale": "5", **ends})]


# Sets of activities a board can be created with (issue 19 item 5): key -> label and
# the activities as (kind, question, options, settings), made in the creator's language.
ACTIVITY_SETS = {
    "prototype_feedback": (
        gettext_lazy(
            "Prototype feedback: a face scale per prototype, then a favourite"
        ),
        _prototype_feedback,
    ),
    "quick_check": (
        gettext_lazy("Quick check: how easy was it to take part (1 to 5)"),
        _quick_check,
    ),
}


def add_activity_set(board: Board, key: str) -> None:
    """The set's activities on a new board; no set, no activities."""
    if key in ACTIVITY_SETS:
        for kind, question, options, settings in ACTIVITY_SETS[key][1]():
            new_activity(board, kind, question, options, **settings)


def add_activity(
    access: BoardAccess,
    kind,
    question,
    options=(),
    multiple=False,
    scale="",
    low_label="",
    high_label="",
    anonymous=False,
    request_id=None,
) -> Ack:
    """A facilitator adds a poll, a scale or a ranking; it waits until opened."""
    access.require_staff()
    settings = {
        "multiple": bool(multiple) and kind == Activity.Kind.POLL,
        "scale": scale if kind == Activity.Kind.SCALE else "",
        "low_label": low_label if kind == Activity.Kind.SCALE else "",
        "high_label": high_label if kind == Activity.Kind.SCALE else "",
        "anonymous": bool(anonymous),
    }

    def apply(board):
        if board.activities.count() >= ACTIVITIES_MAX:
            raise ValidationError(
                _("A board can hold at most %(max)d activities.")
                % {"max": ACTIVITIES_MAX},
                code="invalid",
            )
        activity = new_activity(board, kind, question, options, **settings)
        return "activity.added", activity.as_data(), {"activity": activity.pk}

    return run_command(access, "activity.add", request_id, apply)


def _set_state(access, command: str, activity, request_id, change) -> Ack:
    access.require_staff()

    def apply(board):
        activity_obj = board_activity(board, activity)
        name = change(board, activity_obj)
        activity_obj.save(update_fields=["state", "revealed"])
        return name, activity_obj.as_data(), {"activity": activity_obj.pk}

    return run_command(access, command, request_id, apply)


def open_activity(access: BoardAccess, activity, request_id=None) -> Ack:
    """Open an activity for answers; one at a time, so any other open one closes."""

    def change(board, activity_obj):
        if activity_obj.revealed:
            raise ValidationError(
                _("The results are shown: this activity cannot open again."),
                code="invalid",
            )
        board.activities.filter(state=Activity.State.OPEN).update(
            state=Activity.State.CLOSED
        )
        activity_obj.state = Activity.State.OPEN
        return "activity.opened"

    return _set_state(access, "activity.open", activity, request_id, change)


def close_activity(access: BoardAccess, activity, request_id=None) -> Ack:
    """Stop taking answers; the answers stay sealed until the reveal."""

    def change(board, activity_obj):
        activity_obj.state = Activity.State.CLOSED
        return "activity.closed"

    return _set_state(access, "activity.close", activity, request_id, change)


def reveal_activity(access: BoardAccess, activity, request_id=None) -> Ack:
    """Close the activity and show its results to everyone (small counts suppressed)."""
    access.require_staff()

    def apply(board):
        activity_obj = board_activity(board, activity)
        activity_obj.state = Activity.State.CLOSED
        activity_obj.revealed = True
        activity_obj.save(update_fields=["state", "revealed"])
        answers = answers_of([activity_obj]).get(activity_obj.pk, [])
        data, audience = visibility.reveal_audience(
            activity_obj.as_data(),
            activity_results(activity_obj, answers, exact=True),
            activity_results(activity_obj, answers, exact=False),
        )
        return "activity.revealed", data, {"activity": activity_obj.pk}, audience

    return run_command(access, "activity.reveal", request_id, apply)


def check_choice(activity: Activity, choice: list[int]) -> None:
    """``invalid`` unless the choice fits the activity: options, a value or an order."""
    options = [option.pk for option in activity.options.all()]
    if activity.kind == Activity.Kind.POLL:
        fits = 0 < len(choice) <= (len(options) if activity.multiple else 1)
        fits = fits and len(set(choice)) == len(choice) and set(choice) <= set(options)
    elif activity.kind == Activity.Kind.SCALE:
        fits = len(choice) == 1 and choice[0] in activity.values()
    else:
        fits = len(choice) == len(options) and set(choice) == set(options)
    if not fits:
        raise ValidationError(_("Choose from the answers shown."), code="invalid")


def answer_activity(access: BoardAccess, activity, choice, request_id=None) -> Ack:
    """A participant answers an open activity; a new answer replaces their last one."""
    participant = access.require_participant()

    def apply(board):
        if not board.accepts_input:
            raise ValidationError(
                _("This board is not taking new input right now."),
                code="board_closed",
            )
        activity_obj = board_activity(board, activity)
        if activity_obj.state != Activity.State.OPEN:
            raise ValidationError(
                _("This question is not open for answers."), code="activity_closed"
            )
        check_choice(activity_obj, choice)
        Answer.objects.update_or_create(
            activity=activity_obj,
            participant=participant,
            defaults={"choice": choice, "updated_at": timezone.now()},
        )
        count = activity_obj.answers.count()
        data, audience = visibility.answer_audience(
            activity_obj, participant.pk, choice, count
        )
        result = {"activity": activity_obj.pk}
        return "activity.answered", data, result, audience

    return run_command(access, "activity.answer", request_id, apply)
