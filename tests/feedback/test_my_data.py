"""A guest's own data on a board: see, download and erase it (issue 14, point 2)."""

import json

import pytest
from django.urls import reverse

from codesign.log import actions as log_actions
from codesign.models import Erasure, StakeholderRole
from feedback import actions, facilitation
from feedback.models import Board, BoardEvent, Card, ModerationAction, Participant
from feedback.personal_data import erase_participant
from feedback.snapshot import board_state
from feedback.visibility import PROJECTOR, Viewer, replay
from tests.conftest import logged_in

from .conftest import Guest, staff_access

SECRET = "The night nurse never comes"
NAME = "Hendrika Zwart"


def url(board, name="board_my_data"):
    return reverse(f"feedback:{name}", args=[board.join_code])


@pytest.fixture
def column(board):
    return board.columns.first()


@pytest.fixture
def hendrika(board, column, organiser):
    """A guest with a card, a hidden card, a vote on someone else's card and a request."""
    guest = Guest(board, NAME)
    other = Guest(board, "Other")
    theirs = actions.post_card(other.access, column.pk, "Parking").result["card"]
    mine = actions.post_card(guest.access, column.pk, SECRET).result["card"]
    hidden = actions.post_card(guest.access, column.pk, "Hidden words").result["card"]
    staff = staff_access(board, organiser)
    facilitation.hide_card(staff, hidden, "off topic")
    actions.add_vote(guest.access, theirs)
    actions.add_vote(other.access, mine)
    facilitation.request_support(guest.access, "I cannot read the screen")
    guest.card, guest.theirs = mine, theirs
    return guest


def test_my_data_page_shows_cards_votes_and_support(hendrika):
    html = hendrika.client().get(url(hendrika.board)).content.decode()

    assert SECRET in html
    assert "Hidden words" in html
    assert "You gave 1 vote." in html
    assert "I cannot read the screen" in html
    assert NAME in html


def test_my_data_page_without_a_place_says_so(board, client):
    html = client.get(url(board)).content.decode()

    assert "This browser holds no place on this board" in html


def test_download_holds_every_kind_of_record(hendrika):
    response = hendrika.client().get(url(hendrika.board, "board_my_data_download"))

    data = json.loads(response.content)
    part = data["participation"]
    assert data["format"] == "codesign-board-participation/1"
    assert response["Content-Disposition"] == (
        f'attachment; filename="codesign-board-{hendrika.board.join_code}.json"'
    )
    assert part["display_name"] == NAME
    assert part["role"] == StakeholderRole.PATIENT
    assert [c["text"] for c in part["cards"]] == [SECRET, "Hidden words"]
    assert [v["card"] for v in part["votes"]] == [hendrika.theirs]
    assert [s["message"] for s in part["support_requests"]] == [
        "I cannot read the screen"
    ]


def test_erase_asks_first(hendrika):
    response = hendrika.client().get(url(hendrika.board, "board_erase_me"))

    assert "Yes, erase me" in response.content.decode()
    assert Participant.objects.filter(display_name=NAME).count() == 1


def test_erase_me_removes_everything_and_clears_the_cookie(hendrika, board):
    response = hendrika.client().post(url(board, "board_erase_me"))

    cookie = response.cookies[f"board_{board.pk}_guest"]
    assert cookie.value == ""
    assert Participant.objects.filter(display_name=NAME).count() == 0
    assert list(Card.objects.values_list("text", flat=True)) == ["Parking"]
    assert Card.objects.get().votes == 0
    assert board.support_requests.count() == 0
    erasure = Erasure.objects.get()
    assert (erasure.kind, erasure.subject, erasure.count, erasure.reason) == (
        Erasure.Kind.GUEST,
        board.join_code,
        5,
        Erasure.Reason.REQUEST,
    )


def test_erase_on_an_open_board_tells_live_clients(hendrika, board):
    before = board.events.count()

    erase_participant(hendrika.access)

    names = list(board.events.filter(seq__gt=before).values_list("name", flat=True))
    assert names == ["vote.removed", "card.deleted", "card.deleted"]


def _everything_a_newcomer_sees(board, organiser, team_member, iteration) -> str:
    staff = logged_in(organiser)
    events = list(board.events.all())
    pages = [
        json.dumps(board_state(board, PROJECTOR)),
        json.dumps(replay(board, Viewer(staff=True), events)),
        json.dumps(list(BoardEvent.objects.values("data", "audience"))),
        json.dumps(list(ModerationAction.objects.values("card_text", "reason"))),
        staff.get(reverse("feedback:board_export_csv", args=[board.join_code])),
        staff.get(reverse("feedback:board_export_json", args=[board.join_code])),
        staff.get(reverse("feedback:board_results", args=[board.join_code])),
        logged_in(team_member).get(
            reverse("codesign:you_said", args=[iteration.project_id])
        ),
    ]
    return "".join(p if isinstance(p, str) else p.content.decode() for p in pages)


@pytest.mark.parametrize("state", [Board.State.OPEN, Board.State.CLOSED])
def test_after_erase_no_path_holds_the_text_or_name(
    hendrika, board, organiser, team_member, iteration, state
):
    log_actions.record_entry(
        team_member,
        iteration,
        kind="decision",
        title="Night line",
        cards=[hendrika.card],
    )
    board.state = state
    board.save(update_fields=["state"])
    assert SECRET in _everything_a_newcomer_sees(
        board, organiser, team_member, iteration
    )

    hendrika.client().post(url(board, "board_erase_me"))

    seen = _everything_a_newcomer_sees(board, organiser, team_member, iteration)
    for word in (SECRET, "Hidden words", NAME, "I cannot read the screen"):
        assert word not in seen


def test_erase_is_refused_without_a_place(board, client):
    response = client.post(url(board, "board_erase_me"))

    assert response.status_code == 404


def test_my_data_refuses_a_wrong_method(hendrika):
    response = hendrika.client().post(url(hendrika.board))

    assert response.status_code == 405


def test_board_page_and_you_said_link_to_my_data(hendrika, board):
    client = hendrika.client()

    board_page = client.get(board.get_absolute_url()).content.decode()
    you_said = client.get(reverse("codesign:you_said", args=[board.project_id]))

    assert f'href="{url(board)}"' in board_page
    assert f'href="{url(board)}"' in you_said.content.decode()
