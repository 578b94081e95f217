"""One text rule for every entry point: the socket, ``/b/<code>/do/`` and the page."""

import pytest
from channels.db import database_sync_to_async
from django.contrib.messages import get_messages

from feedback.models import Card, Theme

from .conftest import connect, receive, session_cookie

pytestmark = pytest.mark.django_db(transaction=True)

BAD_CHARACTERS = (
    "The text holds characters that cannot be shown, such as control characters "
    "or a broken symbol. Please type it again."
)


async def socket_reply(code, cookie, frame: str) -> dict:
    communicator = await connect(code, cookie)
    await communicator.send_to(text_data=frame)
    reply = await receive(communicator)
    await communicator.disconnect()
    return reply


@pytest.mark.parametrize("escaped", ["\\u0000", "\\ud800", "\\u001b[31m", "\\u0085"])
async def test_socket_refuses_control_characters_and_lone_surrogates(
    board, guest, column, escaped
):
    frame = f'{{"type": "card.create", "column": {column.pk}, "text": "a{escaped}b"}}'

    reply = await socket_reply(board.join_code, guest.cookie, frame)

    assert reply == {
        "type": "error",
        "request_id": None,
        "code": "invalid",
        "message": BAD_CHARACTERS,
    }
    assert await database_sync_to_async(Card.objects.count)() == 0


async def test_socket_keeps_newlines_and_tabs_in_a_card(board, guest, column):
    frame = f'{{"type": "card.create", "column": {column.pk}, "text": "a\\n\\tb"}}'

    reply = await socket_reply(board.join_code, guest.cookie, frame)

    assert reply["type"] == "ack"
    card = await database_sync_to_async(Card.objects.get)()
    assert card.text == "a\n\tb"


async def test_socket_refuses_a_theme_name_over_two_lines(board, facilitator):
    cookie = await database_sync_to_async(session_cookie)(facilitator)

    reply = await socket_reply(
        board.join_code, cookie, '{"type": "theme.create", "name": "Sleep\\nWell"}'
    )

    assert (reply["code"], reply["message"]) == (
        "invalid",
        "This text must fit on one line.",
    )
    assert await database_sync_to_async(Theme.objects.count)() == 0


def test_command_form_refuses_nul_with_the_same_message(board, facilitator, client):
    client.force_login(facilitator)

    response = client.post(
        f"/b/{board.join_code}/do/", {"type": "theme.create", "name": "Sle\x00ep"}
    )

    assert [str(m) for m in get_messages(response.wsgi_request)] == [BAD_CHARACTERS]
    assert Theme.objects.count() == 0


def test_participant_form_refuses_nul_with_the_same_message(board, guest, column):
    response = guest.client().post(
        f"/b/{board.join_code}/cards/", {"column": column.pk, "text": "Hi\x00there"}
    )

    assert response.status_code == 400
    assert response.context["card_form"].errors == {"text": [BAD_CHARACTERS]}
    assert Card.objects.count() == 0


def test_participant_form_takes_windows_line_breaks_as_newlines(board, guest, column):
    guest.client().post(
        f"/b/{board.join_code}/cards/", {"column": column.pk, "text": "One\r\nTwo"}
    )

    assert Card.objects.get().text == "One\nTwo"
