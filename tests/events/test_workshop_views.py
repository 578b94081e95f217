import pytest
from django.urls import reverse

from events.models import Registration, Session, Workshop

from .conftest import make_registration, make_session, make_workshop

pytestmark = pytest.mark.django_db

WORKSHOP_DATA = {
    "title": "Kick-off",
    "description": "Let us start.",
    "involvement_level": "advisor",
    "place": "UMC Learning Centre",
    "online_link": "https://meet.example.org/kick-off",
    "accessibility_info": "Step-free",
    "compensation_info": "Voucher",
    "capacity": "12",
    "visibility": "public",
    "quota_patient": "4",
}


def test_organiser_creates_workshop_with_quota(client, organiser, project):
    client.force_login(organiser)

    response = client.post(
        reverse("events:workshop_create", args=[project.pk]), WORKSHOP_DATA
    )

    workshop = Workshop.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "events:session_create", args=[workshop.project_id, workshop.pk]
    )
    assert workshop.role_quotas == {"patient": 4}
    assert workshop.capacity == 12
    assert workshop.created_by == organiser
    assert len(workshop.public_token) >= 32


def test_workshop_needs_place_or_online_link(client, organiser, project):
    client.force_login(organiser)
    data = {**WORKSHOP_DATA, "place": "", "online_link": ""}

    response = client.post(reverse("events:workshop_create", args=[project.pk]), data)

    assert response.status_code == 200
    assert "Give a place, an online link or both." in response.content.decode()
    assert not Workshop.objects.exists()


