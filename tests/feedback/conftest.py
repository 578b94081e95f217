"""Boards, guests and WebSocket helpers for the live-board tests."""

import json

import pytest
from channels.testing import WebsocketCommunicator
from django.test import Client

from codesign.models import StakeholderRole
from feedback import actions
from feedback.access import BoardAccess, guest_cookie_name, sign_guest_key
from feedback.models import Board

ORIGIN = [(b"origin", b"http://testserver"), (b"host", b"testserver")]


def make_board(
    project, user, state=Board.State.OPEN, prompt="What matters to you at home?"
):
    return actions.create_board(
        user,
        project,
        prompt=prompt,
        columns=actions.template_columns("retro"),
        votes_per_participant=3,
        iteration=project.current_iteration(),
        state=state,
    )


class Guest:
    """A guest participant and the cookie header that proves who they are."""

    def __init__(self, board, name="Anna", role=StakeholderRole.PATIENT):
        self.participant, key = actions.join_board(
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
