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
        "session_cancel": [session.pk],
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
    for name in MEMBER_PAGES + ORGANISER_PAGES:
        url = url_for(name, workshop)

        response = client.get(url)

        assert (response.status_code, response["Location"]) == (
            302,
            f"/accounts/login/?next={url}",
        ), name


@pytest.mark.parametrize(
    ("person", "status", "message", "workshop_status"),
    [
        ("facilitator", 403, "Not allowed", "scheduled"),
        ("team_member", 403, "Not allowed", "scheduled"),
        ("outsider", 404, "Page not found", "scheduled"),
        (
            "organiser",
            200,
            "Workshop cancelled. Everyone registered is told.",
            "cancelled",
        ),
    ],
)
def test_only_an_organiser_cancels_a_workshop(
    client, request, workshop, person, status, message, workshop_status
):
    client.force_login(request.getfixturevalue(person))

    response = client.post(url_for("workshop_cancel", workshop), follow=True)

    workshop.refresh_from_db()
    assert response.status_code == status
    assert message in response.content.decode()
    assert workshop.status == workshop_status


@pytest.mark.parametrize(
    ("person", "status", "back_to_workshop", "session_status"),
    [("facilitator", 403, False, "scheduled"), ("organiser", 302, True, "cancelled")],
)
def test_only_an_organiser_cancels_a_session(
    client, request, workshop, person, status, back_to_workshop, session_status
):
    client.force_login(request.getfixturevalue(person))
    session = workshop.sessions.first()

    response = client.post(url_for("session_cancel", workshop))

    session.refresh_from_db()
    assert response.status_code == status
    assert (response.get("Location") == workshop.get_absolute_url()) == (
        back_to_workshop
    )
    assert session.status == session_status
