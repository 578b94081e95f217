"""Who may open which workshop page: the whole matrix of project roles."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

MEMBER_PAGES = [
    "workshop",
    "workshop_ics",
    "session_ics",
    "workshop_list",
    "project_ics",
]
ORGANISER_PAGES = [
    "workshop_edit",
    "workshop_cancel",
    "session_create",
    "session_edit",
    "registration_list",
    "registration_export_csv",
    "invitation_list",
    "workshop_create",
]


def url_for(name, workshop):
    session = workshop.sessions.first()
    args = {
        "workshop_list": [],
        "workshop_create": [],
        "project_ics": [],
        "session_ics": [session.pk],
        "session_edit": [session.pk],
    }.get(name, [workshop.pk])
    return reverse(f"events:{name}", args=[workshop.project_id, *args])


@pytest.mark.parametrize(
    ("person", "member_status", "organiser_status"),
    [
        ("organiser", 200, 200),
        ("facilitator", 200, 403),
        ("team_member", 200, 403),
        ("participant", 404, 404),
        ("outsider", 404, 404),
    ],
)
def test_role_matrix(
    client, request, workshop, person, member_status, organiser_status
):
    client.force_login(request.getfixturevalue(person))

    members = {
        name: client.get(url_for(name, workshop)).status_code for name in MEMBER_PAGES
    }
    organisers = {
        name: client.get(url_for(name, workshop)).status_code
        for name in ORGANISER_PAGES
    }

    assert members == dict.fromkeys(MEMBER_PAGES, member_status)
    assert organisers == dict.fromkeys(ORGANISER_PAGES, organiser_status)


def test_anonymous_visitors_are_sent_to_log_in(client, workshop):
    statuses = {
        client.get(url_for(name, workshop)).status_code
        for name in MEMBER_PAGES + ORGANISER_PAGES
    }

    assert statuses == {302}


def test_session_cancel_needs_an_organiser(client, facilitator, workshop):
    client.force_login(facilitator)
    session = workshop.sessions.first()

    response = client.post(
        reverse("events:session_cancel", args=[session.workshop.project_id, session.pk])
    )

    session.refresh_from_db()
    assert response.status_code == 403
    assert session.status == "scheduled"
