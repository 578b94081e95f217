"""Who may do what on a board: the whole matrix of DESIGN §8 for the board pages.

Each cell names what happened, not only the status: a 302 can be a redirect to log
in, to the join page or back to the board after a change, and a change refused must
leave the board as it was.
"""

import pytest
from django.test import Client

from feedback.models import Board, Card

from .conftest import Guest

PEOPLE = ["anonymous", "guest", "outsider", "team_member", "facilitator", "organiser"]

SHOWN = "shown"  # 200, the page's own content
LOG_IN = "log in"  # 302 to the log-in page, back here afterwards
JOIN = "join"  # 302 to the board's join page
REFUSED = "refused"  # 403 with the "Not allowed" page; nothing changed
NOT_FOUND = "not found"  # 404: an outsider does not learn the project exists
DONE = "done"  # 302 back to the board, and the change is made

PAUSE = ("post", "/b/{code}/do/")
POST_CARD = ("post", "/b/{code}/cards/")
NEW_BOARD = ("get", "/projects/{project}/boards/new/")

# page -> what happens per person, in the order of PEOPLE.
MATRIX = {
    ("get", "/b/{code}/"): [JOIN, SHOWN, JOIN, SHOWN, SHOWN, SHOWN],
    ("get", "/b/{code}/present/"): [LOG_IN, LOG_IN, REFUSED, SHOWN, SHOWN, SHOWN],
    PAUSE: [REFUSED, REFUSED, REFUSED, REFUSED, DONE, DONE],
    # Project members take part on a board only after joining it, like anyone else.
    POST_CARD: [REFUSED, DONE, REFUSED, REFUSED, REFUSED, REFUSED],
    ("get", "/projects/{project}/boards/"): [
        LOG_IN,
        LOG_IN,
        NOT_FOUND,
        SHOWN,
        SHOWN,
        SHOWN,
    ],
    NEW_BOARD: [LOG_IN, LOG_IN, NOT_FOUND, REFUSED, SHOWN, SHOWN],
}

UNCHANGED = {"state": Board.State.OPEN, "cards": 0}
CHANGED = {
    PAUSE: {"state": Board.State.PAUSED, "cards": 0},
    POST_CARD: {"state": Board.State.OPEN, "cards": 1},
}


def client_for(person, request, board) -> Client:
    if person == "anonymous":
        return Client()
    if person == "guest":
        return Guest(board).client()
    client = Client()
    client.force_login(request.getfixturevalue(person))
    return client


def request_cell(client, cell, board, column):
    _method, path = cell
    url = path.format(code=board.join_code, project=board.project_id)
    if cell == PAUSE:
        return url, client.post(url, {"type": "board.set_state", "state": "paused"})
    if cell == POST_CARD:
        return url, client.post(url, {"column": column.pk, "text": "Hi"})
    return url, client.get(url)


def what_happened(response, url, board) -> str:
    """The outcome a reader would name, from the response alone."""
    location = response.get("Location", "")
    html = response.content.decode()
    outcomes = {
        200: SHOWN if ('name="prompt"' in html or board.prompt in html) else "200?",
        403: REFUSED if "Not allowed" in html else "403?",
        404: NOT_FOUND,
    }
    if response.status_code != 302:
        return outcomes.get(response.status_code, str(response.status_code))
    if location == f"/accounts/login/?next={url}":
        return LOG_IN
    if location == f"/join/{board.join_code}/":
        return JOIN
    return DONE if location.startswith(f"/b/{board.join_code}/") else location


def what_changed(board) -> dict:
    board.refresh_from_db()
    return {"state": board.state, "cards": Card.objects.filter(board=board).count()}


@pytest.mark.parametrize("cell", list(MATRIX))
@pytest.mark.parametrize("person", PEOPLE)
def test_role_matrix(request, board, column, person, cell):
    client = client_for(person, request, board)
    expected = MATRIX[cell][PEOPLE.index(person)]

    url, response = request_cell(client, cell, board, column)

    assert what_happened(response, url, board) == expected
    assert what_changed(board) == (CHANGED[cell] if expected == DONE else UNCHANGED)
