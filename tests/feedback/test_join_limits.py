"""Join-code guessing counted on every path, joins bounded, guest identities kept."""

import re

import pytest
from django.test import Client

from codesign.models import StakeholderRole
from feedback import facilitation
from feedback.access import (
    JOINS,
    WRONG_CODES,
    NotJoined,
    board_for,
    guest_cookie_name,
    sign_guest_key,
)
from feedback.models import Participant

from .conftest import Guest, make_board

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many wrong codes. Wait ten minutes and try again."


def spend_wrong_codes(client) -> list[int]:
    """Use up the address's budget, a quarter on each path that reveals a code."""
    guesses = [
        lambda i: client.get(f"/b/ZZZ{i:03d}/"),
        lambda i: client.get(f"/b/ZZZ{i:03d}/results/"),
        lambda i: client.get(f"/join/ZZZ{i:03d}/"),
        lambda i: client.post("/join/", {"code": f"ZZZ{i:03d}"}),
    ]
    return [guesses[i % 4](i).status_code for i in range(WRONG_CODES.allowed)]


def test_every_path_that_reveals_a_code_counts_toward_one_budget(client, board):
    statuses = spend_wrong_codes(client)

    refused = [
        client.get("/b/ZZZ999/"),
        client.get("/b/ZZZ999/results/"),
        client.get("/b/ZZZ999/export.csv"),
        client.post("/b/ZZZ999/do/", {"type": "board.reveal"}),
        client.post("/join/", {"code": "ZZZ999"}),
    ]

    assert statuses == [404] * WRONG_CODES.allowed
    assert [response.status_code for response in refused] == [429, 429, 302, 429, 429]
    assert TOO_MANY in refused[0].content.decode()


def page_text(response, code: str) -> str:
    """The page without what differs on every render (the CSRF token) or by address."""
    text = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.text)
    return text.replace(code, "CODE")


def test_over_budget_a_real_code_answers_as_a_wrong_one_for_strangers(client, board):
    spend_wrong_codes(client)

    real = client.get(f"/b/{board.join_code}/results/")
    wrong = client.get("/b/ZZZ999/results/")

    assert real.status_code == wrong.status_code == 429
    assert page_text(real, board.join_code) == page_text(wrong, "ZZZ999")


def test_over_budget_a_joined_guest_still_gets_their_board(client, board):
    guest = Guest(board)
    spend_wrong_codes(guest.client())

    page = guest.client().get(f"/b/{board.join_code}/")
    rejoin = guest.client().get(f"/join/{board.join_code}/")

    assert page.status_code == 200
    assert rejoin.status_code == 302
    assert rejoin["Location"] == f"/b/{board.join_code}/"


def test_over_budget_a_project_member_still_opens_the_controls(board, facilitator):
    client = Client()
    client.force_login(facilitator)
    spend_wrong_codes(client)

    response = client.get(f"/b/{board.join_code}/facilitate/")

    assert response.status_code == 200


def test_wrong_codes_from_one_address_do_not_refuse_another(client, board):
    spend_wrong_codes(client)

    response = client.post(
        "/join/", {"code": board.join_code}, REMOTE_ADDR="198.51.100.9"
    )

    assert response.status_code == 302
    assert response["Location"] == f"/join/{board.join_code}/"


def test_right_codes_are_not_counted(client, board):
    for _ in range(WRONG_CODES.allowed + 5):
        client.get(f"/join/{board.join_code}/")

    assert not WRONG_CODES.spent("127.0.0.1")


# Joining ---------------------------------------------------------------------------


def join(client, board, name="Anna"):
    return client.post(
        f"/join/{board.join_code}/",
        {"display_name": name, "role": "patient", "consent": "on"},
    )


def test_a_joined_browser_joining_again_keeps_its_participant(client, board):
    join(client, board)
    first = Participant.objects.get(board=board)

    again = join(client, board, name="Someone else")

    assert again.status_code == 302
    assert list(Participant.objects.filter(board=board)) == [first]
    assert first.display_name == "Anna"


def test_joins_per_address_per_board_are_bounded(board, other_board):
    statuses = [join(Client(), board).status_code for _ in range(JOINS.allowed + 1)]

    elsewhere = join(Client(), other_board)
    other_address = Client(REMOTE_ADDR="198.51.100.9").post(
        f"/join/{board.join_code}/",
        {"display_name": "Bea", "role": "patient", "consent": "on"},
    )

    assert statuses == [302] * JOINS.allowed + [429]
    assert Participant.objects.filter(board=board).count() == JOINS.allowed + 1
    assert elsewhere.status_code == 302
    assert other_address.status_code == 302


# Scribe identities -----------------------------------------------------------------


def test_scribe_key_is_random_and_kept_per_board_and_role(board):
    first = facilitation.scribe_participant(board, StakeholderRole.FAMILY)
    again = facilitation.scribe_participant(board, StakeholderRole.FAMILY)
    other_role = facilitation.scribe_participant(board, StakeholderRole.PATIENT)

    assert again == first
    assert other_role != first
    assert first.guest_key != f"scribe-{board.pk}-{StakeholderRole.FAMILY}"
    assert len(first.guest_key) == len("scribe-") + 32


def test_a_guest_cookie_never_claims_a_scribe_identity(board):
    scribe = facilitation.scribe_participant(board, StakeholderRole.FAMILY)
    client = Client()
    client.cookies[guest_cookie_name(board)] = sign_guest_key(board, scribe.guest_key)

    response = client.get(f"/b/{board.join_code}/")
    cookies = {guest_cookie_name(board): sign_guest_key(board, scribe.guest_key)}

    assert response.status_code == 302
    assert response["Location"] == f"/join/{board.join_code}/"
    with pytest.raises(NotJoined):
        board_for(None, board, cookies)


def test_another_board_gets_its_own_scribe(board, project, organiser):
    other = make_board(project, organiser, prompt="Another")

    first = facilitation.scribe_participant(board, StakeholderRole.FAMILY)
    second = facilitation.scribe_participant(other, StakeholderRole.FAMILY)

    assert first != second
    assert second.board == other
