"""What a board page shows: the viewer's board, the script's words and the controls.

Shared by the participant page, the presenter view and the control panel, each with
a fixed number of queries however many cards the board holds; ``activities_context``
is the activities part of them alone, which live pages fetch when an activity changes.
"""

from django.utils.translation import gettext as _

from codesign.models import StakeholderRole

from . import actions, hub
from .activity_results import activities_state
from .models import (
    COLUMN_LABELS,
    Board,
    ModerationAction,
    SupportRequest,
    emotion_words,
)
from .privacy import KINDS
from .snapshot import board_state, cards_by_column, cards_by_theme
from .visibility import Viewer

TEMPLATE_CARD = {
    "id": 0,
    "text": "",
    "author": {"name": "", "role": ""},
    "votes": 0,
    "my_votes": 0,
    "mine": True,
    "theme": None,
    "emotion": "",
    "hidden": False,
    "hidden_reason": "",
    "sealed": False,
    "scribe": False,
}


def _js_strings() -> dict:
    """Translated words for the page's script, which has no catalogue of its own."""
    return {
        "roles": dict(StakeholderRole.choices),
        "states": {
            "open": _("The board is open: write your cards."),
            "paused": _("The board is paused. You can read, but not post or vote."),
            "closed": _("The board is closed. Thank you for taking part!"),
            "draft": _("The board is not open yet."),
        },
        "anonymous": _("Anonymous"),
        "live": _("Live: new cards appear by themselves."),
        "connecting": _("Connecting…"),
        "reconnecting": _("Reconnecting…"),
        "offline": _(
            "No connection. Your cards are kept and sent when the connection is back."
        ),
        "refused": _(
            "This page cannot follow the board live. Reload the page to try again."
        ),
        "new_card": _("New card in %(column)s: %(text)s"),
        "new_cards": _("%(count)s new cards"),
        "delete_confirm": _("Delete this card? This cannot be undone."),
        "deleted": _("Your card is deleted."),
        "waiting": _("Waiting to be sent: %(count)s"),
        "sent": _("Your card is on the board."),
        "sealed": _("A card, hidden until the facilitator reveals all cards."),
        "hidden_by": _("Hidden by the facilitator: %(reason)s"),
        "votes_hidden": _("hidden until the reveal"),
        "scribe": _("entered by the facilitator"),
        "no_theme": _("No theme yet"),
        "timer": _("Time left: %(time)s"),
        "timer_done": _("Time is up."),
        "timer_paused": _("Time left: %(time)s (stopped while the board is paused)"),
        "no_votes_left": _("No votes left"),
        "vote_added": _("Your vote is counted. Votes left: %(count)s"),
        "vote_removed": _("Your vote is taken back. Votes left: %(count)s"),
        "voting_closed": _("Voting is closed right now."),
        "voting_open": _("Voting is open."),
        "silent": _("Silent brainstorm: others see your cards only after the reveal."),
        "support_sent": _("The facilitators have been told. Someone will come to you."),
        "support_new": _("%(name)s asks for support: %(message)s"),
        "support_resolved": _("A facilitator is on the way to you."),
        "privacy_kinds": {kind: str(label) for kind, label in KINDS.items()},
        "privacy": _(
            "Your card seems to contain %(kinds)s. Everyone on the board can read it. "
            "Change the text, or post it anyway if you are sure."
        ),
        "revealed": _("All cards and votes are now shown."),
        "round": _("Round %(number)s"),
        "emotions": emotion_words(),
        "column_labels": {key: str(label) for key, label in COLUMN_LABELS.items()},
    }


def page_context(access, view: str = "column", viewer: Viewer | None = None) -> dict:
    """The board as ``viewer`` sees it (the person behind ``access`` by default)."""
    state = board_state(access.board, viewer or Viewer.of(access))
    return {
        "board": access.board,
        "access": access,
        "state": state,
        "view": view,
        "columns": cards_by_column(state),
        "themes": cards_by_theme(state) if view == "theme" else [],
        "settings": actions.board_settings(access.board),
        "theme_list": [
            {"pk": theme["id"], "name": theme["name"]} for theme in state["themes"]
        ],
        "roles": dict(StakeholderRole.choices),
        "template_card": TEMPLATE_CARD,
        "strings": _js_strings(),
        "heartbeat_ms": round(1000 * hub.HEARTBEAT_SECONDS),
    }


def activities_context(access, viewer: Viewer | None = None) -> dict:
    """The activities part of ``page_context`` alone, for the same viewer: no cards."""
    activities = activities_state(access.board, viewer or Viewer.of(access))
    return {
        "board": access.board,
        "access": access,
        "state": {"activities": activities},
    }


def _control_strings() -> dict:
    """What the control view's status region says after each command."""
    return {
        "done": _("Done."),
        "timer.start": _("The timer is started."),
        "timer.stop": _("The timer is stopped."),
        "board.set_mode": _("The silent brainstorm settings are applied."),
        "board.reveal": _("All cards and votes are now shown."),
        "votes.start_round": _("Voting round %(round)s is open."),
        "votes.close_round": _("The voting round is closed."),
        "votes.lock": _("Voting is locked."),
        "votes.unlock": _("Voting is unlocked."),
        "theme.create": _("The theme is added."),
        "theme.rename": _("The theme is renamed."),
        "theme.merge": _("The themes are merged."),
        "theme.assign": _("The card's theme is saved."),
        "card.hide": _("The card is hidden."),
        "card.unhide": _("The card is shown again."),
        "card.scribe": _("The card is posted for them."),
        "support.resolve": _("Handled: they are told that someone is on the way."),
        "no_support": _("Nobody has asked for support."),
        "moderation": dict(ModerationAction.Kind.choices),
    }


def control_context(access) -> dict:
    """What the facilitator's controls show: a fixed number of queries."""
    if not access.is_staff:
        return {}
    board = access.board
    return {
        "control_strings": _control_strings(),
        "states": Board.State.choices,
        "supports": SupportRequest.objects.filter(board=board, resolved_at=None)
        .select_related("participant")
        .order_by("created_at")[:50],
        "moderation": ModerationAction.objects.filter(board=board)
        .select_related("by")
        .order_by("-at")[:20],
    }
