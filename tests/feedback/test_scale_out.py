"""Scale-out for real: two Daphne workers on PostgreSQL and Redis (issue 4).

Each test starts two worker processes serving ``codesign.asgi.application`` against
the test database and the Redis of ``REDIS_URL``, and drives them with the protocol
clients of ``bench.clients`` over real WebSockets. They need the services, so they
skip without ``DATABASE_URL`` (PostgreSQL) and ``REDIS_URL``; CI's second run sets
both.
"""

import asyncio

import pytest
from django.conf import settings
from django.db import connection, transaction

from bench import servers
from bench.clients import Client
from feedback.models import Board, BoardEvent, Card

from .conftest import Guest, make_board

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not (settings.DATABASE_URL.startswith("postgres") and settings.REDIS_URL),
        reason="needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL",
    ),
]


def database_url_of_tests() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.fixture
def workers(transactional_db):
    env = servers.server_env(
        DATABASE_URL=database_url_of_tests(), REDIS_URL=settings.REDIS_URL
    )
    started = [
        servers.daphne("codesign.asgi:application", env, f"worker {n}") for n in (1, 2)
    ]
    try:
        yield [server.wait_ready() for server in started]
    finally:
        for server in started:
            server.stop()


@pytest.fixture
def scale_board(project, organiser, iteration):
    return make_board(project, organiser)


def clients_on(workers, board, guests, both=False) -> list[Client]:
    """A client per guest, alternating between the workers."""
    path = f"/ws/boards/{board.join_code}/"
    urls = [f"{worker.ws_url}{path}" for worker in workers]
    made = []
    for n, guest in enumerate(guests):
        own = urls[n % 2 :] + urls[: n % 2]
        made.append(Client(own if both else own[:1], guest.cookie))
    return made


async def run_until_done(clients: list[Client], act, final) -> None:
    """Connect, resume, do ``act()``, then wait until every client has ``final()``."""
    tasks = [asyncio.create_task(client.run()) for client in clients]
    try:
        await asyncio.wait_for(asyncio.gather(*(c.synced.wait() for c in clients)), 20)
        await act()
        last = await in_thread(final)
        for client in clients:
            client.expect(last)
        await asyncio.wait_for(asyncio.gather(*(c.done.wait() for c in clients)), 30)
    finally:
        for client in clients:
            await client.stop()
        await asyncio.gather(*tasks, return_exceptions=True)


async def in_thread(function, *args):
    """Run ORM code in a worker thread and close that thread's connection after."""

    def run():
        try:
            return function(*args)
        finally:
            connection.close()

    return await asyncio.to_thread(run)


def last_seq(board) -> int:
    return Board.objects.get(pk=board.pk).last_seq


def test_every_client_on_both_workers_gets_every_event_in_order(workers, scale_board):
    guests = [Guest(scale_board, name=f"Guest {n}") for n in range(6)]
    clients = clients_on(workers, scale_board, guests)
    column = scale_board.columns.first().pk

    async def post_through_worker_one():
        sender = clients[0]
        acks = [
            sender.command("card.create", column=column, text=f"Card {n}")
            for n in range(15)
        ]
        await asyncio.wait_for(asyncio.gather(*acks), 20)

    asyncio.run(run_until_done(clients, post_through_worker_one, lambda: 15))

    for client in clients:
        assert list(client.arrivals) == list(range(1, 16))
        assert client.resumes == 0
    assert Card.objects.filter(board=scale_board).count() == 15


def test_clients_of_a_killed_worker_resume_on_the_other_and_lose_nothing(
    workers, scale_board
):
    guests = [Guest(scale_board, name=f"Guest {n}") for n in range(6)]
    clients = clients_on(workers, scale_board, guests, both=True)
    column = scale_board.columns.first().pk
    acked = []

    async def post_while_worker_one_dies():
        async def post(client, n):
            for k in range(8):
                ack = await asyncio.wait_for(
                    client.command("card.create", column=column, text=f"{n}.{k}"), 20
                )
                acked.append((f"{n}.{k}", ack["seq"]))
                await asyncio.sleep(0.05)

        senders = [asyncio.create_task(post(c, n)) for n, c in enumerate(clients)]
        await asyncio.sleep(0.3)
        await asyncio.to_thread(workers[0].kill)
        await asyncio.gather(*senders)

    asyncio.run(
        run_until_done(
            clients, post_while_worker_one_dies, lambda: last_seq(scale_board)
        )
    )

    texts = list(Card.objects.filter(board=scale_board).values_list("text", flat=True))
    assert sorted(texts) == sorted(text for text, _seq in acked)
    assert len(acked) == 48
    final = last_seq(scale_board)
    assert final == 48
    for client in clients:
        assert set(client.arrivals) == set(range(1, final + 1))
    assert sum(client.reconnects for client in clients) >= 3


def commit_unpublished_event(board) -> None:
    """An event that is committed but never reaches the channel layer (a drop)."""
    with transaction.atomic():
        locked = Board.objects.select_for_update().get(pk=board.pk)
        locked.last_seq += 1
        locked.save(update_fields=["last_seq"])
        BoardEvent.objects.create(
            board=locked,
            seq=locked.last_seq,
            name="board.state_changed",
            data={"state": "open", "prompt": board.prompt, "votes_per_participant": 3},
        )


def test_a_dropped_event_is_noticed_by_its_seq_gap_and_recovered(workers, scale_board):
    guests = [Guest(scale_board, name=f"Guest {n}") for n in range(4)]
    clients = clients_on(workers, scale_board, guests)
    column = scale_board.columns.first().pk

    async def drop_one_then_post():
        await in_thread(commit_unpublished_event, scale_board)
        await asyncio.wait_for(
            clients[1].command("card.create", column=column, text="After the drop"), 20
        )

    asyncio.run(run_until_done(clients, drop_one_then_post, lambda: 2))

    for client in clients:
        assert set(client.arrivals) == {1, 2}
        assert client.resumes >= 1
