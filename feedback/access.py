"""Who may see and change a board: the one access helper of the feedback app.

Guests carry a signed cookie per board (``django.core.signing``); the board id is
part of both the cookie name and the signing salt, so a cookie of board A means
nothing on board B. Signed-in people are recognised by their account. Organisers
and facilitators of the board's project are its staff.
"""

from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from codesign.access import ANY_MEMBER, RUNS_SESSIONS
from codesign.models import Membership
from codesign.ratelimit import Budget, RateLimited

from .fanout import publish_to_user
from .models import Board, Participant, normalise_join_code

GUEST_COOKIE_MAX_AGE = 60 * 60 * 24 * 90
GUEST_COOKIE_SALT = "feedback.guest"
# Guest keys of the identities a facilitator writes under in scribe mode: no cookie may
# claim one, however it was signed.
SCRIBE_KEY_PREFIX = "scribe-"
# Wrong join codes one address may try per window, on every path that tells whether a
# code exists. Generous, because a whole ward or workshop room shares one address.
WRONG_CODES = Budget("wrong-code", allowed=30, seconds=10 * 60)
# New participants one address may add to one board per window: a room joining
# together fits, a script inflating a board's stakeholder counts does not.
JOINS = Budget("join", allowed=30, seconds=10 * 60)


class NotJoined(PermissionDenied):
    """The visitor may join the board but has not done so yet."""


@dataclass
class BoardAccess:
    """A person's standing on one board, as the views, actions and consumer see it."""

    board: Board
    user: object | None
    participant: Participant | None
    membership_role: str | None

    @property
    def is_member(self) -> bool:
        return self.membership_role in ANY_MEMBER

    @property
    def is_staff(self) -> bool:
        return self.membership_role in RUNS_SESSIONS

    @property
    def actor_key(self) -> str:
        """Who is acting, for idempotency records and rate limits."""
        if self.participant is not None:
            return self.participant.actor_key
        return f"u{self.user.pk}"

    def require_participant(self) -> Participant:
        if self.participant is None:
            raise PermissionDenied(_("Join the board first to take part."))
        return self.participant

    def require_staff(self) -> None:
        if not self.is_staff:
            raise PermissionDenied(
                _("Only the facilitators of this board can do that.")
            )


def guest_cookie_name(board: Board) -> str:
    return f"board_{board.pk}_guest"


def sign_guest_key(board: Board, guest_key: str) -> str:
    """The cookie value that proves a guest's identity on this board."""
    return signing.get_cookie_signer(
        salt=guest_cookie_name(board) + GUEST_COOKIE_SALT
    ).sign(guest_key)


def guest_key_from_cookies(board: Board, cookies: dict) -> str | None:
    """The guest key in a valid cookie for this board, or None."""
    value = cookies.get(guest_cookie_name(board))
    if not value:
        return None
    signer = signing.get_cookie_signer(
        salt=guest_cookie_name(board) + GUEST_COOKIE_SALT
    )
    try:
        return signer.unsign(value, max_age=GUEST_COOKIE_MAX_AGE)
    except signing.BadSignature:
        return None


def _board_with_code(code, live: bool) -> Board | None:
    """The not-closed board with this code, else (unless ``live``) the latest closed one."""
    code = normalise_join_code(code or "")
    boards = Board.objects.select_related("project").filter(join_code=code)
    board = boards.live().first()
    if board is None and not live:
        board = boards.order_by("-created_at").first()
    return board


def _has_place(board: Board, user, cookies: dict) -> bool:
    """Whether the visitor already joined the board or belongs to its project."""
    if participant_for(board, user, cookies) is not None:
        return True
    return bool(
        user is not None
        and user.is_authenticated
        and Membership.objects.filter(project_id=board.project_id, user=user).exists()
    )


def guess_board(code, address: str, user, cookies: dict, *, live=False) -> Board:
    """The board a visitor names by code; a wrong code counts against their address.

    Raises ``Http404`` for an unknown code. Once the address has spent its budget, only
    a visitor who already has a place on the board gets it; anyone else gets
    ``RateLimited``, whether the code exists or not (docs/security.md).
    """
    board = _board_with_code(code, live)
    if WRONG_CODES.spent(address):
        if board is None or not _has_place(board, user, cookies):
            raise RateLimited(
                _("Too many wrong codes. Wait ten minutes and try again.")
            )
        return board
    if board is None:
        WRONG_CODES.charge(address)
        raise Http404(_("There is no board with this code."))
    return board


def participant_for(board: Board, user, cookies: dict) -> Participant | None:
    """The board identity of a signed-in user or a guest with a valid cookie."""
    # order_by(): the default ordering (by board) would join the board table to find
    # one row, and every command re-checks this (docs/performance.md).
    participants = Participant.objects.order_by()
    if user is not None and user.is_authenticated:
        return participants.filter(board=board, user=user).first()
    guest_key = guest_key_from_cookies(board, cookies)
    if guest_key is None or guest_key.startswith(SCRIBE_KEY_PREFIX):
        return None
    return participants.filter(board=board, guest_key=guest_key).first()


def board_for(
    user, board: Board, cookies: dict, *, staff: bool = False, member: bool = False
):
    """The visitor's standing on ``board`` (``board_for_code`` when they name a code).

    Raises ``NotJoined`` when the visitor could join but has not, and
    ``PermissionDenied`` when ``staff`` (organiser or facilitator) or ``member`` (any
    project role) is asked for and the visitor is neither.
    """
    role = None
    if user is not None and user.is_authenticated:
        role = (
            Membership.objects.filter(project_id=board.project_id, user=user)
            .values_list("role", flat=True)
            .first()
        )
    access = BoardAccess(board, user, participant_for(board, user, cookies), role)
    if staff and not access.is_staff:
        raise PermissionDenied(_("Only the facilitators of this board can do that."))
    if member and not access.is_member:
        raise PermissionDenied(_("Only members of this project can see this page."))
    if access.participant is None and not access.is_member:
        raise NotJoined(_("Join the board first to take part."))
    return access


def board_for_code(user, code, cookies: dict, address: str, **rights) -> BoardAccess:
    """``board_for`` the board named by ``code``, counting a wrong code (``guess_board``)."""
    board = guess_board(code, address, user, cookies)
    return board_for(user, board, cookies, **rights)


def close_user_sockets(sender, request=None, user=None, **kwargs) -> None:
    """On log-out, close that person's board sockets in every process (DESIGN §5)."""
    if user is None or user.pk is None:
        return
    projects = Membership.objects.filter(user=user).values("project_id")
    boards = Board.objects.live().filter(
        Q(participants__user=user) | Q(project_id__in=projects)
    )
    for board_id in boards.values_list("pk", flat=True).distinct():
        publish_to_user(board_id, user.pk, "board.logout")


def recheck_member_sockets(sender, instance, **kwargs) -> None:
    """After a membership changes or goes, its person's sockets re-check their rights.

    DESIGN §8: rights are those of now. The project's live boards are told after
    commit; each socket of that person reduces what it receives at once and then
    takes what ``board_for`` allows now, or closes with 4403.
    """
    user_id = instance.user_id
    boards = Board.objects.live().filter(project_id=instance.project_id)
    board_ids = list(boards.values_list("pk", flat=True))

    def notify():
        for board_id in board_ids:
            publish_to_user(board_id, user_id, "board.rights_changed")

    transaction.on_commit(notify)