def test_negative_capacity_is_refused(client, organiser, project):
    client.force_login(organiser)

    response = client.post(
        reverse("events:workshop_create", args=[project.pk]),
        {**WORKSHOP_DATA, "capacity": "-1"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["capacity"] == [
        "Ensure this value is greater than or equal to 0."
    ]
    assert not Workshop.objects.exists()


def test_registration_window_must_close_after_it_opens(client, organiser, project):
    client.force_login(organiser)
    data = {
        **WORKSHOP_DATA,
        "registration_opens_at": "2030-02-01T10:00",
        "registration_closes_at": "2030-01-01T10:00",
    }

    response = client.post(reverse("events:workshop_create", args=[project.pk]), data)

    assert response.context["form"].errors["registration_closes_at"] == [
        "Registration must close after it opens."
    ]
    assert not Workshop.objects.exists()


def test_capacity_cannot_drop_below_confirmed(client, organiser, project):
    workshop = make_workshop(project, capacity=5)
    for n in range(3):
        make_registration(workshop, n)
    client.force_login(organiser)

    response = client.post(
        reverse("events:workshop_edit", args=[workshop.project_id, workshop.pk]),
        {**WORKSHOP_DATA, "capacity": "2"},
    )

    assert response.context["form"].errors["capacity"] == [
        "Capacity cannot be below the 3 places already confirmed."
    ]
    workshop.refresh_from_db()
    assert workshop.capacity == 5


def test_raising_capacity_promotes_waiting_people(
    client, organiser, project, mailoutbox
):
    workshop = make_workshop(project, capacity=1)
    make_registration(workshop, 1)
    waiting = make_registration(workshop, 2, status=Registration.Status.WAITLISTED)
    client.force_login(organiser)

    client.post(
        reverse("events:workshop_edit", args=[workshop.project_id, workshop.pk]),
        {**WORKSHOP_DATA, "capacity": "2"},
    )

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_editing_place_bumps_sequence_and_tells_registrants(
    client, organiser, workshop, django_capture_on_commit_callbacks, mailoutbox
):
    make_registration(workshop, 1)
    client.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("events:workshop_edit", args=[workshop.project_id, workshop.pk]),
            {**WORKSHOP_DATA, "title": workshop.title, "place": "Another building"},
        )

    assert list(workshop.sessions.values_list("sequence", flat=True)) == [1, 1]
    assert [m.subject for m in mailoutbox] == [f"[Codesign] Changed: {workshop.title}"]


def test_team_member_cannot_create_workshop(client, team_member, project):
    client.force_login(team_member)

    response = client.post(
        reverse("events:workshop_create", args=[project.pk]), WORKSHOP_DATA
    )

    assert response.status_code == 403
    assert not Workshop.objects.exists()


def test_outsider_gets_404_on_workshop_pages(client, outsider, workshop):
    client.force_login(outsider)
    session = workshop.sessions.first()
    urls = [
        reverse("events:workshop", args=[workshop.project_id, workshop.pk]),
        reverse("events:workshop_edit", args=[workshop.project_id, workshop.pk]),
        reverse("events:workshop_list", args=[workshop.project_id]),
        reverse("events:registration_list", args=[workshop.project_id, workshop.pk]),
        reverse(
            "events:registration_export_csv", args=[workshop.project_id, workshop.pk]
        ),
        reverse("events:invitation_list", args=[workshop.project_id, workshop.pk]),
        reverse("events:session_edit", args=[session.workshop.project_id, session.pk]),
        reverse("events:session_ics", args=[session.workshop.project_id, session.pk]),
        reverse("events:workshop_ics", args=[workshop.project_id, workshop.pk]),
        reverse("events:project_ics", args=[workshop.project_id]),
    ]

    assert [client.get(url).status_code for url in urls] == [404] * len(urls)


def test_anonymous_visitor_is_sent_to_log_in(client, workshop):
    response = client.get(
        reverse("events:workshop", args=[workshop.project_id, workshop.pk])
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_wrong_methods_get_405(client, organiser, workshop):
    client.force_login(organiser)
    session = workshop.sessions.first()

    assert (
        client.post(
            reverse("events:workshop", args=[workshop.project_id, workshop.pk])
        ).status_code
        == 405
    )
    assert (
        client.get(
            reverse(
                "events:session_cancel", args=[session.workshop.project_id, session.pk]
            )
        ).status_code
        == 405
    )
    assert (
        client.put(
            reverse("events:workshop_edit", args=[workshop.project_id, workshop.pk])
        ).status_code
        == 405
    )
    assert (
        client.post(
            reverse("events:workshop_list", args=[workshop.project_id])
        ).status_code
        == 405
    )


def test_organiser_adds_session_in_amsterdam_time(client, organiser, workshop):
    client.force_login(organiser)

    response = client.post(
        reverse("events:session_create", args=[workshop.project_id, workshop.pk]),
        {
            "starts_at": "2026-10-25T01:30",
            "ends_at": "2026-10-25T04:00",
            "room": "Aula",
        },
    )

    assert response.status_code == 302
    session = workshop.sessions.get(room="Aula")
    assert session.starts_at.isoformat() == "2026-10-24T23:30:00+00:00"
    assert session.ends_at.isoformat() == "2026-10-25T03:00:00+00:00"


def test_session_must_end_after_it_starts(client, organiser, workshop):
    client.force_login(organiser)

    response = client.post(
        reverse("events:session_create", args=[workshop.project_id, workshop.pk]),
        {"starts_at": "2030-03-05T12:00", "ends_at": "2030-03-05T11:00"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"] == [
        "The session must end after it starts."
    ]
    assert workshop.sessions.count() == 2


def test_editing_session_time_bumps_sequence(client, organiser, workshop):
    session = workshop.sessions.first()
    client.force_login(organiser)

    client.post(
        reverse("events:session_edit", args=[session.workshop.project_id, session.pk]),
        {
            "starts_at": "2030-03-05T11:00",
            "ends_at": "2030-03-05T13:00",
            "room": "Room 1",
        },
    )
    client.post(
        reverse("events:session_edit", args=[session.workshop.project_id, session.pk]),
        {
            "starts_at": "2030-03-05T11:00",
            "ends_at": "2030-03-05T13:00",
            "room": "Room 1",
        },
    )

    session.refresh_from_db()
    assert session.sequence == 1


def test_cancel_session_and_workshop(client, organiser, workshop):
    client.force_login(organiser)
    first = workshop.sessions.first()

    client.post(
        reverse("events:session_cancel", args=[first.workshop.project_id, first.pk])
    )
    response = client.post(
        reverse("events:workshop_cancel", args=[workshop.project_id, workshop.pk])
    )

    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.status == Workshop.Status.CANCELLED
    assert list(workshop.sessions.values_list("status", "sequence")) == [
        (Session.Status.CANCELLED, 2),
        (Session.Status.CANCELLED, 1),
    ]


def test_workshop_page_shows_sessions_with_zone(client, facilitator, workshop):
    client.force_login(facilitator)

    response = client.get(
        reverse("events:workshop", args=[workshop.project_id, workshop.pk])
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Tuesday 5 March 2030, 10:00–12:00 CET" in body
    assert "Room 2" in body
    assert (
        reverse("events:registration_list", args=[workshop.project_id, workshop.pk])
        not in body
    )


def test_project_page_lists_workshops(client, organiser, workshop):
    client.force_login(organiser)

    response = client.get(workshop.project.get_absolute_url())

    assert response.status_code == 200
    assert workshop.get_absolute_url() in response.content.decode()


@pytest.mark.parametrize("count", [1, 50])
def test_workshop_list_query_count_is_constant(
    client, organiser, project, count, django_assert_num_queries
):
    for n in range(count):
        workshop = make_workshop(project, title=f"Workshop {n}")
        make_session(workshop)
        make_registration(workshop, n)
    client.force_login(organiser)
    url = reverse("events:workshop_list", args=[project.pk])

    with django_assert_num_queries(6):
        response = client.get(url)

    assert response.content.decode().count("Workshop ") >= count


@pytest.mark.parametrize("count", [1, 50])
def test_workshop_page_query_count_is_constant(
    client, organiser, project, count, django_assert_num_queries
):
    workshop = make_workshop(project)
    for n in range(count):
        make_session(
            workshop, (2030, 3, 1 + n % 28, 10, n % 60), (2030, 3, 1 + n % 28, 12, 0)
        )
        make_registration(workshop, n)
    client.force_login(organiser)

    with django_assert_num_queries(9):
        response = client.get(
            reverse("events:workshop", args=[workshop.project_id, workshop.pk])
        )

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 50])
def test_project_page_query_count_is_constant(
    client, organiser, project, count, django_assert_max_num_queries
):
    for n in range(count):
        make_session(make_workshop(project, title=f"Workshop {n}"))
    client.force_login(organiser)
    client.get(project.get_absolute_url())

    with django_assert_max_num_queries(200) as captured:
        client.get(project.get_absolute_url())

    # Workshops are read once; the cycle's session counts (codesign) only join them.
    reads = [q["sql"] for q in captured.captured_queries]
    assert sum('FROM "events_workshop"' in sql for sql in reads) == 1


def test_description_edit_bumps_sequence_without_email(
    client, organiser, workshop, django_capture_on_commit_callbacks, mailoutbox
):
    make_registration(workshop, 1)
    client.force_login(organiser)
    data = {
        **WORKSHOP_DATA,
        "title": workshop.title,
        "place": workshop.place,
        "online_link": "",
        "accessibility_info": workshop.accessibility_info,
        "compensation_info": "",
        "description": "New words",
    }

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("events:workshop_edit", args=[workshop.project_id, workshop.pk]),
            data,
        )

    assert list(workshop.sessions.values_list("sequence", flat=True)) == [1, 1]
    assert mailoutbox == []


def test_ambiguous_time_at_dst_change_is_refused(client, organiser, workshop):
    client.force_login(organiser)

    response = client.post(
        reverse("events:session_create", args=[workshop.project_id, workshop.pk]),
        {"starts_at": "2026-10-25T02:30", "ends_at": "2026-10-25T04:00"},
    )

    assert response.status_code == 200
    assert "couldn’t be interpreted in time zone Europe/Amsterdam" in str(
        response.context["form"].errors["starts_at"]
    )
    assert workshop.sessions.count() == 2
