"""Setting a board up and letting people onto it: ``create_board``, ``join_board``.

Neither writes a board event: nothing on the board changes until someone acts on it
(``feedback.actions``).
"""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from codesign.access import RUNS_SESSIONS, has_role

from .activities import add_activity_set
from .models import BOARD_TEMPLATES, Board, Column, Participant, new_join_code


def create_board(
    user,
    project,
    *,
    prompt,
    columns=(),
    template="",
    votes_per_participant,
    session=None,
    iteration=None,
    state=Board.State.DRAFT,
    vote_any_time=False,
    anonymous_only=False,
    keyed_columns=None,
    activity_set="",
) -> Board:
    """An organiser or facilitator creates a board with its columns and a fresh code.

    ``template`` names a column set (stored by key); without its own columns (a
    custom board or a touchpoint map) the board gets ``columns`` as typed.
    ``keyed_columns`` ((key, title) pairs) overrides both: a copy's columns.
    ``activity_set`` names a set of polls, scales and rankings to start with.
    """
    if not has_role(user, project, RUNS_SESSIONS):
        raise PermissionDenied(_("Only organisers and facilitators can create boards."))
    for _attempt in range(10):
        try:
            with transaction.atomic():
                board = Board.objects.create(
                    project=project,
                    session=session,
                    iteration=iteration,
                    prompt=prompt,
                    template=template,
                    votes_per_participant=votes_per_participant,
                    state=state,
                    vote_any_time=vote_any_time,
                    voting_open=vote_any_time,
                    anonymous_only=anonymous_only,
                    join_code=_free_join_code(),
                    created_by=user,
                )
                Column.objects.bulk_create(
                    board_columns(board, template, columns, keyed_columns)
                )
                add_activity_set(board, activity_set)
                return board
        except IntegrityError:
            continue  # Two boards drew the same code at once: draw again.
    raise ValidationError(_("Could not find a free join code; please try again."))


def _free_join_code() -> str:
    while True:
        code = new_join_code()
        if not Board.objects.live().filter(join_code=code).exists():
            return code


def board_columns(board: Board, template: str, titles, keyed=None) -> list[Column]:
    """The template's columns, by key; or the organiser's, as typed."""
    keyed = keyed or BOARD_TEMPLATES.get(template) or [("", title) for title in titles]
    # A template column's title is its English label: what exports show.
    return [
        Column(
            board=board,
            key=key,
            title=_source(title),
            position=i,
        )
        for i, (key, title) in enumerate(keyed)
    ]


def _source(label) -> str:
    """A label's English words (a typed title stays as it is)."""
    with translation.override("en"):
        return str(label)


def join_board(
    board: Board, user, *, display_name: str, role: str
) -> tuple[Participant, str | None]:
    """Make the person a participant of the board; returns it and a new guest key, if any."""
    if board.state == Board.State.CLOSED:
        raise ValidationError(_("This board is closed."), code="board_closed")
    now = timezone.now()
    if user is not None and user.is_authenticated:
        participant, created = Participant.objects.get_or_create(
            board=board,
            user=user,
            defaults={"display_name": display_name, "role": role, "consented_at": now},
        )
        if not created:
            participant.role, participant.display_name = role, display_name
            participant.save(update_fields=["role", "display_name"])
        return participant, None
    guest_key = secrets.token_urlsafe(24)
    participant = Participant.objects.create(
        board=board,
        guest_key=guest_key,
        display_name=display_name,
        role=role,
        consented_at=now,
    )
    return participant, guest_key
