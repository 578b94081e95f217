"""axe-core finds no WCAG 2.2 AA problems on the pages of the co-design core."""

import pytest

from codesign.models import Membership
from tests.accessibility import axe_violations
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

PUBLIC = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]


def log_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(base + "/dashboard/")


def test_public_pages_pass_axe(asgi_live_server, page, phone):
    for path in PUBLIC:
        for browser_page in (page, phone):
            browser_page.goto(asgi_live_server + path)

            assert axe_violations(browser_page) == [], path


def test_signed_in_pages_pass_axe(asgi_live_server, page, iteration, organiser):
    project = iteration.project
    Membership.objects.filter(project=project).exclude(user=organiser).delete()
    log_in(page, asgi_live_server, organiser.email)
    paths = [
        "/dashboard/",
        "/profile/",
        "/projects/new/",
        project.get_absolute_url(),
        f"/projects/{project.pk}/members/",
        f"/projects/{project.pk}/edit/",
        iteration.get_absolute_url(),
        f"/projects/{project.pk}/iterations/1/close/",
        "/accounts/email/",
        "/accounts/password/change/",
    ]

    for path in paths:
        page.goto(asgi_live_server + path)

        assert axe_violations(page) == [], path


def test_form_errors_pass_axe(asgi_live_server, page, iteration, organiser):
    log_in(page, asgi_live_server, organiser.email)
    page.goto(
        asgi_live_server + f"/projects/{iteration.project_id}/iterations/1/close/"
    )
    page.get_by_label("Direction").select_option("back")
    page.get_by_role("button", name="Close and open the next").click()

    assert page.locator(".errorlist").count() >= 1
    assert axe_violations(page) == []


def test_signed_in_pages_fit_a_360_px_phone(
    asgi_live_server, phone, iteration, organiser
):
    project = iteration.project
    log_in(phone, asgi_live_server, organiser.email)
    paths = [
        "/dashboard/",
        "/profile/",
        project.get_absolute_url(),
        f"/projects/{project.pk}/members/",
        f"/projects/{project.pk}/iterations/1/close/",
        "/accounts/email/",
    ]

    for path in paths:
        phone.goto(asgi_live_server + path)

        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, path
