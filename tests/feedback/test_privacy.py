"""The privacy nudge: personal data is flagged on every path, and may be posted anyway."""

import uuid

import pytest
from channels.db import database_sync_to_async
from django.core.exceptions import ValidationError

from feedback import actions, facilitation
from feedback.access import board_for
from feedback.models import Card
from feedback.privacy import is_bsn

from .conftest import connect, receive, receive_until, send

# Which texts are flagged: tests/privacy_vectors.json, shared with the page's
# check (test_privacy_vectors.py).


def test_bsn_eleven_check():
    assert (is_bsn("123456782"), is_bsn("123456789"), is_bsn("12345678")) == (
        True,
        False,
        False,
    )


@pytest.mark.django_db
def test_post_card_refuses_personal_data_until_confirmed(guest, column):
    with pytest.raises(ValidationError) as caught:
        actions.post_card(guest.access, column.pk, "Bel 06-12345678")

    assert caught.value.code == "privacy"
    assert "a phone number" in caught.value.messages[0]
    actions.post_card(guest.access, column.pk, "Bel 06-12345678", confirm=True)
    assert Card.objects.get().text == "Bel 06-12345678"


@pytest.mark.django_db
def test_edit_and_scribe_are_checked_too(board, guest, facilitator, column):
    card = actions.post_card(guest.access, column.pk, "Fine").result["card"]
    access = board_for(facilitator, board, {})

    with pytest.raises(ValidationError):
        actions.edit_card(guest.access, card, "mail me: a@b.nl")
    with pytest.raises(ValidationError):
        facilitation.scribe_card(access, column.pk, "BSN 111222333", "patient")

    facilitation.scribe_card(
        access, column.pk, "BSN 111222333", "patient", confirm=True
    )
    scribed = Card.objects.get(entered_by=facilitator)
    assert (scribed.participant.role, scribed.as_data()["scribe"]) == ("patient", True)


@pytest.mark.django_db
def test_card_form_without_javascript_shows_the_nudge_and_posts_when_confirmed(
    board, guest, column
):
    client = guest.client()
    url = f"/b/{board.join_code}/cards/"

    flagged = client.post(url, {"column": column.pk, "text": "born 1960-03-12"})
    posted = client.post(
        url, {"column": column.pk, "text": "born 1960-03-12", "confirm": "on"}
    )

    assert flagged.status_code == 400
    assert "a date of birth" in flagged.content.decode()
    assert 'id="privacy-nudge" role="alert">' in flagged.content.decode()
    assert posted.status_code == 302
    assert Card.objects.count() == 1


@pytest.mark.django_db(transaction=True)
async def test_socket_returns_privacy_error_then_accepts_confirmed(
    board, guest, column
):
    communicator = await connect(board.join_code, guest.cookie, language="nl")
    await send(communicator, {"type": "resume", "after": 0})
    await receive(communicator)
    command = {
        "type": "card.create",
        "request_id": str(uuid.uuid4()),
        "column": column.pk,
        "text": "j@example.com",
    }

    await send(communicator, command)
    error = await receive(communicator)
    await send(communicator, {**command, "confirm": True})
    ack = (await receive_until(communicator, "ack"))[-1]

    assert (error["type"], error["code"]) == ("error", "privacy")
    assert "e-mailadres" in error["message"]
    assert ack["type"] == "ack"
    assert await database_sync_to_async(Card.objects.count)() == 1
    await communicator.disconnect()


@pytest.mark.django_db
def test_edit_form_offers_post_anyway_after_a_privacy_flag(board, guest, column):
    card = actions.post_card(guest.access, column.pk, "Fine").result["card"]
    client = guest.client()
    url = f"/b/{board.join_code}/cards/{card}/edit/"

    flagged = client.post(url, {"text": "mail a@b.nl"})
    saved = client.post(url, {"text": "mail a@b.nl", "confirm": "on"})

    assert 'name="confirm"' in flagged.content.decode()
    assert saved.status_code == 302
    assert Card.objects.get().text == "mail a@b.nl"
