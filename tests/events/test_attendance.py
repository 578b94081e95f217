"""Who came: check-in per session, walk-ins, compensation, counts by role, exports."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import attendance
from events.attendance import attendance_by_role
from events.models import Attendance, Registration
from tests.conftest import logged_in

from .conftest import make_registration, make_session, make_workshop


def check_in_url(session, name="check_in", *args):
    return reverse(
        f"events:{name}", args=[session.workshop.project_id, session.pk, *args]
    )


@pytest.fixture
def session(workshop):
    return workshop.sessions.first()


def test_organiser_checks_someone_in(organiser, session):
    anna = make_registration(session.workshop, 1, name="Anna")
    client = logged_in(organiser)

    response = client.post(
        check_in_url(session, "check_in_mark", anna.pk), {"present": "1"}
    )

    assert response.status_code == 302
    [came] = Attendance.objects.all()
    assert (came.session, came.registration, came.role, came.by) == (
        session,
        anna,
        "patient",
        organiser,
    )
    page = client.get(check_in_url(session)).content.decode()
    assert "1 person here." in page


def test_checking_in_twice_keeps_one_and_undo_removes_it(facilitator, session):
    anna = make_registration(session.workshop, 1)
    client = logged_in(facilitator)
    mark = check_in_url(session, "check_in_mark", anna.pk)

    client.post(mark, {"present": "1"})
    client.post(mark, {"present": "1"})
    assert Attendance.objects.count() == 1
    client.post(mark, {"present": "0"})

    assert Attendance.objects.count() == 0


def test_a_walk_in_is_added_by_name_and_role(facilitator, session):
    client = logged_in(facilitator)

    response = client.post(
        check_in_url(session, "walk_in_add"), {"name": "Kees", "role": "family"}
    )

    assert response.status_code == 302
    walk_in = Attendance.objects.get()
    assert (walk_in.registration, walk_in.walk_in_name, walk_in.role) == (
        None,
        "Kees",
        "family",
    )
    assert "Kees" in client.get(check_in_url(session)).content.decode()


def test_a_walk_in_without_a_role_is_refused_with_the_reason(organiser, session):
    response = logged_in(organiser).post(
        check_in_url(session, "walk_in_add"), {"name": "Kees", "role": ""}
    )

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Attendance.objects.count() == 0


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("team_member", 403)])
def test_outsider_and_team_member_cannot_check_in(request, who, status, session):
    anna = make_registration(session.workshop, 1)
    client = logged_in(request.getfixturevalue(who))

    pages = [
        client.get(check_in_url(session)),
        client.post(check_in_url(session, "check_in_mark", anna.pk), {"present": "1"}),
        client.post(
            check_in_url(session, "walk_in_add"), {"name": "Kees", "role": "family"}
        ),
        client.get(check_in_url(session, "check_in_csv")),
    ]

    assert [page.status_code for page in pages] == [status] * 4
    assert Attendance.objects.count() == 0


def test_the_action_refuses_a_team_member_itself(team_member, session):
    anna = make_registration(session.workshop, 1)

    with pytest.raises(PermissionDenied):
        attendance.mark_attendance(team_member, session, anna, True)

    assert Attendance.objects.count() == 0


def test_a_walk_in_cannot_be_removed_through_another_session(organiser, workshop):
    first, second = workshop.sessions.all()
    walk_in = attendance.add_walk_in(
        organiser, first, {"name": "Kees", "role": "family"}
    )

    response = logged_in(organiser).post(
        check_in_url(second, "walk_in_remove", walk_in.pk)
    )

    assert response.status_code == 404
    assert Attendance.objects.get().walk_in_name == "Kees"


def test_attendance_by_role_counts_people_not_visits(organiser, project, workshop):
    first, second = workshop.sessions.all()
    anna = make_registration(workshop, 1, role="patient")
    bert = make_registration(workshop, 2, role="clinician")
    make_registration(workshop, 3, role="patient")  # registered, did not come
    for session in (first, second):
        attendance.mark_attendance(organiser, session, anna, True)
    attendance.mark_attendance(organiser, first, bert, True)
    attendance.add_walk_in(organiser, second, {"name": "Kees", "role": "patient"})

    counts = attendance_by_role(project)

    assert counts == [("patient", 2), ("clinician", 1)]


def test_attendance_by_role_of_one_iteration(organiser, project, iteration, workshop):
    other = make_workshop(project, iteration=iteration)
    session = make_session(other)
    attendance.add_walk_in(organiser, session, {"name": "Kees", "role": "researcher"})
    attendance.add_walk_in(
        organiser, workshop.sessions.first(), {"name": "Ida", "role": "patient"}
    )

    assert attendance_by_role(project, iteration) == [("researcher", 1)]


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_registrations_csv_has_sessions_attended_and_compensation(organiser, workshop):
    first, second = workshop.sessions.all()
    anna = make_registration(
        workshop, 1, compensation_status="paid", compensation="€ 50"
    )
    make_registration(workshop, 2)
    attendance.mark_attendance(organiser, first, anna, True)
    attendance.mark_attendance(organiser, second, anna, True)

    response = logged_in(organiser).get(
        reverse(
            "events:registration_export_csv", args=[workshop.project_id, workshop.pk]
        )
    )

    header, *rows = rows_of(response)
    assert header[-3:] == ["Sessions attended", "Compensation", "Amount or kind"]
    assert [row[-3:] for row in rows] == [
        ["2", "Paid", "€ 50"],
        ["0", "Not offered", ""],
    ]


def test_check_in_csv_lists_registrants_and_walk_ins(organiser, session):
    anna = make_registration(session.workshop, 1, name="Anna")
    make_registration(session.workshop, 2, name="Bert", role="clinician")
    attendance.mark_attendance(organiser, session, anna, True)
    attendance.add_walk_in(organiser, session, {"name": "Kees", "role": "family"})

    response = logged_in(organiser).get(check_in_url(session, "check_in_csv"))

    rows = [[row[0], row[1], row[2], bool(row[3])] for row in rows_of(response)[1:]]
    assert rows == [
        ["Anna", "Patient", "no", True],
        ["Bert", "Clinician", "no", False],
        ["Kees", "Family member or carer", "yes", True],
    ]


@pytest.mark.parametrize("count", [1, 20])
def test_check_in_list_query_count_is_constant(organiser, project, count):
    workshop = make_workshop(project, capacity=100)
    session = make_session(workshop)
    for n in range(count):
        registration = make_registration(workshop, n)
        attendance.mark_attendance(organiser, session, registration, n % 2 == 0)
        attendance.add_walk_in(organiser, session, {"name": f"W{n}", "role": "other"})
    client = logged_in(organiser)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(check_in_url(session))

    assert response.content.decode().count("check-in-person") == 2 * count + 2
    assert len(queries) == 7


def test_organiser_sets_compensation_on_the_registrations_page(organiser, workshop):
    anna = make_registration(workshop, 1)
    client = logged_in(organiser)
    url = reverse(
        "events:registration_compensation",
        args=[workshop.project_id, workshop.pk, anna.pk],
    )

    client.post(url, {"compensation_status": "offered", "compensation": "Voucher €25"})

    anna.refresh_from_db()
    assert (anna.compensation_status, anna.compensation) == ("offered", "Voucher €25")
    page = client.get(
        reverse("events:registration_list", args=[workshop.project_id, workshop.pk])
    ).content.decode()
    assert 'value="Voucher €25"' in page
    assert '<option value="offered" selected>Offered</option>' in page


def test_facilitator_cannot_set_compensation(facilitator, workshop):
    anna = make_registration(workshop, 1)
    url = reverse(
        "events:registration_compensation",
        args=[workshop.project_id, workshop.pk, anna.pk],
    )

    response = logged_in(facilitator).post(
        url, {"compensation_status": "paid", "compensation": "€ 50"}
    )

    assert response.status_code == 403
    anna.refresh_from_db()
    assert (anna.compensation_status, anna.compensation) == ("", "")


def test_stakeholder_mix_shows_who_came(organiser, workshop):
    session = workshop.sessions.first()
    anna = make_registration(workshop, 1)
    make_registration(workshop, 2)
    attendance.mark_attendance(organiser, session, anna, True)
    attendance.add_walk_in(organiser, session, {"name": "Kees", "role": "family"})

    response = logged_in(organiser).get(
        reverse("events:registration_list", args=[workshop.project_id, workshop.pk])
    )

    mix = {row.role: (row.confirmed, row.attended) for row in response.context["mix"]}
    assert (mix["patient"], mix["family"]) == ((2, 1), (0, 1))


def test_a_cancelled_registration_cannot_be_checked_in(organiser, session):
    gone = make_registration(session.workshop, 1, status=Registration.Status.CANCELLED)

    response = logged_in(organiser).post(
        check_in_url(session, "check_in_mark", gone.pk), {"present": "1"}, follow=True
    )

    assert "This registration is cancelled." in response.content.decode()
    assert Attendance.objects.count() == 0


def test_project_timeline_shows_who_came_by_role(organiser, project, iteration):
    workshop = make_workshop(project, iteration=iteration)
    session = make_session(workshop)
    anna = make_registration(workshop, 1)
    attendance.mark_attendance(organiser, session, anna, True)
    attendance.add_walk_in(organiser, session, {"name": "Kees", "role": "family"})

    html = logged_in(organiser).get(project.get_absolute_url()).content.decode()

    assert "Came to sessions:</span> Patient 1, Family member or carer 1" in html
