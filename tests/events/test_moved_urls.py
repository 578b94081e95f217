"""The organiser pages moved into the project's space; their old addresses redirect."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Old address (with P, W, S for the project, workshop and session ids) -> new URL name.
MOVED = [
    ("/events/projects/P/workshops/", "workshop_list"),
    ("/events/projects/P/workshops/new/", "workshop_create"),
    ("/events/projects/P/calendar.ics", "project_ics"),
    ("/events/workshops/W/", "workshop"),
    ("/events/workshops/W/edit/", "workshop_edit"),
    ("/events/workshops/W/cancel/", "workshop_cancel"),
    ("/events/workshops/W/calendar.ics", "workshop_ics"),
    ("/events/workshops/W/sessions/new/", "session_create"),
    ("/events/workshops/W/registrations/", "registration_list"),
    ("/events/workshops/W/registrations.csv", "registration_export_csv"),
    ("/events/workshops/W/invitations/", "invitation_list"),
    ("/events/sessions/S/edit/", "session_edit"),
    ("/events/sessions/S/cancel/", "session_cancel"),
    ("/events/sessions/S/calendar.ics", "session_ics"),
]


def ids(workshop) -> dict:
    session = workshop.sessions.first()
    return {"P": workshop.project_id, "W": workshop.pk, "S": session.pk}


def new_url(name, workshop) -> str:
    found = ids(workshop)
    if name.startswith("session_") and name != "session_create":
        return reverse(f"events:{name}", args=[found["P"], found["S"]])
    if name in {"workshop_list", "workshop_create", "project_ics"}:
        return reverse(f"events:{name}", args=[found["P"]])
    return reverse(f"events:{name}", args=[found["P"], found["W"]])


def old_url(pattern, workshop) -> str:
    for letter, value in ids(workshop).items():
        pattern = pattern.replace(f"/{letter}/", f"/{value}/")
    return pattern


@pytest.mark.parametrize(("old", "name"), MOVED)
def test_old_address_redirects_permanently_to_the_project_space(
    client, workshop, old, name
):
    response = client.get(old_url(old, workshop) + "?from=mail")

    assert response.status_code == 301
    assert response["Location"] == new_url(name, workshop) + "?from=mail"
    assert response["Location"].startswith(f"/projects/{workshop.project_id}/")


def test_old_address_of_an_unknown_workshop_is_not_found(client, workshop):
    response = client.get("/events/workshops/999999/")

    assert response.status_code == 404


TOKEN_LINKS = {
    "public_workshop": "/events/w/TOKEN/",
    "registration": "/events/r/TOKEN/",
    "registration_confirm": "/events/confirm/TOKEN/",
    "invitation": "/events/invitations/TOKEN/",
    "personal_feed": "/events/feeds/TOKEN/calendar.ics",
}


def test_links_sent_in_mails_and_calendars_keep_their_addresses():
    links = {name: reverse(f"events:{name}", args=["TOKEN"]) for name in TOKEN_LINKS}

    assert links == TOKEN_LINKS
