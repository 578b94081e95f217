"""The check-in list on a 360 px phone: tap who came, add a walk-in, print on paper."""

import pytest
from django.urls import reverse

from events.models import Attendance
from tests.accessibility import axe_violations
from tests.conftest import log_in_browser

from .conftest import make_registration

pytestmark = pytest.mark.browser


def test_organiser_checks_in_on_a_phone(asgi_live_server, phone, organiser, workshop):
    session = workshop.sessions.first()
    anna = make_registration(workshop, 1, name="Anna Jansen")
    make_registration(workshop, 2, name="Bert de Vries", role="clinician")
    log_in_browser(phone, asgi_live_server, organiser)
    path = reverse("events:check_in", args=[workshop.project_id, session.pk])

    phone.goto(asgi_live_server + path)
    phone.get_by_role("button", name="Here (Anna Jansen)").click()
    phone.get_by_label("Name").fill("Kees")
    phone.get_by_label("Takes part as").select_option("family")
    phone.get_by_role("button", name="Add walk-in").click()

    assert phone.locator(".check-in-count").inner_text() == "2 people here."
    assert phone.evaluate("document.documentElement.scrollWidth") == 360
    assert axe_violations(phone) == []
    came = Attendance.objects.order_by("pk")
    assert [(a.registration_id, a.walk_in_name) for a in came] == [
        (anna.pk, ""),
        (None, "Kees"),
    ]
    phone.emulate_media(media="print")
    assert phone.locator(".check-in-form").first.is_hidden()
    assert phone.locator(".check-in-blank").first.is_visible()
