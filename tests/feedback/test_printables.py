"""The printables: QR poster, paper card sheet and printable board (issue 15)."""

import pytest

from codesign.models import StakeholderRole
from feedback import actions, facilitation
from tests.conftest import logged_in

from .conftest import Guest, staff_access

pytestmark = pytest.mark.django_db


def test_poster_shows_question_code_address_and_qr(board, facilitator):
    response = logged_in(facilitator).get(f"/b/{board.join_code}/poster/")

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        f'<p class="poster-code"><span class="visually-hidden">Join code: </span>{board.join_code}</p>'
        in html
    )
    assert '<strong class="poster-address">http://testserver/join/</strong>' in html
    assert 'class="qr-code"><title>QR code to join the board</title>' in html
    assert board.prompt in html


def test_cards_sheet_lists_columns_and_every_role(board, facilitator):
    response = logged_in(facilitator).get(f"/b/{board.join_code}/cards-sheet/")

    html = response.content.decode()
    assert response.status_code == 200
    for column in board.columns.all():
        assert f'<h2 id="sheet-column-{column.pk}">{column.title}</h2>' in html
    for _value, label in StakeholderRole.choices:
        assert f'<span class="tick-box" aria-hidden="true"></span> {label}</li>' in html


def test_printable_board_leaves_hidden_cards_out(board, facilitator, column):
    anna = Guest(board, "Anna")
    kept = actions.post_card(anna.access, column.pk, "Evening visits").result["card"]
    gone = actions.post_card(anna.access, column.pk, "Call Dr Jansen").result["card"]
    actions.add_vote(Guest(board, "Bob", StakeholderRole.CLINICIAN).access, kept)
    facilitation.hide_card(staff_access(board, facilitator), gone, "A name")

    response = logged_in(facilitator).get(f"/b/{board.join_code}/print/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Evening visits" in html
    assert "Call Dr Jansen" not in html
    assert (
        '<tr data-role="clinician"><th scope="row">Clinician</th><td class="result-count">1</td>'
        in html
    )


def test_printable_board_by_theme(board, facilitator, column):
    access = staff_access(board, facilitator)
    card = actions.post_card(Guest(board).access, column.pk, "Evening visits")
    theme = facilitation.create_theme(access, "Time").result["theme"]
    facilitation.assign_theme(access, card.result["card"], theme)

    response = logged_in(facilitator).get(f"/b/{board.join_code}/print/?view=theme")

    assert "<h2>Time</h2>" in response.content.decode()


@pytest.mark.parametrize("page", ["poster", "cards-sheet"])
def test_staff_printables_refuse_a_team_member_who_does_not_facilitate(
    board, team_member, page
):
    response = logged_in(team_member).get(f"/b/{board.join_code}/{page}/")

    assert response.status_code == 403


@pytest.mark.parametrize("page", ["poster", "cards-sheet", "print"])
def test_printables_refuse_an_outsider_and_a_guest(board, outsider, guest, page):
    url = f"/b/{board.join_code}/{page}/"

    assert logged_in(outsider).get(url).status_code in (403, 404)
    assert guest.client().get(url).status_code == 302


@pytest.mark.parametrize("page", ["poster", "cards-sheet", "print"])
def test_printables_refuse_post(board, facilitator, page):
    response = logged_in(facilitator).post(f"/b/{board.join_code}/{page}/")

    assert response.status_code == 405
