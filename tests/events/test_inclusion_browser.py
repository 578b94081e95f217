"""Issue 18 in a browser: the workshop pages reflow at 320 px, their scrolling tables
take keyboard focus, and the registration form names the purpose of its fields."""

import pytest
from django.urls import reverse

from events.models import Invitation, Registration, Workshop
from tests.accessibility import axe_violations
from tests.conftest import log_in_browser

from .conftest import make_registration

pytestmark = pytest.mark.browser


@pytest.fixture
def narrow(browser):
    """A page 320 px wide: the width WCAG 1.4.10 (Reflow) asks a page to fit."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    yield context.new_page()
    context.close()


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def in_language(page, base: str, language: str) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": base}]
    )


@pytest.mark.parametrize("language", ["en", "nl"])
def test_registrations_page_fits_320_px_and_its_tables_take_focus(
    asgi_live_server, narrow, organiser, workshop, language
):
    make_registration(workshop, 1, access_needs="A quiet room")
    make_registration(workshop, 2, status=Registration.Status.WAITLISTED)
    log_in_browser(narrow, asgi_live_server, organiser)
    in_language(narrow, asgi_live_server, language)
    path = reverse("events:registration_list", args=[workshop.project_id, workshop.pk])

    narrow.goto(asgi_live_server + path)

    assert page_width(narrow) == 320
    regions = narrow.locator(".table-wrap")
    assert regions.count() == 3
    for index in range(3):
        assert regions.nth(index).get_attribute("tabindex") == "0"
        assert regions.nth(index).get_attribute("role") == "region"
    assert axe_violations(narrow) == []


def test_invitations_page_passes_axe_with_a_focusable_table(
    asgi_live_server, phone, organiser, workshop
):
    Invitation.objects.create(workshop=workshop, email="anna@example.org")
    log_in_browser(phone, asgi_live_server, organiser)
    path = reverse("events:invitation_list", args=[workshop.project_id, workshop.pk])

    phone.goto(asgi_live_server + path)

    region = phone.get_by_role("region", name="Invited people")
    assert region.get_attribute("tabindex") == "0"
    assert axe_violations(phone) == []


def test_registration_form_names_the_purpose_of_name_and_email(
    asgi_live_server, page, workshop
):
    workshop.visibility = Workshop.Visibility.PUBLIC
    workshop.save()

    page.goto(asgi_live_server + workshop.public_path())

    assert page.get_by_label("Your name").get_attribute("autocomplete") == "name"
    email = page.get_by_label("Your e-mail address")
    assert email.get_attribute("autocomplete") == "email"
    assert page.locator(".events-facts dt").first.inner_text() == (
        "Level of involvement"
    )
