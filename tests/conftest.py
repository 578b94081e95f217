"""Shared people, projects and servers for the whole suite (STYLE.md, Tests)."""

import os
import shutil
import socket
import tempfile

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from codesign.models import Iteration, Membership, Project, Stage, StakeholderRole
from feedback import boards
from feedback.models import Board

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "correct-horse-battery-42"


def pytest_collection_modifyitems(config, items):
    """Run browser tests last: Playwright's sync API leaves an event loop running in
    the main thread, and pytest-asyncio tests after it could not start their own."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def make_user(email: str, role: str = StakeholderRole.OTHER, name: str = ""):
    """A verified account that can log in with ``PASSWORD``."""
    from allauth.account.models import EmailAddress

    user = get_user_model().objects.create_user(
        username=email.split("@")[0],
        email=email,
        password=PASSWORD,
        display_name=name or email.split("@")[0].title(),
        stakeholder_role=role,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def logged_in(user) -> Client:
    """A test client with ``user`` logged in."""
    client = Client()
    client.force_login(user)
    return client


def log_in_browser(page, base_url: str, user) -> None:
    """Give a browser page the session cookie of ``user`` (no log-in form)."""
    cookie = logged_in(user).cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": base_url}])


def make_board(
    project,
    user,
    iteration=None,
    *,
    state=Board.State.OPEN,
    prompt="What matters to you at home?",
    columns=None,
    vote_any_time=True,
):
    """A board made the way a facilitator makes one; retro columns unless given.

    Votes are taken any time unless asked otherwise: most tests vote without rounds.
    """
    return boards.create_board(
        user,
        project,
        prompt=prompt,
        columns=columns or (),
        template="" if columns else "retro",
        votes_per_participant=3,
        iteration=iteration or project.current_iteration(),
        state=state,
        vote_any_time=vote_any_time,
    )


@pytest.fixture(autouse=True)
def empty_cache():
    """allauth's rate limits count in the cache: each test starts with none used."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request in Dutch leaves Dutch active in the thread; do not leak it to the next test."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash test passwords cheaply: the real hasher costs a second per test user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organiser(db):
    return make_user(
        "olivia@example.org", StakeholderRole.CLINICIAN, "Olivia Organiser"
    )


@pytest.fixture
def facilitator(db):
    return make_user(
        "frank@example.org", StakeholderRole.RESEARCHER, "Frank Facilitator"
    )


@pytest.fixture
def team_member(db):
    return make_user("tess@example.org", StakeholderRole.ENGINEER, "Tess Team")


@pytest.fixture
def participant(db):
    return make_user("pat@example.org", StakeholderRole.PATIENT, "Pat Patient")


@pytest.fixture
def outsider(db):
    return make_user("otto@example.org", StakeholderRole.OTHER, "Otto Outsider")


@pytest.fixture
def project(organiser, facilitator, team_member):
    project = Project.objects.create(
        title="Home monitoring after heart failure",
        summary="Remote monitoring at home after a hospital stay.",
        involvement_aim="Shape the monitoring kit with patients and carers.",
        created_by=organiser,
    )
    Membership.objects.create(
        project=project, user=organiser, role=Membership.Role.ORGANISER
    )
    Membership.objects.create(
        project=project, user=facilitator, role=Membership.Role.FACILITATOR
    )
    Membership.objects.create(
        project=project, user=team_member, role=Membership.Role.TEAM
    )
    return project


@pytest.fixture
def iteration(project):
    return Iteration.objects.create(
        project=project,
        number=1,
        stage=Stage.BENCH,
        guiding_question="What should the home kit measure?",
    )


# Servers and browsers -------------------------------------------------------------


@pytest.fixture(scope="session")
def django_db_modify_db_settings():
    """Keep the SQLite test database in a file so a live server process can share it."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        db.setdefault("TEST", {})["NAME"] = os.path.join(
            tempfile.gettempdir(), f"codesign-test-{os.getpid()}.sqlite3"
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def asgi_live_server(transactional_db):
    """A real Daphne serving ``codesign.asgi.application`` on a free loopback port.

    Yields the base URL (``http://127.0.0.1:PORT``). The server runs in a forked
    process that shares the test database, so data the test commits is visible.
    """
    from daphne.testing import DaphneProcess

    def application():
        from concurrent.futures import ThreadPoolExecutor

        from asgiref.sync import SyncToAsync

        from codesign.asgi import application

        # A forked child inherits asgiref's executor but not its thread: work handed to
        # it (database_sync_to_async in consumers) would wait forever. Start afresh.
        SyncToAsync.single_thread_executor = ThreadPoolExecutor(max_workers=1)
        return application

    from django.db import connections

    # The child must not inherit open database sockets: each side opens its own.
    connections.close_all()
    server = DaphneProcess("127.0.0.1", application)
    server.start()
    if not server.ready.wait(timeout=20):
        server.terminate()
        raise RuntimeError("Daphne did not start within 20 seconds")
    url = f"http://127.0.0.1:{server.port.value}"
    yield url
    server.terminate()
    server.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright; skipped locally when absent."""
    if not os.path.exists(CHROMIUM):
        if IN_CI:
            pytest.fail(f"Chromium is required in CI but {CHROMIUM} is missing")
        pytest.skip(
            f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
        )
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from
    # the test itself are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh desktop-sized browser page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    """A fresh page the size of a 360 px wide phone."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    yield page
    context.close()
