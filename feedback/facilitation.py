"""The facilitator's commands on a live board, and the participant's support signal.

Each is one idempotent command through ``actions.run_command`` (one transaction, one
event, broadcast after commit), shared by the control panel's forms and the socket.
Only organisers and facilitators of the board's project may run them (``forbidden``
for everyone else), except ``request_support``.

Events (see docs/protocol.md): ``board.mode_changed``, ``board.revealed`` (settings
and every card that is not hidden), ``timer.started``, ``timer.stopped``, ``timer.extended``,
``votes.round_started``, ``votes.round_closed``, ``votes.locked``, ``votes.unlocked``
(all with the board settings), ``theme.created``, ``theme.renamed``, ``theme.merged``,
``theme.assigned``, ``card.hidden``, ``card.unhidden``, ``support.requested`` and
``support.resolved`` (the last two only to facilitators and the person asking).
"""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from codesign.ids import parse_id
from codesign.models import StakeholderRole

from . import visibility
from .access import SCRIBE_KEY_PREFIX, BoardAccess
from .actions import (
    TIMER_FIELDS,
    Ack,
    board_card,
    board_settings,
    card_event,
    new_card,
    run_command,
)
from .models import (
    Board,
    Card,
    ModerationAction,
    Participant,
    SupportRequest,
    Theme,
    VotingRound,
)
from .privacy import check_personal_data


def _staff(access: BoardAccess, command: str, request_id, apply) -> Ack:
    access.require_staff()
    return run_command(access, command, request_id, apply)


def _settings_event(name: str, board: Board, result=None, fields=()) -> tuple:
    if fields:
        board.save(update_fields=list(fields))
    return name, board_settings(board), result or {}


# Board mode and reveal --------------------------------------------------------------


def set_mode(access: BoardAccess, silent, votes_hidden, request_id=None) -> Ack:
    """Start a silent brainstorm and/or hide vote counts; ``reveal`` ends both."""

    def apply(board):
        if (board.silent and not silent) or (board.votes_hidden and not votes_hidden):
            raise ValidationError(
                _("To show cards and votes to everyone, use Reveal."), code="invalid"
            )
        board.silent, board.votes_hidden = bool(silent), bool(votes_hidden)
        return _settings_event(
            "board.mode_changed", board, fields=("silent", "votes_hidden")
        )

    return _staff(access, "board.set_mode", request_id, apply)


def reveal_board(access: BoardAccess, request_id=None) -> Ack:
    """Show every card and vote count to everyone at once."""

    def apply(board):
        Card.objects.filter(board=board, sealed=True).update(sealed=False)
        board.silent = board.votes_hidden = False
        board.save(update_fields=["silent", "votes_hidden"])
        cards = Card.objects.filter(board=board, hidden=False).for_display()
        data = {**board_settings(board), "cards": [c.as_data() for c in cards]}
        return "board.revealed", data, {}

    return _staff(access, "board.reveal", request_id, apply)


# Timer ------------------------------------------------------------------------------


def start_timer(access: BoardAccess, minutes, request_id=None) -> Ack:
    """A countdown every client shows; it ends by itself or when stopped.

    On a paused board it waits, frozen, until the board opens again.
    """

    def apply(board):
        board.stop_timer()
        if board.state == Board.State.PAUSED:
            board.timer_paused_seconds = minutes * 60
        else:
            board.timer_ends_at = timezone.now() + timedelta(minutes=minutes)
        return _settings_event("timer.started", board, fields=TIMER_FIELDS)

    return _staff(access, "timer.start", request_id, apply)


def stop_timer(access: BoardAccess, request_id=None) -> Ack:
    def apply(board):
        board.stop_timer()
        return _settings_event("timer.stopped", board, fields=TIMER_FIELDS)

    return _staff(access, "timer.stop", request_id, apply)


def extend_timer(access: BoardAccess, request_id=None) -> Ack:
    """Add a minute to the countdown (or start a one-minute one)."""

    def apply(board):
        board.extend_timer(timezone.now(), 60)
        return _settings_event("timer.extended", board, fields=TIMER_FIELDS)

    return _staff(access, "timer.extend", request_id, apply)


