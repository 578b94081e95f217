"""The patient's way through the join and card forms (issue 15 item 6)."""

import pytest

from feedback.models import Participant
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db


def test_home_page_offers_join_with_a_code_first(client):
    html = client.get("/").content.decode()

    main = html[html.index('<main id="main"') :]
    assert main.index("Join with a code") < main.index("Sign up")
    assert '<form method="post" action="/join/">' in main
    assert '<li class="account-link"><a href="/accounts/login/">Log in</a></li>' in html


def test_join_role_starts_at_choose_your_role(client, board):
    html = client.get(f"/join/{board.join_code}/").content.decode()

    assert '<option value="" selected>Choose your role</option>' in html


def test_join_without_role_is_refused_with_an_error_summary(client, board):
    response = client.post(
        f"/join/{board.join_code}/", {"display_name": "Anna", "consent": "on"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert Participant.objects.filter(board=board).count() == 0
    assert "<title>Error: Join the board · Codesign</title>" in html
    assert 'id="error-summary" role="alert" tabindex="-1" autofocus>' in html
    assert '<a href="#id_role">I take part as: Please choose your role.</a>' in html


def test_signed_in_participant_can_stay_anonymous(board, participant):
    client = logged_in(participant)

    client.post(
        f"/join/{board.join_code}/",
        {"anonymous": "on", "role": "family", "consent": "on"},
    )

    joined = Participant.objects.get(board=board, user=participant)
    assert (joined.display_name, joined.role) == ("", "family")


def test_card_form_asks_where_the_card_fits(board, guest):
    html = guest.client().get(f"/b/{board.join_code}/").content.decode()

    assert ">Where does it fit on the board?</label>" in html
    assert 'id="read-new-cards" checked>' in html


def test_anonymous_only_board_asks_no_name_and_stores_none(client, board):
    board.anonymous_only = True
    board.save(update_fields=["anonymous_only"])

    page = client.get(f"/join/{board.join_code}/").content.decode()
    client.post(
        f"/join/{board.join_code}/",
        {"display_name": "Anna", "role": "patient", "consent": "on"},
    )

    assert 'name="display_name"' not in page
    assert "we do not ask your name." in page
    assert Participant.objects.get(board=board).display_name == ""


def test_organiser_creates_an_anonymous_only_board(project, organiser):
    response = logged_in(organiser).post(
        f"/projects/{project.pk}/boards/new/",
        {
            "prompt": "What worries you?",
            "template": "hopes_fears",
            "votes_per_participant": "3",
            "anonymous_only": "on",
        },
    )

    assert response.status_code == 302
    assert project.boards.get(prompt="What worries you?").anonymous_only is True
