"""DESIGN §4.1 in a real browser: schedule, register without an account, see the mix."""

import re
from email import message_from_bytes
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar

from ..conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def mail_dir(settings, tmp_path):
    """E-mails as files: the live server runs in another process, so no shared outbox.

    Must be requested before ``asgi_live_server`` so the forked server inherits it.
    """
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    return tmp_path


def sent_mails(folder: Path) -> list:
    paths = sorted(folder.glob("*.log"), key=lambda path: path.stat().st_mtime_ns)
    return [message_from_bytes(path.read_bytes()) for path in paths]


def plain_text(message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode()


def watch_console(page) -> list:
    problems = []

    def note(message):
        # A missing favicon is the browser's own request, not a fault of the page.
        if message.type == "error" and "favicon" not in message.location.get("url", ""):
            problems.append(message.text)

    page.on("console", note)
    return problems


def log_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r".*/dashboard/"))


def test_schedule_register_and_see_the_mix(
    mail_dir, asgi_live_server, page, phone, project, iteration, organiser
):
    base = asgi_live_server
    problems = watch_console(page) + watch_console(phone)

    # The organiser schedules a workshop with two sessions.
    log_in(page, base, organiser.email)
    page.goto(base + project.get_absolute_url())
    page.get_by_role("link", name="Schedule a workshop").click()
    page.fill("#id_title", "Kick-off workshop")
    page.fill("#id_place", "UMC Learning Centre")
    page.fill("#id_accessibility_info", "Step-free entrance, hearing loop")
    page.fill("#id_capacity", "8")
    page.fill("#id_quota_patient", "3")
    page.get_by_role("button", name="Save workshop").click()
    for day in ("05", "12"):
        page.fill("#id_starts_at", f"2030-03-{day}T10:00")
        page.fill("#id_ends_at", f"2030-03-{day}T12:00")
        page.fill("#id_room", "Room 0.12")
        page.get_by_role("button", name="Save session").click()
        page.wait_for_url(re.compile(r".*/projects/\d+/workshops/\d+/$"))
        if day == "05":
            page.get_by_role("link", name="Add a session").click()
    assert page.locator(".events-sessions li").count() == 2
    assert page.get_by_text(
        "Tuesday 5 March 2030, 10:00–12:00 CET", exact=True
    ).is_visible()
    public_url = page.locator("a.events-link").inner_text()

    # A patient registers on a phone, without an account, with an access need.
    phone.goto(public_url)
    phone.fill("#id_name", "Anna de Vries")
    phone.fill("#id_email", "anna@example.org")
    phone.select_option("#id_role", "patient")
    phone.fill("#id_access_needs", "I use a wheelchair")
    phone.check("#id_consent")
    phone.get_by_role("button", name="Register", exact=True).click()
    assert phone.get_by_role("heading", name="Check your e-mail").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    # The confirmation link arrives by e-mail.
    [request] = sent_mails(mail_dir)
    link = re.search(r"http\S+/events/confirm/[\w-]+/", plain_text(request)).group(0)
    phone.goto(base + urlsplit(link).path)
    phone.get_by_role("button", name="Confirm my registration").click()
    assert phone.get_by_text("Anna de Vries, you are registered.").is_visible()
    ics = phone.request.get(
        base
        + phone.get_by_role("link", name="Add to calendar").first.get_attribute("href")
    )
    assert len(Calendar.from_ical(ics.body()).walk("VEVENT")) == 2
    subjects = [mail["Subject"] for mail in sent_mails(mail_dir)]
    assert "[Codesign] You are registered for Kick-off workshop" in subjects

    # The organiser sees the registration, the access need and the stakeholder mix.
    page.get_by_role("link", name="Registrations and stakeholder mix").click()
    assert page.get_by_role("cell", name="Anna de Vries").first.is_visible()
    assert page.get_by_role("cell", name="I use a wheelchair").is_visible()
    patient_row = page.locator(".events-mix tbody tr", has_text="Patient").first
    assert patient_row.locator("td").nth(0).inner_text() == "1"
    assert patient_row.locator("td").nth(3).inner_text() == "3"  # places for the role
    assert page.locator(".events-mix .events-badge-warn").count() == 7

    # And adds the sessions to a calendar, once and by private subscription.
    page.goto(base + "/events/calendar/")
    feed_url = page.locator("#feed-url").input_value()
    assert page.request.get(base + urlsplit(feed_url).path).status == 200
    assert problems == []