# Voting -----------------------------------------------------------------------------

VOTING_FIELDS = (
    "voting_round",
    "votes_per_participant",
    "multiple_votes",
    "voting_open",
)


def start_round(access: BoardAccess, votes, multiple, request_id=None) -> Ack:
    """A new dot-voting round: everyone gets ``votes`` votes to give again."""

    def apply(board):
        now = timezone.now()
        VotingRound.objects.filter(board=board, closed_at=None).update(closed_at=now)
        board.voting_round += 1
        board.votes_per_participant, board.multiple_votes = votes, bool(multiple)
        board.voting_open = True
        # A card's count is that of the round under way; earlier rounds stay in
        # the votes themselves (``Vote.voting_round``) for the results.
        Card.objects.filter(board=board).update(votes=0)
        VotingRound.objects.create(
            board=board,
            number=board.voting_round,
            votes_per_participant=votes,
            multiple_votes=bool(multiple),
            started_at=now,
        )
        result = {"round": board.voting_round}
        return _settings_event("votes.round_started", board, result, VOTING_FIELDS)

    return _staff(access, "votes.start_round", request_id, apply)


def close_round(access: BoardAccess, request_id=None) -> Ack:
    """End the current round: no more votes until a new round or an unlock."""

    def apply(board):
        VotingRound.objects.filter(board=board, closed_at=None).update(
            closed_at=timezone.now()
        )
        board.voting_open = False
        return _settings_event("votes.round_closed", board, fields=("voting_open",))

    return _staff(access, "votes.close_round", request_id, apply)


def set_voting(access: BoardAccess, voting_open: bool, request_id=None) -> Ack:
    """Lock or unlock voting without ending the round."""
    name = "votes.unlocked" if voting_open else "votes.locked"

    def apply(board):
        board.voting_open = voting_open
        return _settings_event(name, board, fields=("voting_open",))

    command = "votes.unlock" if voting_open else "votes.lock"
    return _staff(access, command, request_id, apply)


def lock_votes(access: BoardAccess, request_id=None) -> Ack:
    return set_voting(access, False, request_id)


def unlock_votes(access: BoardAccess, request_id=None) -> Ack:
    return set_voting(access, True, request_id)


# Themes -----------------------------------------------------------------------------


def _theme(board: Board, theme_id) -> Theme:
    theme = Theme.objects.filter(board=board, pk=parse_id(theme_id)).first()
    if theme is None:
        raise ValidationError(_("That theme does not exist (any more)."), "not_found")
    return theme


def create_theme(access: BoardAccess, name, request_id=None) -> Ack:

    def apply(board):
        position = Theme.objects.filter(board=board).count()
        theme = Theme.objects.create(board=board, name=name, position=position)
        data = {"id": theme.pk, "name": theme.name}
        return "theme.created", data, {"theme": theme.pk}

    return _staff(access, "theme.create", request_id, apply)


def rename_theme(access: BoardAccess, theme, name, request_id=None) -> Ack:

    def apply(board):
        theme_obj = _theme(board, theme)
        theme_obj.name = name
        theme_obj.save(update_fields=["name"])
        data = {"id": theme_obj.pk, "name": name}
        return "theme.renamed", data, {"theme": theme_obj.pk}

    return _staff(access, "theme.rename", request_id, apply)


def merge_themes(access: BoardAccess, theme, into, request_id=None) -> Ack:
    """Move every card of ``theme`` into ``into`` and remove ``theme``."""

    def apply(board):
        source, target = _theme(board, theme), _theme(board, into)
        if source.pk == target.pk:
            raise ValidationError(_("Choose two different themes."), code="invalid")
        cards = list(source.cards.values_list("pk", flat=True))
        source.cards.update(theme=target)
        source.delete()
        data = {"id": source.pk, "into": target.pk, "cards": cards}
        return "theme.merged", data, {"theme": target.pk}

    return _staff(access, "theme.merge", request_id, apply)


