"""A registrant's own data through their link: see, change, download, erase (issue 14)."""

import json

import pytest
from django.urls import reverse

from codesign.models import Erasure
from events.models import Registration

from .conftest import make_registration


def url(registration, name="registration"):
    return reverse(f"events:{name}", args=[registration.manage_token])


@pytest.fixture
def anna(workshop):
    return make_registration(
        workshop,
        name="Anna Jansen",
        email="anna@example.org",
        access_needs="Wheelchair access",
        companion_name="Bram",
    )


def test_page_shows_everything_stored(client, anna):
    html = client.get(url(anna)).content.decode()

    for value in ("Anna Jansen", "anna@example.org", "Wheelchair access", "Bram"):
        assert value in html


def test_download_holds_the_registration(client, anna):
    response = client.get(url(anna, "registration_data"))

    data = json.loads(response.content)["registration"]
    assert (data["name"], data["email"], data["access_needs"], data["companion"]) == (
        "Anna Jansen",
        "anna@example.org",
        "Wheelchair access",
        "Bram",
    )


def test_change_access_needs_and_companion(client, anna):
    fields = {"access_needs": "A quiet room", "companion_name": ""}

    client.post(url(anna, "registration_details"), fields)

    anna.refresh_from_db()
    assert (anna.access_needs, anna.companion_name) == ("A quiet room", "")


def test_companion_needs_a_free_place(client, workshop):
    workshop.capacity = 1
    workshop.save(update_fields=["capacity"])
    alone = make_registration(workshop, n=2)
    fields = {"access_needs": "", "companion_name": "Bram"}

    response = client.post(url(alone, "registration_details"), fields)

    assert "There is no free place for a companion." in response.content.decode()
    alone.refresh_from_db()
    assert alone.companion_name == ""


def test_cancel_and_erase_gives_the_place_to_who_waits(client, workshop, anna):
    workshop.capacity = 2
    workshop.save(update_fields=["capacity"])
    waiting = make_registration(workshop, n=2, status=Registration.Status.WAITLISTED)

    client.post(url(anna, "registration_erase"))

    anna.refresh_from_db()
    waiting.refresh_from_db()
    assert anna.status == Registration.Status.CANCELLED
    assert (anna.name, anna.access_needs, anna.companion_name) == ("", "", "")
    assert anna.email == f"erased-{anna.pk}@erased.invalid"
    assert waiting.status == Registration.Status.CONFIRMED
    erasure = Erasure.objects.get()
    assert (erasure.kind, erasure.subject, erasure.project_id) == (
        "registration",
        f"registration {anna.pk}",
        workshop.project_id,
    )
    html = client.get(url(anna)).content.decode()
    assert "The personal data of this registration are erased." in html
    assert "Anna" not in html


def test_erase_asks_first(client, anna):
    html = client.get(url(anna, "registration_erase")).content.decode()

    assert "Yes, cancel and erase" in html
    assert Registration.objects.get().name == "Anna Jansen"


def test_unknown_token_is_404(client, db):
    response = client.post(reverse("events:registration_erase", args=["nope"]))

    assert response.status_code == 404


def test_download_refuses_a_wrong_method(client, anna):
    response = client.post(url(anna, "registration_data"))

    assert response.status_code == 405
