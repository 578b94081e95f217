import csv
import io

import pytest
from django.urls import reverse

from .conftest import make_registration, make_workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_workshop(project):
    workshop = make_workshop(
        project, capacity=3, role_quotas={"patient": 2, "clinician": 1}
    )
    make_registration(workshop, 1, role="patient", access_needs="Hearing loop")
    make_registration(workshop, 2, role="patient", companion_name="Kees")
    make_registration(workshop, 3, role="patient", status="waitlisted")
    make_registration(workshop, 4, role="clinician", status="cancelled")
    return workshop


def test_organiser_sees_registrations_access_needs_and_mix(
    client, organiser, busy_workshop
):
    client.force_login(organiser)

    response = client.get(
        reverse(
            "events:registration_list",
            args=[busy_workshop.project_id, busy_workshop.pk],
        )
    )

    body = response.content.decode()
    mix = {row.role: row for row in response.context["mix"]}
    assert response.status_code == 200
    assert "Hearing loop" in body
    assert "person3@example.org" in body
    assert (
        mix["patient"].confirmed,
        mix["patient"].waitlisted,
        mix["patient"].quota,
    ) == (2, 1, 2)
    assert mix["patient"].full is True
    assert mix["clinician"].empty is True
    assert body.count("No one yet") == 7
    assert 'class="events-bar-confirmed" x="0" y="0" width="67"' in body
    assert "style=" not in body
    assert "3 of 3 places taken" in body


def test_csv_export_includes_access_needs(client, organiser, busy_workshop):
    client.force_login(organiser)

    response = client.get(
        reverse(
            "events:registration_export_csv",
            args=[busy_workshop.project_id, busy_workshop.pk],
        )
    )

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0][:6] == [
        "Name",
        "E-mail address",
        "Stakeholder role",
        "Status",
        "Companion",
        "Access needs",
    ]
    assert rows[1][:6] == [
        "Person 1",
        "person1@example.org",
        "Patient",
        "Confirmed",
        "",
        "Hearing loop",
    ]
    assert len(rows) == 5


def test_csv_export_defuses_formulas(client, organiser, project):
    workshop = make_workshop(project)
    make_registration(workshop, 1, name="=HYPERLINK(1)")
    client.force_login(organiser)

    response = client.get(
        reverse(
            "events:registration_export_csv", args=[workshop.project_id, workshop.pk]
        )
    )

    assert "'=HYPERLINK(1)" in response.content.decode()


@pytest.mark.parametrize(
    "view", ["events:registration_list", "events:registration_export_csv"]
)
def test_only_organisers_see_registrations(
    client, facilitator, team_member, busy_workshop, view
):
    url = reverse(view, args=[busy_workshop.project_id, busy_workshop.pk])

    client.force_login(facilitator)
    as_facilitator = client.get(url).status_code
    client.force_login(team_member)
    as_team = client.get(url).status_code

    assert (as_facilitator, as_team) == (403, 403)


def test_registration_views_refuse_post(client, organiser, busy_workshop):
    client.force_login(organiser)

    assert (
        client.post(
            reverse(
                "events:registration_list",
                args=[busy_workshop.project_id, busy_workshop.pk],
            )
        ).status_code
        == 405
    )
    assert (
        client.post(
            reverse(
                "events:registration_export_csv",
                args=[busy_workshop.project_id, busy_workshop.pk],
            )
        ).status_code
        == 405
    )


@pytest.mark.parametrize("count", [1, 50])
def test_registration_list_query_count_is_constant(
    client, organiser, project, count, django_assert_num_queries
):
    workshop = make_workshop(project, capacity=100)
    for n in range(count):
        make_registration(workshop, n, role=["patient", "clinician"][n % 2])
    client.force_login(organiser)

    # Six for the page, three for who came (per registration and by role).
    with django_assert_num_queries(9):
        response = client.get(
            reverse("events:registration_list", args=[workshop.project_id, workshop.pk])
        )

    assert response.content.decode().count("@example.org") == count


@pytest.mark.parametrize("count", [1, 50])
def test_invitation_list_query_count_is_constant(
    client, organiser, project, count, django_assert_num_queries
):
    workshop = make_workshop(project)
    for n in range(count):
        workshop.invitations.create(email=f"p{n}@example.org")
    client.force_login(organiser)

    with django_assert_num_queries(6):
        client.get(
            reverse("events:invitation_list", args=[workshop.project_id, workshop.pk])
        )
