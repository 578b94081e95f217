"""Boards, guests and WebSocket helpers for the live-board tests."""

import json

import pytest
from channels.testing import WebsocketCommunicator
from django.test import Client

from codesign.models import StakeholderRole
from feedback import actions, boards
from feedback.access import BoardAccess, board_for, guest_cookie_name, sign_guest_key
from feedback.models import Board
from tests.conftest import make_board

ORIGIN = [(b"origin", b"http://testserver"), (b"host", b"testserver")]


__all__ = ["Guest", "make_board", "staff_access", "vote_by_roles"]


def staff_access(board, user) -> BoardAccess:
    """The access of a facilitator or organiser of the board's project."""
    return board_for(user, board, {})


def vote_by_roles(board, column, counts: dict) -> int:
    """A card with votes from new guests of the given roles; returns its id."""
    author = Guest(board, "Author")
    card = actions.post_card(author.access, column.pk, "Home visits").result["card"]
    for role, count in counts.items():
        for n in range(count):
            actions.add_vote(Guest(board, f"{role}{n}", role).access, card)
    return card


class Guest:
    """A guest participant and the cookie header that proves who they are."""

    def __init__(self, board, name="Anna", role=StakeholderRole.PATIENT):
        self.participant, key = boards.join_board(
            board, None, display_name=name, role=role
        )
        self.board = board
        self.cookie = f"{guest_cookie_name(board)}={sign_guest_key(board, key)}"
        self.cookies = {guest_cookie_name(board): sign_guest_key(board, key)}

    @property
    def access(self) -> BoardAccess:
        return BoardAccess(self.board, None, self.participant, None)

    def client(self) -> Client:
        client = Client()
        client.cookies[guest_cookie_name(self.board)] = self.cookies[
            guest_cookie_name(self.board)
        ]
        return client


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


@pytest.fixture(autouse=True)
def close_consumer_connections():
    """Close the database connection of the thread consumers run their queries in.

    With ``conn_max_age`` on PostgreSQL it would stay open and keep the test
    database from being dropped at the end of the run.
    """
    yield
    from asgiref.sync import SyncToAsync
    from django.db import connections

    SyncToAsync.single_thread_executor.submit(connections.close_all).result()


@pytest.fixture
def board(project, organiser, iteration):
    return make_board(project, organiser)


@pytest.fixture
def draft(project, organiser, iteration):
    return make_board(project, organiser, state=Board.State.DRAFT)


@pytest.fixture
def other_board(project, organiser, iteration):
    return make_board(project, organiser, prompt="Another question")


@pytest.fixture
def guest(board):
    return Guest(board)


@pytest.fixture
def second_guest(board):
    return Guest(board, name="", role=StakeholderRole.CLINICIAN)


@pytest.fixture
def column(board):
    return board.columns.first()


async def connect(code, cookie=None, language=None):
    """A connected communicator (the caller must disconnect it)."""
    headers = list(ORIGIN)
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    if language:
        headers.append((b"accept-language", language.encode()))
    from codesign.asgi import application

    communicator = WebsocketCommunicator(
        application, f"/ws/boards/{code}/", headers=headers
    )
    connected, _subprotocol = await communicator.connect()
    assert connected
    return communicator


async def receive(communicator, timeout=5):
    """The next frame that is not a presence frame, as JSON (or the close message)."""
    while True:
        output = await communicator.receive_output(timeout)
        if output["type"] == "websocket.close":
            return output
        message = json.loads(output["text"])
        if message["type"] != "presence":
            return message


async def receive_events(communicator, count, timeout=3):
    """The next ``count`` events, unpacking batched frames."""
    events = []
    while len(events) < count:
        message = await receive(communicator, timeout)
        if message["type"] == "events":
            events.extend(message["items"])
        else:
            assert message["type"] == "event", message
            events.append(message)
    return events


async def receive_until(communicator, kind, timeout=3):
    """Frames up to and including the first of type ``kind``."""
    frames = []
    while True:
        frames.append(await receive(communicator, timeout))
        if frames[-1]["type"] == kind:
            return frames


async def send(communicator, message):
    await communicator.send_to(text_data=json.dumps(message))
