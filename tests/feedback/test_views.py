"""The board pages: joining, the participant page, forms without JavaScript, presenter."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from feedback import actions
from feedback.access import guest_cookie_name
from feedback.models import Board, Card, Participant, Vote
from tests.conftest import logged_in

from .conftest import Guest, make_board


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


# Joining -------------------------------------------------------------------------


def test_join_accepts_code_in_any_case_with_spaces(client, board):
    code = board.join_code

    response = client.post(
        "/join/", {"code": f" {code[:3].lower()} {code[3:].lower()} "}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/join/{code}/"


def test_join_with_wrong_code_says_so_plainly(client, board):
    response = client.post("/join/", {"code": "XXXXXX"})

    assert response.status_code == 404
    assert "There is no open board with this code." in response.content.decode()


def test_wrong_codes_are_rate_limited_per_address_but_right_codes_are_not_counted(
    client, board
):
    for _ in range(10):
        assert client.post("/join/", {"code": board.join_code}).status_code == 302
    for _ in range(30):
        client.post("/join/", {"code": "XXXXXX"})

    limited = client.post("/join/", {"code": board.join_code})
    other_address = client.post(
        "/join/", {"code": board.join_code}, REMOTE_ADDR="10.0.0.9"
    )

    assert limited.status_code == 429
    assert "Too many wrong codes." in limited.content.decode()
    assert other_address.status_code == 302


def test_closed_board_cannot_be_joined(client, board):
    board.state = Board.State.CLOSED
    board.save()

    response = client.get(f"/join/{board.join_code}/")

    assert response.status_code == 404


def test_guest_joins_with_name_role_and_consent_and_is_remembered(client, board):
    response = client.post(
        f"/join/{board.join_code}/",
        {"display_name": "Anna", "role": "patient", "consent": "on"},
    )

    participant = Participant.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/b/{board.join_code}/"
    assert (participant.display_name, participant.role, participant.user) == (
        "Anna",
        "patient",
        None,
    )
    assert participant.consented_at is not None
    assert response.cookies[guest_cookie_name(board)]["httponly"]
    assert client.get(f"/b/{board.join_code}/").status_code == 200
    assert (
        client.get(f"/join/{board.join_code}/")["Location"] == f"/b/{board.join_code}/"
    )


def test_guest_may_stay_anonymous(client, board):
    client.post(
        f"/join/{board.join_code}/",
        {"display_name": "Anna", "anonymous": "on", "role": "family", "consent": "on"},
    )

    assert Participant.objects.get().display_name == ""


def test_joining_needs_consent(client, board):
    response = client.post(
        f"/join/{board.join_code}/", {"display_name": "Anna", "role": "patient"}
    )

    assert response.status_code == 200
    assert "Please agree before you join" in response.content.decode()
    assert Participant.objects.count() == 0


def test_signed_in_user_skips_the_name_and_gets_their_role_preselected(
    participant, board
):
    client = logged_in(participant)

    page = client.get(f"/join/{board.join_code}/").content.decode()
    response = client.post(
        f"/join/{board.join_code}/", {"role": "patient", "consent": "on"}
    )

    assert 'name="display_name"' not in page
    assert '<option value="patient" selected>' in page
    assert response.status_code == 302
    assert Participant.objects.get().user == participant


def test_cookie_of_board_a_does_not_work_on_board_b(
    project, organiser, iteration, board
):
    other = make_board(project, organiser, prompt="Other")
    guest = Guest(board)
    client = guest.client()
    client.cookies[guest_cookie_name(other)] = client.cookies[
        guest_cookie_name(board)
    ].value

    response = client.get(f"/b/{other.join_code}/")

    assert response.status_code == 302
    assert response["Location"] == f"/join/{other.join_code}/"


def test_join_pages_refuse_other_methods(client, board):
    assert client.put("/join/").status_code == 405
    assert client.delete(f"/join/{board.join_code}/").status_code == 405


# The participant page and its forms ------------------------------------------


def test_board_page_renders_cards_escaped_for_a_guest(board, guest, column):
    actions.post_card(guest.access, column.pk, "<script>alert(1)</script>")

    response = guest.client().get(f"/b/{board.join_code}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert 'data-seq="1"' in html


def test_board_page_sends_visitors_who_have_not_joined_to_the_join_page(client, board):
    response = client.get(f"/b/{board.join_code}/")

    assert response.status_code == 302
    assert response["Location"] == f"/join/{board.join_code}/"


def test_unknown_board_is_404(client, board):
    assert client.get("/b/ZZZZZZ/").status_code == 404


def test_board_page_refuses_post(board, guest):
    assert guest.client().post(f"/b/{board.join_code}/").status_code == 405


def test_board_page_query_count_does_not_grow_with_cards(
    board, guest, column, django_assert_num_queries
):
    client = guest.client()
    actions.post_card(guest.access, column.pk, "One")
    with CaptureQueriesContext(connection) as one:
        client.get(f"/b/{board.join_code}/")
    Card.objects.bulk_create(
        Card(
            board=board, column=column, participant=guest.participant, text=f"Card {n}"
        )
        for n in range(999)
    )

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(f"/b/{board.join_code}/")

    assert (
        response.content.decode().count('class="card-text"') == 1000 + 1
    )  # + template


def test_forms_without_javascript_post_edit_vote_and_delete(board, guest, column):
    client = guest.client()
    base = f"/b/{board.join_code}"

    posted = client.post(f"{base}/cards/", {"column": column.pk, "text": "Plain form"})
    card = Card.objects.get()
    edit_page = client.get(f"{base}/cards/{card.pk}/edit/")
    edited = client.post(f"{base}/cards/{card.pk}/edit/", {"text": "Edited"})
    voted = client.post(f"{base}/cards/{card.pk}/vote/")
    card.refresh_from_db()
    votes_after_vote = card.votes
    unvoted = client.post(f"{base}/cards/{card.pk}/unvote/")
    deleted = client.post(f"{base}/cards/{card.pk}/delete/")

    assert posted.status_code == 302
    assert posted["Location"] == f"{base}/#card-{card.pk}"
    assert edit_page.status_code == 200
    assert [
        edited.status_code,
        voted.status_code,
        unvoted.status_code,
        deleted.status_code,
    ] == [302] * 4
    assert votes_after_vote == 1
    assert Card.objects.count() == 0
    assert list(board.events.values_list("name", flat=True)) == [
        "card.created",
        "card.updated",
        "vote.added",
        "vote.removed",
        "card.deleted",
    ]


def test_card_form_shows_errors_for_too_long_text(board, guest, column):
    response = guest.client().post(
        f"/b/{board.join_code}/cards/", {"column": column.pk, "text": "x" * 501}
    )

    assert response.status_code == 400
    assert (
        "A card can hold at most 500 characters; this one has 501."
        in response.content.decode()
    )
    assert Card.objects.count() == 0


def test_paused_board_refuses_form_posts_with_a_message(board, guest, column):
    board.state = Board.State.PAUSED
    board.save()

    response = guest.client().post(
        f"/b/{board.join_code}/cards/",
        {"column": column.pk, "text": "Late"},
        follow=True,
    )

    assert "This board is not taking new input right now." in response.content.decode()
    assert Card.objects.count() == 0


def test_nobody_edits_or_deletes_someone_elses_card(board, guest, second_guest, column):
    card_id = actions.post_card(guest.access, column.pk, "Mine").result["card"]
    client = second_guest.client()

    assert client.get(f"/b/{board.join_code}/cards/{card_id}/edit/").status_code == 404
    assert (
        client.post(f"/b/{board.join_code}/cards/{card_id}/delete/").status_code == 404
    )
    assert Card.objects.get().text == "Mine"


def test_card_actions_refuse_get(board, guest, column):
    card_id = actions.post_card(guest.access, column.pk, "Mine").result["card"]
    client = guest.client()

    assert client.get(f"/b/{board.join_code}/cards/").status_code == 405
    assert client.get(f"/b/{board.join_code}/cards/{card_id}/vote/").status_code == 405
    assert (
        client.get(f"/b/{board.join_code}/cards/{card_id}/delete/").status_code == 405
    )
    assert Vote.objects.count() == 0


# Presenter view and set-up --------------------------------------------------------


def test_presenter_view_shows_qr_code_and_join_code_to_members(board, team_member):
    response = logged_in(team_member).get(f"/b/{board.join_code}/present/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="qr-code"><title>QR code to join the board</title>' in html
    assert (
        '<p class="join-code"><span class="visually-hidden">Join code: </span>'
        f"{board.join_code}</p>"
    ) in html
    assert (
        "Board state" not in html
    )  # Only organisers and facilitators change the state.


def test_presenter_view_is_refused_to_outsiders_and_guests(board, outsider, guest):
    assert logged_in(outsider).get(f"/b/{board.join_code}/present/").status_code == 403
    assert (
        guest.client().get(f"/b/{board.join_code}/present/").status_code == 302
    )  # to log in


def test_presenter_view_refuses_post(board, organiser):
    assert (
        logged_in(organiser).post(f"/b/{board.join_code}/present/").status_code == 405
    )


def test_facilitator_pauses_the_board(board, facilitator):
    response = logged_in(facilitator).post(
        f"/b/{board.join_code}/do/", {"type": "board.set_state", "state": "paused"}
    )

    board.refresh_from_db()
    assert response.status_code == 302
    assert board.state == Board.State.PAUSED
    assert board.events.get().name == "board.state_changed"


def test_team_member_cannot_change_the_state(board, team_member):
    response = logged_in(team_member).post(
        f"/b/{board.join_code}/do/", {"type": "board.set_state", "state": "closed"}
    )

    board.refresh_from_db()
    assert response.status_code == 403
    assert board.state == Board.State.OPEN


def test_facilitator_creates_a_board_from_a_template(project, facilitator, iteration):
    response = logged_in(facilitator).post(
        f"/projects/{project.pk}/boards/new/",
        {
            "prompt": "Hopes and fears?",
            "template": "hopes_fears",
            "votes_per_participant": 3,
            "open_now": "on",
        },
    )

    board = Board.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/b/{board.join_code}/facilitate/"
    assert list(board.columns.values_list("title", flat=True)) == ["Hopes", "Fears"]
    assert board.state == Board.State.OPEN
    assert len(board.join_code) == 6
    assert not set(board.join_code) & set("0O1IL")


def test_custom_columns_need_one_to_eight_lines(project, facilitator, iteration):
    response = logged_in(facilitator).post(
        f"/projects/{project.pk}/boards/new/",
        {
            "prompt": "?",
            "template": "custom",
            "custom_columns": "\n \n",
            "votes_per_participant": 3,
        },
    )

    assert response.status_code == 200
    assert "Give between 1 and 8 columns" in response.content.decode()
    assert Board.objects.count() == 0


def test_board_creation_is_refused_to_team_members_and_outsiders(
    project, team_member, outsider
):
    assert (
        logged_in(team_member).get(f"/projects/{project.pk}/boards/new/").status_code
        == 403
    )
    assert (
        logged_in(outsider).get(f"/projects/{project.pk}/boards/new/").status_code
        == 404
    )


def test_board_list_shows_the_projects_boards(board, team_member, outsider):
    response = logged_in(team_member).get(f"/projects/{board.project_id}/boards/")

    assert response.status_code == 200
    assert board.join_code in response.content.decode()
    assert (
        logged_in(outsider).get(f"/projects/{board.project_id}/boards/").status_code
        == 404
    )
    assert (
        logged_in(team_member).post(f"/projects/{board.project_id}/boards/").status_code
        == 405
    )


def test_board_page_speaks_dutch(board, guest):
    response = guest.client().get(f"/b/{board.join_code}/", HTTP_ACCEPT_LANGUAGE="nl")

    html = response.content.decode()
    assert "Kaart plaatsen" in html
    assert "Het bord is open: schrijf je kaarten." in html
    assert "Wat kan beter" in html  # Template columns speak the viewer's language.


def test_project_board_section_lists_open_boards(board, facilitator):
    from django.template import Context, Template

    from codesign.access import project_for

    project = project_for(facilitator, board.project_id)
    html = Template("{% load feedback_tags %}{% project_boards project %}").render(
        Context({"project": project})
    )

    assert f"/b/{board.join_code}/present/" in html
    assert f"/projects/{project.pk}/boards/new/" in html
