"""`make run` serves the home page, sign-up, log-in and the demo project (issue 2)."""

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from codesign.demo import DEMO_PASSWORD
from tests.conftest import free_port

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCALE_OUT = {"DATABASE_URL", "REDIS_URL", "CODESIGN_ENV", "SECRET_KEY", "DEBUG"}


def wait_for(url: str, process, seconds: int = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"make run stopped with exit code {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {seconds} seconds")


@pytest.fixture
def make_run(tmp_path):
    """`make run` on a free port with its own SQLite file, as a new user starts it."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in SCALE_OUT}
    env["SQLITE_PATH"] = str(tmp_path / "run.sqlite3")
    with open(tmp_path / "make-run.log", "w") as log:
        process = subprocess.Popen(
            ["make", "run", f"PORT={port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for(url + "/", process)
            yield url, tmp_path / "make-run.log"
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)


def test_make_run_serves_the_pages_and_the_demo_project(make_run, page):
    url, log = make_run

    page.goto(url + "/")
    home_title = page.locator("h1").inner_text()
    page.goto(url + "/accounts/signup/")
    signup_has_email = page.locator("#id_email").is_visible()
    page.goto(url + "/accounts/login/")
    page.locator("#id_login").fill("organiser@example.org")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.get_by_role("link", name="Home monitoring after heart failure").click()

    assert home_title == "Join with a code"
    assert signup_has_email
    assert page.locator("h1").inner_text() == "Home monitoring after heart failure"
    cycle = page.locator(".cycle-steps").inner_text()
    assert "Started at Bench" in cycle
    assert "Forward to Bedside" in cycle
    printed = log.read_text()
    assert f"Codesign is running at {url}/" in printed
    assert "organiser@example.org" in printed
