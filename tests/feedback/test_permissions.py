"""Who may do what on a board: the whole matrix of DESIGN §8 for the board pages."""

import pytest
from django.test import Client

from .conftest import Guest

PEOPLE = ["anonymous", "guest", "outsider", "team_member", "facilitator", "organiser"]

# page -> expected status per person, in the order of PEOPLE.
MATRIX = {
    ("get", "/b/{code}/"): [302, 200, 302, 200, 200, 200],
    ("get", "/b/{code}/present/"): [302, 302, 403, 200, 200, 200],
    ("post", "/b/{code}/do/"): [403, 403, 403, 403, 302, 302],
    ("post", "/b/{code}/cards/"): [403, 302, 403, 403, 403, 403],
    ("get", "/projects/{project}/boards/"): [302, 302, 404, 200, 200, 200],
    ("get", "/projects/{project}/boards/new/"): [302, 302, 404, 403, 200, 200],
}


def client_for(person, request, board) -> Client:
    if person == "anonymous":
        return Client()
    if person == "guest":
        return Guest(board).client()
    client = Client()
    client.force_login(request.getfixturevalue(person))
    return client


@pytest.mark.parametrize(("method", "path"), list(MATRIX))
@pytest.mark.parametrize("person", PEOPLE)
def test_role_matrix(request, board, column, person, method, path):
    client = client_for(person, request, board)
    url = path.format(code=board.join_code, project=board.project_id)
    data = (
        {"type": "board.set_state", "state": "paused"}
        if "do" in path
        else {"column": column.pk, "text": "Hi"}
    )

    response = client.get(url) if method == "get" else client.post(url, data)

    assert response.status_code == MATRIX[(method, path)][PEOPLE.index(person)]
