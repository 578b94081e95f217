"""DESIGN §4 journey 1, first half, driven in headless Chromium against a real Daphne."""

import re
from pathlib import Path

import pytest

from codesign.models import Iteration, Project

pytestmark = pytest.mark.browser

EMAIL = "noor@example.org"
SECRET = "a-long-and-private-phrase-31"


@pytest.fixture
def mail_dir(settings, tmp_path):
    """E-mail as files, set before the live server forks so that it writes them there."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    return Path(settings.EMAIL_FILE_PATH)


def confirmation_link(mail_dir: Path) -> str:
    text = "".join(path.read_text() for path in sorted(mail_dir.glob("*")))
    return re.search(
        r"http://127\.0\.0\.1:\d+/accounts/confirm-email/[^/\s]+/", text
    ).group(0)


def watch_for_csp_errors(page) -> list[str]:
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return errors


def test_sign_up_to_going_back_to_bench(mail_dir, asgi_live_server, page):
    base = asgi_live_server
    csp_errors = watch_for_csp_errors(page)

    page.goto(base + "/accounts/signup/")
    page.locator("#id_email").fill(EMAIL)
    page.locator("#id_password1").fill(SECRET)
    page.locator("#id_password2").fill(SECRET)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(base + "/accounts/confirm-email/")

    page.goto(confirmation_link(mail_dir))
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("button", name="Log out").click()
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(SECRET)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/dashboard/")

    page.get_by_role("link", name="New project").click()
    page.get_by_label("Title").fill("Safer inhalers for children")
    page.get_by_label("Summary").fill("Inhalers that children can use on their own.")
    page.get_by_label("Involvement aim").fill("Children and parents as partners.")
    page.get_by_role("button", name="Create project").click()
    page.get_by_role("link", name="Add the first iteration").click()
    page.get_by_label("Stage").select_option("bench")
    page.get_by_label("Guiding question").fill("Which grip can a six-year-old manage?")
    page.get_by_label("Technology readiness level (TRL)").fill("2")
    page.get_by_role("button", name="Open iteration 1").click()
    page.get_by_role("link", name="Close this iteration and open the next").click()
    page.get_by_label("Stage").select_option("bench")
    page.get_by_label("Direction").select_option("back")
    page.get_by_label("Reason for going back").fill(
        "Children could not press the prototype."
    )
    page.get_by_label("Guiding question").fill("How light can the press be?")
    page.get_by_role("button", name="Close and open the next").click()
    page.wait_for_url(re.compile(r".*/iterations/2/$"))
    page.get_by_role("link", name="Safer inhalers for children").click()

    timeline = page.locator(".cycle-steps > li")
    assert timeline.count() == 2
    assert "Back to Bench" in timeline.nth(1).inner_text()
    assert "Children could not press the prototype." in timeline.nth(1).inner_text()
    project = Project.objects.get(title="Safer inhalers for children")
    assert project.memberships.get().user.email == EMAIL
    assert list(
        project.iterations.values_list("number", "stage", "direction", "status")
    ) == [
        (1, "bench", "start", "closed"),
        (2, "bench", "back", "open"),
    ]
    assert Iteration.objects.get(project=project, number=2).back_reason == (
        "Children could not press the prototype."
    )
    assert csp_errors == []


@pytest.mark.parametrize("path", ["/", "/accounts/signup/", "/accounts/login/"])
def test_pages_fit_a_360_px_phone(asgi_live_server, phone, path):
    phone.goto(asgi_live_server + path)

    width = phone.evaluate("document.documentElement.scrollWidth")
    viewport = phone.evaluate("window.innerWidth")

    assert viewport == 360
    assert width <= viewport