def assign_theme(access: BoardAccess, card, theme=None, request_id=None) -> Ack:
    """Put a card in a theme, or take it out with ``theme`` None."""

    def apply(board):
        card_obj = board_card(board, card)
        card_obj.theme = None if theme in (None, "") else _theme(board, theme)
        card_obj.save(update_fields=["theme"])
        return card_event(board, "theme.assigned", card_obj, {"card": card_obj.pk})

    return _staff(access, "theme.assign", request_id, apply)


# Moderation -------------------------------------------------------------------------


def _moderate(access, card, hide: bool, reason: str, request_id) -> Ack:
    def apply(board):
        card_obj = board_card(board, card)
        card_obj.hidden, card_obj.hidden_reason = hide, reason
        card_obj.save(update_fields=["hidden", "hidden_reason"])
        ModerationAction.objects.create(
            board=board,
            card=card_obj,
            card_text=card_obj.text,
            kind=ModerationAction.Kind.HIDE if hide else ModerationAction.Kind.UNHIDE,
            reason=reason,
            by=access.user,
        )
        name = "card.hidden" if hide else "card.unhidden"
        return card_event(board, name, card_obj, {"card": card_obj.pk})

    return _staff(access, "card.hide" if hide else "card.unhide", request_id, apply)


def hide_card(access: BoardAccess, card, reason, request_id=None) -> Ack:
    """Hide a card from everyone but its author (who sees why) and the facilitators."""
    return _moderate(access, card, True, reason, request_id)


def unhide_card(access: BoardAccess, card, request_id=None) -> Ack:
    return _moderate(access, card, False, "", request_id)


# Scribe mode and support ------------------------------------------------------------


def scribe_participant(board: Board, role: str) -> Participant:
    """The board identity under which a facilitator enters cards for this role.

    Its guest key is random, made once per board and role; the caller holds the board's
    lock, so two scribes cannot make two.
    """
    scribes = Participant.objects.filter(
        board=board, role=role, user=None, guest_key__startswith=SCRIBE_KEY_PREFIX
    )
    return scribes.order_by("pk").first() or Participant.objects.create(
        board=board,
        role=role,
        guest_key=SCRIBE_KEY_PREFIX + secrets.token_urlsafe(24),
        consented_at=timezone.now(),
    )


def scribe_card(
    access: BoardAccess,
    column,
    text,
    role,
    request_id=None,
    confirm: bool = False,
    emotion: str = "",
) -> Ack:
    """A facilitator posts a card for someone without a device, under their role."""
    access.require_staff()
    if role not in StakeholderRole.values:
        raise ValidationError(_("Choose a stakeholder role."), code="invalid")
    check_personal_data(text, confirm)

    def apply(board):
        if board.state == Board.State.CLOSED:
            raise ValidationError(_("This board is closed."), code="board_closed")
        scribe = scribe_participant(board, role)
        card = new_card(board, column, scribe, text, access.user, emotion)
        return card_event(board, "card.created", card, {"card": card.pk})

    return run_command(access, "card.scribe", request_id, apply)


def _support_event(name: str, support: SupportRequest, result: dict) -> tuple:
    audience = visibility.private_audience(support.participant_id)
    return name, support.as_data(), result, audience


def request_support(access: BoardAccess, message="", request_id=None) -> Ack:
    """A participant asks the facilitators, and only them, for support."""
    participant = access.require_participant()

    def apply(board):
        support = SupportRequest.objects.create(
            board=board, participant=participant, message=message
        )
        return _support_event("support.requested", support, {"support": support.pk})

    return run_command(access, "support.request", request_id, apply)


def resolve_support(access: BoardAccess, support, request_id=None) -> Ack:
    def apply(board):
        found = SupportRequest.objects.select_related("participant").filter(
            board=board, pk=parse_id(support)
        )
        support_obj = found.first()
        if support_obj is None:
            raise ValidationError(_("That request does not exist."), "not_found")
        support_obj.resolved_at = timezone.now()
        support_obj.save(update_fields=["resolved_at"])
        result = {"support": support_obj.pk}
        return _support_event("support.resolved", support_obj, result)

    return _staff(access, "support.resolve", request_id, apply)
