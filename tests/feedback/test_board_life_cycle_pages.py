"""The life-cycle pages and buttons: edit, copy, archive, delete a draft (issue 15)."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from feedback import actions, life_cycle
from feedback.models import Board, Card
from tests.conftest import logged_in

from .conftest import Guest, make_board, staff_access

pytestmark = pytest.mark.django_db


def url(name, board) -> str:
    return reverse(f"feedback:{name}", args=[board.join_code])


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_edit_page_of_a_draft_offers_every_field(draft, organiser):
    response = logged_in(organiser).get(url("board_edit", draft))

    form = response.context["form"]
    assert response.status_code == 200
    assert list(form.fields) == [
        "request_id",
        "prompt",
        "columns",
        "votes_per_participant",
        "session",
    ]
    assert form["columns"].value() == (
        "What works\nWhat could be better\nIdeas\nQuestions"
    )


def test_edit_page_of_an_open_board_offers_the_words_only(board, facilitator):
    response = logged_in(facilitator).get(url("board_edit", board))

    assert list(response.context["form"].fields) == ["request_id", "prompt", "columns"]


def test_edit_page_saves_and_goes_to_the_control_view(draft, organiser):
    response = logged_in(organiser).post(
        url("board_edit", draft),
        {
            "prompt": "What helps at night?",
            "columns": "Hopes\r\nFears",
            "votes_per_participant": "4",
            "session": "",
        },
    )

    draft.refresh_from_db()
    assert response.status_code == 302
    assert response.url == url("board_facilitate", draft)
    assert said(response) == ["The board is changed."]
    assert (draft.prompt, draft.votes_per_participant) == ("What helps at night?", 4)
    assert list(draft.columns.values_list("title", flat=True)) == ["Hopes", "Fears"]


def test_edit_page_shows_a_refusal_on_the_form(draft, organiser):
    column = draft.columns.last()
    Card.objects.create(
        board=draft,
        column=column,
        participant=Guest(draft).participant,
        text="Paper",
    )

    response = logged_in(organiser).post(
        url("board_edit", draft),
        {"prompt": "Q", "columns": "One", "votes_per_participant": "3"},
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "A column with cards on it cannot be removed."
    ]
    assert draft.columns.count() == 4


@pytest.mark.parametrize("person", ["team_member", "outsider"])
def test_edit_page_is_refused_to_team_members_and_outsiders(request, draft, person):
    client = logged_in(request.getfixturevalue(person))

    response = client.post(url("board_edit", draft), {"prompt": "Mine now"})

    draft.refresh_from_db()
    assert response.status_code == 403
    assert draft.prompt == "What matters to you at home?"


def test_edit_page_refuses_other_methods(draft, organiser):
    response = logged_in(organiser).put(url("board_edit", draft))

    assert response.status_code == 405


def test_copy_button_makes_a_draft_and_opens_its_edit_page(board, organiser):
    actions.post_card(Guest(board).access, board.columns.first().pk, "Calls")

    response = logged_in(organiser).post(url("board_copy", board), {"cards": "1"})

    copy = Board.objects.exclude(pk=board.pk).get()
    assert response.url == url("board_edit", copy)
    assert said(response) == [
        f"The copy is a draft. Its join code is {copy.join_code}."
    ]
    assert list(copy.cards.values_list("text", flat=True)) == ["Calls"]


def test_copy_button_is_refused_to_team_members(board, team_member):
    response = logged_in(team_member).post(url("board_copy", board))

    assert response.status_code == 403
    assert Board.objects.count() == 1


def test_archive_button_moves_the_board_to_the_archived_list(board, organiser):
    client = logged_in(organiser)
    boards_url = reverse("feedback:board_list", args=[board.project_id])

    response = client.post(url("board_archive", board), {"next": boards_url})
    listing = client.get(boards_url)

    board.refresh_from_db()
    assert response.url == boards_url
    assert said(response) == ["The board is archived. It can still be read."]
    assert board.archived_at is not None
    assert list(listing.context["boards"]) == []
    assert list(listing.context["archived"]) == [board]
    assert "Archived" in listing.content.decode()


def test_an_archived_board_reads_but_refuses_commands(board, organiser):
    guest = Guest(board)
    life_cycle.archive_board(staff_access(board, organiser))

    page = guest.client().get(board.get_absolute_url())
    posted = guest.client().post(
        url("board_command", board),
        {"type": "card.create", "column": board.columns.first().pk, "text": "Late"},
    )

    assert page.status_code == 200
    assert said(posted) == ["This board is archived: it can be read, not changed."]
    assert Card.objects.count() == 0


def test_archive_button_is_refused_to_team_members(board, team_member):
    response = logged_in(team_member).post(url("board_archive", board))

    board.refresh_from_db()
    assert response.status_code == 403
    assert board.archived_at is None


def test_delete_asks_first_then_removes_the_draft(draft, organiser):
    client = logged_in(organiser)

    asked = client.get(url("board_delete", draft))
    response = client.post(url("board_delete", draft))

    assert "Yes, delete the board" in asked.content.decode()
    assert response.url == reverse("feedback:board_list", args=[draft.project_id])
    assert said(response) == ["The draft board is deleted."]
    assert Board.objects.count() == 0


def test_delete_refuses_a_board_that_was_opened(board, organiser):
    response = logged_in(organiser).post(url("board_delete", board))

    assert response.url == url("board_delete", board)
    assert said(response) == [
        "Only a draft board can be deleted. Archive this one instead."
    ]
    assert Board.objects.filter(pk=board.pk).exists()


@pytest.mark.parametrize("person", ["team_member", "outsider"])
def test_delete_is_refused_to_team_members_and_outsiders(request, draft, person):
    response = logged_in(request.getfixturevalue(person)).post(
        url("board_delete", draft)
    )

    assert response.status_code == 403
    assert Board.objects.filter(pk=draft.pk).exists()


def test_board_list_queries_do_not_grow_with_boards(project, organiser, iteration):
    client = logged_in(organiser)
    boards_url = reverse("feedback:board_list", args=[project.pk])
    first = make_board(project, organiser)
    life_cycle.archive_board(staff_access(first, organiser))
    make_board(project, organiser)

    with CaptureQueriesContext(connection) as one_each:
        client.get(boards_url)
    for _n in range(3):
        board = make_board(project, organiser)
        life_cycle.archive_board(staff_access(board, organiser))
        make_board(project, organiser)
    with CaptureQueriesContext(connection) as many:
        response = client.get(boards_url)

    assert len(response.context["archived"]) == 4
    assert len(many) == len(one_each)


def test_control_view_links_the_life_cycle(board, organiser):
    response = logged_in(organiser).get(url("board_facilitate", board))

    page = response.content.decode()
    assert url("board_edit", board) in page
    assert url("board_copy", board) in page
    assert url("board_archive", board) in page
    assert 'data-control="timer.extend"' in page
