"""The client address behind 0 or 1 proxies, and the limits that count per address."""

import pytest
from channels.testing import WebsocketCommunicator
from django.test import RequestFactory

from codesign.ratelimit import budget_holder, client_address
from feedback.access import WRONG_CODES
from tests.conftest import make_user
from tests.feedback.conftest import ORIGIN, make_board

REAL = "203.0.113.7"


def request_from(peer: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def scope_from(peer: str, *forwarded: str) -> dict:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    return {"type": "websocket", "client": [peer, 51000], "headers": headers}


# The one function -----------------------------------------------------------------


def test_without_proxies_a_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    address = client_address(request_from("198.51.100.2", "1.2.3.4"))

    assert address == "198.51.100.2"


def test_behind_one_proxy_the_right_most_entry_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    address = client_address(request_from("127.0.0.1", f"1.2.3.4, {REAL}"))

    assert address == REAL


def test_behind_two_proxies_the_second_from_the_right_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    address = client_address(request_from("127.0.0.1", f"1.2.3.4, {REAL}, 10.0.0.1"))

    assert address == REAL


def test_a_request_that_skipped_the_proxies_is_known_by_its_socket(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    address = client_address(request_from("198.51.100.2", "1.2.3.4"))

    assert address == "198.51.100.2"


def test_socket_scope_without_proxies_uses_the_client_address(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    address = client_address(scope_from("198.51.100.2", "1.2.3.4"))

    assert address == "198.51.100.2"


def test_socket_scope_behind_one_proxy_joins_repeated_headers(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    address = client_address(scope_from("127.0.0.1", "1.2.3.4", f"5.6.7.8, {REAL}"))

    assert address == REAL


def test_ipv6_addresses_share_a_budget_per_64_block():
    first = budget_holder("2001:db8:1:2::1")
    second = budget_holder("2001:db8:1:2:ffff::9")

    assert first == second == "2001:db8:1:2::/64"


# The board's wrong-code limit --------------------------------------------------------


@pytest.mark.django_db
def test_without_proxies_varying_forwarded_for_does_not_escape_the_limit(
    client, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    statuses = [
        client.get(
            f"/b/ZZZ{i:03d}/", HTTP_X_FORWARDED_FOR=f"1.2.3.{i}", REMOTE_ADDR=REAL
        ).status_code
        for i in range(WRONG_CODES.allowed + 1)
    ]

    assert statuses == [404] * WRONG_CODES.allowed + [429]
    assert WRONG_CODES.spent(REAL)


@pytest.mark.django_db
def test_behind_one_proxy_wrong_codes_count_under_the_real_address(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    statuses = [
        client.get(
            f"/b/ZZZ{i:03d}/",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{i}, {REAL}",
            REMOTE_ADDR="127.0.0.1",
        ).status_code
        for i in range(WRONG_CODES.allowed + 1)
    ]

    other = client.get("/b/ZZZ999/", HTTP_X_FORWARDED_FOR=REAL, REMOTE_ADDR="127.0.0.1")
    neighbour = client.get(
        "/b/ZZZ999/", HTTP_X_FORWARDED_FOR="198.51.100.9", REMOTE_ADDR="127.0.0.1"
    )

    assert statuses == [404] * WRONG_CODES.allowed + [429]
    assert other.status_code == 429
    assert neighbour.status_code == 404
    assert not WRONG_CODES.spent("127.0.0.1")


# allauth's log-in limit ---------------------------------------------------------------


def failed_logins(client, forwarded) -> list[str]:
    """Twelve wrong passwords for twelve addresses; the form errors of each answer."""
    errors = []
    for i in range(12):
        response = client.post(
            "/accounts/login/",
            {"login": f"person{i}@example.org", "password": "wrong-password"},
            HTTP_X_FORWARDED_FOR=forwarded(i),
            REMOTE_ADDR="127.0.0.1",
        )
        errors.append(" ".join(response.context["form"].non_field_errors()))
    return errors


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("proxies", "forwarded"),
    [(0, lambda i: f"1.2.3.{i}"), (1, lambda i: f"1.2.3.{i}, {REAL}")],
)
def test_failed_logins_are_blocked_whatever_the_forwarded_header(
    client, settings, proxies, forwarded
):
    settings.TRUSTED_PROXY_COUNT = proxies

    errors = failed_logins(client, forwarded)

    too_many = "Too many failed login attempts. Try again later."
    assert [too_many in error for error in errors] == [False] * 10 + [True] * 2


@pytest.mark.django_db
def test_behind_one_proxy_someone_elses_failures_do_not_lock_the_organiser_out(
    client, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    failed_logins(client, lambda i: f"1.2.3.{i}, {REAL}")

    response = client.post(
        "/accounts/login/",
        {"login": "organiser@example.org", "password": "wrong-password"},
        HTTP_X_FORWARDED_FOR="198.51.100.9",
        REMOTE_ADDR="127.0.0.1",
    )

    assert "Too many" not in " ".join(response.context["form"].non_field_errors())


# The admin log-in ------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_login_sends_people_to_the_rate_limited_login(client):
    response = client.get("/admin/login/?next=/admin/codesign/project/")

    assert response.status_code == 302
    assert response["Location"] == ("/accounts/login/?next=/admin/codesign/project/")


@pytest.mark.django_db
def test_admin_login_takes_no_password(client):
    admin = make_user("admin@example.org")
    admin.is_staff = admin.is_superuser = True
    admin.set_password("a-long-password-1")
    admin.save()

    response = client.post(
        "/admin/login/",
        {"username": "admin@example.org", "password": "a-long-password-1"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_signed_in_non_staff_gets_403_at_admin_login_not_a_redirect_loop(
    client, organiser
):
    client.force_login(organiser)

    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 403


# The board socket ------------------------------------------------------------------


async def open_socket(code: str, peer: str, forwarded: str) -> int:
    """The close code the socket gets for ``code`` (the caller's own address)."""
    from codesign.asgi import application

    headers = [*ORIGIN, (b"x-forwarded-for", forwarded.encode())]
    communicator = WebsocketCommunicator(
        application, f"/ws/boards/{code}/", headers=headers
    )
    communicator.scope["client"] = [peer, 50000]
    await communicator.connect()
    closing = await communicator.receive_output()
    await communicator.disconnect()
    return closing.get("code")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("proxies", "peer", "forwarded"),
    [
        (0, REAL, lambda i: f"1.2.3.{i}"),
        (1, "127.0.0.1", lambda i: f"1.2.{i}.3, {REAL}"),
    ],
)
async def test_socket_counts_wrong_codes_and_closes_4429_over_budget(
    settings, project, organiser, iteration, proxies, peer, forwarded
):
    settings.TRUSTED_PROXY_COUNT = proxies
    from channels.db import database_sync_to_async

    board = await database_sync_to_async(make_board)(project, organiser)
    codes = [
        await open_socket(f"ZZZ{i:03d}", peer, forwarded(i))
        for i in range(WRONG_CODES.allowed)
    ]

    wrong = await open_socket("ZZZ999", peer, forwarded(99))
    right_but_not_joined = await open_socket(board.join_code, peer, forwarded(98))

    assert codes == [4404] * WRONG_CODES.allowed
    assert wrong == 4429
    assert right_but_not_joined == 4429
