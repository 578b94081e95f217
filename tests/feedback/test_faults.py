"""Faults injected into running workers (issue 12, item 6): the board recovers alone.

A storm of cards is posted through real Daphne workers while something fails: Redis
is restarted (a private ``redis-server`` on a free port), the workers' PostgreSQL
connections are terminated, or another connection holds SQLite's write lock for two
seconds. Afterwards every acknowledged card is on the board once, the board's ``seq``
has no gap, and every client has every event.

The clients behave as ``static/js/board-live.js`` does: they resume on a gap or a
heartbeat ahead of them and, after a reconnect, send unacknowledged commands again
with the same ``request_id``. A command answered with an ``error`` (a server error
while the database was away) is sent again, with its ``request_id``, half a second
later; the page instead shows the error and lets the person post again.
"""

import asyncio
import sqlite3
import subprocess
import time

import pytest
from django.conf import settings
from django.db import connection

from bench import servers
from bench.clients import Client
from feedback.models import BoardEvent, Card

from .conftest import Guest
from .test_scale_out import database_url_of_tests, last_seq, run_until_done

pytestmark = pytest.mark.django_db(transaction=True)

needs_services = pytest.mark.skipif(
    not (settings.DATABASE_URL.startswith("postgres") and settings.REDIS_URL),
    reason="needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL",
)
HEARTBEAT = "1"  # seconds: clients notice a missed event within a second


class RetryingClient(Client):
    """A ``bench.clients.Client`` that sends a command again after an error."""

    def on_reply(self, message: dict, now: float) -> None:
        entry = self.pending.get(message.get("request_id"))
        if message.get("type") == "error" and entry is not None:
            self.errors[message["code"]] = self.errors.get(message["code"], 0) + 1
            asyncio.get_running_loop().call_later(0.5, self.send_soon, entry[0])
            return
        super().on_reply(message, now)


class RedisServer:
    """A private Redis without persistence, so a restart loses every subscription."""

    def __init__(self):
        self.port = servers.free_port()
        self.process = None
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        servers.Server.wait_ready(self, timeout=10)

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.kill()

    # What ``Server.wait_ready`` reads.
    name = "redis-server"

    def errors(self) -> str:
        return ""


@pytest.fixture
def redis_server():
    server = RedisServer()
    try:
        yield server
    finally:
        server.stop()


def start_workers(env: dict, count: int) -> list[servers.Server]:
    started = [
        servers.daphne("codesign.asgi:application", env, f"worker {n}")
        for n in range(1, count + 1)
    ]
    try:
        return [server.wait_ready() for server in started]
    except BaseException:
        for server in started:
            server.stop()
        raise


def retrying_clients(workers, board, count: int) -> list[RetryingClient]:
    """A client per guest; each starts on a different worker and moves on if it dies."""
    path = f"/ws/boards/{board.join_code}/"
    urls = [f"{worker.ws_url}{path}" for worker in workers]
    return [
        RetryingClient(urls[n % len(urls) :] + urls[: n % len(urls)], guest.cookie)
        for n, guest in enumerate(Guest(board, name=f"Guest {n}") for n in range(count))
    ]


def storm(clients, column: int, fault, per_client: int = 8) -> list[tuple]:
    """Post cards from every client while ``fault()`` runs; the acks, once done."""
    acked = []

    async def post(client, n):
        for k in range(per_client):
            ack = await asyncio.wait_for(
                client.command("card.create", column=column, text=f"{n}.{k}"), 30
            )
            acked.append((ack["request_id"], f"{n}.{k}", ack["seq"]))
            await asyncio.sleep(0.05)

    async def act():
        senders = [asyncio.create_task(post(c, n)) for n, c in enumerate(clients)]
        await asyncio.sleep(0.3)
        await asyncio.to_thread(fault)
        await asyncio.gather(*senders)

    return act, acked


def services_env(redis_url: str) -> dict:
    return servers.server_env(
        DATABASE_URL=database_url_of_tests(),
        REDIS_URL=redis_url,
        BOARD_HEARTBEAT_SECONDS=HEARTBEAT,
    )


def assert_recovered(board, clients, acked, expected: int) -> None:
    seqs = list(
        BoardEvent.objects.filter(board=board)
        .order_by("seq")
        .values_list("seq", flat=True)
    )
    texts = sorted(Card.objects.filter(board=board).values_list("text", flat=True))
    assert len(acked) == expected
    assert len({request_id for request_id, _t, _s in acked}) == expected
    assert texts == sorted(text for _r, text, _s in acked)
    assert seqs == list(range(1, expected + 1))
    for client in clients:
        assert sorted(client.arrivals) == seqs


def run_storm(workers, board, fault, clients: int = 4) -> None:
    """Post 8 cards from each client during ``fault``; then check the board recovered."""
    clients = retrying_clients(workers, board, clients)
    act, acked = storm(clients, board.columns.first().pk, fault)
    asyncio.run(run_until_done(clients, act, lambda: last_seq(board)))
    assert_recovered(board, clients, acked, 8 * len(clients))


@pytest.mark.services
@needs_services
def test_the_board_recovers_when_redis_restarts_in_a_storm(redis_server, board):
    workers = start_workers(services_env(redis_server.url), 2)

    def restart_redis():
        redis_server.kill()
        time.sleep(1)
        redis_server.start()

    try:
        run_storm(workers, board, restart_redis)
    finally:
        for worker in workers:
            worker.stop()


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def terminate_connections_except(keep: int) -> None:
    """Drop the workers' connections to the test database, as a failover would."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid NOT IN (%s, pg_backend_pid())",
            [keep],
        )
    connection.close()


@pytest.mark.services
@needs_services
def test_the_board_recovers_when_database_connections_drop_in_a_storm(board):
    workers = start_workers(services_env(settings.REDIS_URL), 2)
    own = backend_pid()  # the test's own connection stays
    try:
        run_storm(workers, board, lambda: terminate_connections_except(own))
    finally:
        for worker in workers:
            worker.stop()


def hold_sqlite_write_lock(path: str, seconds: float = 2) -> None:
    lock = sqlite3.connect(path, isolation_level=None)
    try:
        lock.execute("BEGIN IMMEDIATE")
        time.sleep(seconds)
        lock.execute("COMMIT")
    finally:
        lock.close()


@pytest.mark.skipif(
    settings.DATABASE_URL != "", reason="the embedded mode's SQLite write lock"
)
def test_the_board_recovers_when_sqlite_is_locked_for_two_seconds(board):
    path = connection.settings_dict["NAME"]
    connection.close()
    env = servers.server_env(SQLITE_PATH=path, BOARD_HEARTBEAT_SECONDS=HEARTBEAT)
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    workers = start_workers(env, 1)
    try:
        run_storm(workers, board, lambda: hold_sqlite_write_lock(path), clients=3)
    finally:
        workers[0].stop()
