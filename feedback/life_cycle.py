"""A board's life after it is made: its state, edits, copies, archive, deletion.

Changing the state, editing and archiving are board commands (``actions.run_command``:
one transaction, one event, broadcast after commit): ``board.state_changed`` and
``board.edited`` carry the board settings (the latter with the columns),
``board.archived`` the settings (state closed) and ``archived_at``. A copy is a new
board and a deleted draft is gone, so neither writes an event. Only organisers and
facilitators of the board's project may do any of this.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Session

from . import visibility
from .access import BoardAccess
from .actions import TIMER_FIELDS, Ack, board_settings, run_command
from .boards import create_board
from .facilitation import scribe_participant
from .models import Board, Card, Column, Theme

# What may change once participants are on the board: the words, not the set-up.
LIVE_EDITS = {"prompt", "columns"}


def edit_board(access: BoardAccess, request_id=None, **changes) -> Ack:
    """Change the question and columns; in draft also the votes and the session.

    ``changes`` holds only what is to change (``BoardEditForm``). While the board is
    open or paused its columns can be renamed, not added or removed.
    """
    access.require_staff()

    def apply(board):
        _check_editable(board, changes)
        if "prompt" in changes:
            board.prompt = changes["prompt"]
        if "votes_per_participant" in changes:
            board.votes_per_participant = changes["votes_per_participant"]
        if "session" in changes:
            board.session = _project_session(board, changes["session"])
        board.save(update_fields=["prompt", "votes_per_participant", "session"])
        if "columns" in changes:
            _edit_columns(board, changes["columns"])
        columns = [column.as_data() for column in board.columns.all()]
        return "board.edited", {**board_settings(board), "columns": columns}, {}

    return run_command(access, "board.edit", request_id, apply)


def _check_editable(board: Board, changes: dict) -> None:
    if board.state == Board.State.CLOSED:
        raise ValidationError(
            _("This board is closed. Copy it to use it again."), code="board_closed"
        )
    if board.state == Board.State.DRAFT:
        return
    current = {
        "votes_per_participant": board.votes_per_participant,
        "session": board.session_id,
    }
    if any(changes[name] != current[name] for name in set(changes) - LIVE_EDITS):
        raise ValidationError(
            _(
                "While the board is open or paused, only the question and the "
                "column titles can change."
            ),
            code="invalid",
        )


def _project_session(board: Board, session_id) -> Session | None:
    if session_id is None:
        return None
    session = Session.objects.filter(
        workshop__project_id=board.project_id, pk=session_id
    ).first()
    if session is None:
        raise ValidationError(
            _("That session is not part of this project."), code="not_found"
        )
    return session


def _edit_columns(board: Board, titles: list[str]) -> None:
    """Rename the columns in order; in draft, add or remove columns at the end.

    A template column keeps its key (and so its words in every language) while its
    title is left as shown; a changed title is kept as typed.
    """
    columns = list(board.columns.all())
    if len(titles) != len(columns) and board.state != Board.State.DRAFT:
        raise ValidationError(
            _("While the board is open or paused, columns can be renamed only."),
            code="invalid",
        )
    removed = columns[len(titles) :]
    if Card.objects.filter(column__in=removed).exists():
        raise ValidationError(
            _("A column with cards on it cannot be removed."), code="invalid"
        )
    Column.objects.filter(pk__in=[column.pk for column in removed]).delete()
    for column, title in zip(columns, titles, strict=False):
        if title not in (column.display_title, column.title):
            column.key, column.title = "", title
    Column.objects.bulk_update(columns[: len(titles)], ["key", "title"])
    last = max((column.position for column in columns), default=-1)
    Column.objects.bulk_create(
        Column(board=board, title=title, position=last + i)
        for i, title in enumerate(titles[len(columns) :], start=1)
    )


def copy_board(access: BoardAccess, *, with_cards: bool = False) -> Board:
    """A new draft board like this one, with a new code, for the next session.

    With ``with_cards`` it takes the themes and every card everyone can read
    (``visibility.citable``): text, column, theme, feeling and the author's role,
    under one anonymous participant per role; never the person, nor votes.
    """
    access.require_staff()
    board = access.board
    old_columns = list(board.columns.all())
    with transaction.atomic():
        copy = create_board(
            access.user,
            board.project,
            prompt=board.prompt,
            template=board.template,
            votes_per_participant=board.votes_per_participant,
            iteration=board.project.current_iteration(),
            vote_any_time=board.vote_any_time,
            anonymous_only=board.anonymous_only,
            keyed_columns=[(column.key, column.title) for column in old_columns],
        )
        if with_cards:
            pairs = zip(old_columns, copy.columns.all(), strict=True)
            _copy_cards(board, copy, {old.pk: new for old, new in pairs})
    return copy


def _copy_cards(board: Board, copy: Board, columns: dict) -> None:
    themes = {
        theme.pk: Theme.objects.create(
            board=copy, name=theme.name, position=theme.position
        )
        for theme in board.themes.all()
    }
    authors = {}
    cards = visibility.citable(board.cards.select_related("participant"))
    copies = []
    for card in cards.order_by("created_at", "pk"):
        role = card.participant.role
        if role not in authors:
            authors[role] = scribe_participant(copy, role)
        copies.append(
            Card(
                board=copy,
                column=columns[card.column_id],
                participant=authors[role],
                text=card.text,
                emotion=card.emotion,
                theme=themes.get(card.theme_id),
            )
        )
    Card.objects.bulk_create(copies)


def archive_board(access: BoardAccess, request_id=None) -> Ack:
    """Close the board for good: it stays readable, leaves the lists, takes no command."""
    access.require_staff()

    def apply(board):
        now = timezone.now()
        if board.state != Board.State.CLOSED:
            board.state, board.closed_at = Board.State.CLOSED, now
        board.stop_timer()
        board.archived_at = now
        fields = ["state", "closed_at", "archived_at", *TIMER_FIELDS]
        board.save(update_fields=fields)
        data = {**board_settings(board), "archived_at": now.isoformat()}
        return "board.archived", data, {}

    return run_command(access, "board.archive", request_id, apply)


def delete_board(access: BoardAccess) -> Board:
    """Remove a draft board and everything on it; a board once used is archived.

    Returns the board as it was (no longer stored).
    """
    access.require_staff()
    with transaction.atomic():
        board = Board.objects.select_for_update().get(pk=access.board.pk)
        if board.state != Board.State.DRAFT:
            raise ValidationError(
                _("Only a draft board can be deleted. Archive this one instead."),
                code="invalid",
            )
        board.delete()
    return board


def set_board_state(access: BoardAccess, state, request_id=None) -> Ack:
    """A facilitator opens, pauses or closes the board."""
    access.require_staff()
    if state not in Board.State.values:
        raise ValidationError(_("That is not a board state."), code="invalid")

    def apply(board):
        reopening = state != Board.State.CLOSED and board.state == Board.State.CLOSED
        if (
            reopening
            and Board.objects.live().filter(join_code=board.join_code).exists()
        ):
            raise ValidationError(
                _("Another board uses this join code now; it cannot be reopened."),
                code="invalid",
            )
        if state == Board.State.CLOSED and board.state != Board.State.CLOSED:
            board.closed_at = timezone.now()
        elif reopening:
            board.closed_at = None
        _timer_follows_state(board, state)
        board.state = state
        board.save(update_fields=["state", "closed_at", *TIMER_FIELDS])
        return "board.state_changed", board_settings(board), {"state": state}

    return run_command(access, "board.set_state", request_id, apply)


def _timer_follows_state(board: Board, state: str) -> None:
    """Pausing freezes the countdown, opening continues it, closing ends it."""
    now = timezone.now()
    if state == Board.State.PAUSED:
        board.freeze_timer(now)
    elif state == Board.State.OPEN:
        board.resume_timer(now)
    elif state == Board.State.CLOSED:
        board.stop_timer()
