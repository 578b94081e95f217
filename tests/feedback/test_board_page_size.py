"""A big board's page stays small and works without JavaScript (issue 17)."""

import gzip

import pytest

from feedback.models import Card, Vote

pytestmark = pytest.mark.django_db

CARDS = 200


def many_cards(board, column, author, count=CARDS):
    Card.objects.bulk_create(
        Card(
            board=board,
            column=column,
            participant=author,
            text=f"Card {n}: the night nurse should be reachable by phone.",
        )
        for n in range(count)
    )


def test_board_page_carries_one_csrf_token_for_all_card_buttons(
    board, column, guest, second_guest
):
    many_cards(board, column, second_guest.participant)

    html = guest.client().get(board.get_absolute_url()).content.decode()

    cards = html.split('id="card-template"')[0]
    assert cards.count('form="card-do"') == CARDS
    assert cards.count('<form id="card-do" method="post" hidden>') == 1
    assert html.count('name="csrfmiddlewaretoken"') == 4


def test_card_markup_is_compact(board, column, guest, second_guest):
    many_cards(board, column, second_guest.participant)

    html = guest.client().get(board.get_absolute_url()).content.decode()

    first, last = html.index('<li class="card"'), html.rindex('<li class="card"')
    per_card = (last - first) / (CARDS - 1)
    assert per_card < 600  # 600 KB for 1,000 cards, the page around them aside


def test_vote_button_posts_without_javascript(board, column, guest, second_guest):
    many_cards(board, column, second_guest.participant, count=1)
    card = Card.objects.get()
    client = guest.client()
    html = client.get(board.get_absolute_url()).content.decode()
    action = f"/b/{board.join_code}/cards/{card.pk}/vote/"
    assert f'formaction="{action}" data-command="vote.add"' in html

    response = client.post(action)

    assert response.status_code == 302
    assert Vote.objects.filter(card=card).count() == 1


def test_board_page_is_gzipped_for_browsers_that_accept_it(board, column, guest):
    response = guest.client().get(board.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert b'id="card-do"' in gzip.decompress(response.content)
