from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from codesign.models import Membership
from events import actions, ical
from events.models import CalendarFeed

from .conftest import make_registration, make_session, make_workshop

pytestmark = pytest.mark.django_db

TRICKY = (
    "Bring notes, ideas; questions\nand your café-ready «opinions» — 🫀 welcome " * 3
)


def events_of(response) -> dict:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def dst_workshop(project):
    workshop = make_workshop(
        project,
        title="Night shift, ethics; and care",
        description=TRICKY,
        online_link="https://meet.example.org/night?room=1,2",
        accessibility_info="Quiet room; step-free",
    )
    make_session(workshop, (2026, 10, 25, 1, 30), (2026, 10, 25, 4, 0), room="Aula")
    return workshop


def test_session_event_has_all_fields_in_utc_across_dst(
    client, organiser, dst_workshop
):
    session = dst_workshop.sessions.get()
    client.force_login(organiser)

    response = client.get(
        reverse("events:session_ics", args=[session.workshop.project_id, session.pk])
    )

    event = events_of(response)[f"session-{session.pk}@testserver"]
    assert event.decoded("dtstart") == datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    assert event.decoded("dtend") == datetime(2026, 10, 25, 3, 0, tzinfo=UTC)
    # 01:30 CEST to 04:00 CET is three and a half hours, not two and a half.
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(
        hours=3, minutes=30
    )
    assert str(event["SUMMARY"]) == "Night shift, ethics; and care"
    assert str(event["LOCATION"]) == "Aula, UMC, Learning Centre"
    assert str(event["URL"]) == dst_workshop.page_url()
    assert str(event["URL"]).startswith("http://testserver/events/w/")
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event.decoded("dtstamp").tzinfo is not None
    description = str(event["DESCRIPTION"])
    assert description.startswith(TRICKY.strip())
    assert "Online: https://meet.example.org/night?room=1,2" in description
    assert "Accessibility: Quiet room; step-free" in description
    assert (
        f'attachment; filename="session-{session.pk}.ics"'
        == response["Content-Disposition"]
    )


def test_raw_ics_escapes_and_folds_lines(dst_workshop):
    body = ical.build_calendar(dst_workshop.sessions.all(), dst_workshop.title)

    lines = body.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"SUMMARY:Night shift\\, ethics\\; and care" in body
    assert b"\\n" in body
    assert (
        body.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") or b"VERSION:2.0" in body
    )


def test_edited_session_keeps_uid_and_bumps_sequence(client, organiser, workshop):
    session = workshop.sessions.first()
    client.force_login(organiser)
    url = reverse("events:workshop_ics", args=[workshop.project_id, workshop.pk])
    before = events_of(client.get(url))[ical.session_uid(session)]

    client.post(
        reverse("events:session_edit", args=[session.workshop.project_id, session.pk]),
        {
            "starts_at": "2030-03-05T14:00",
            "ends_at": "2030-03-05T16:00",
            "room": "Room 1",
        },
    )
    after = events_of(client.get(url))[ical.session_uid(session)]

    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after.decoded("dtstart") == datetime(2030, 3, 5, 13, 0, tzinfo=UTC)
    assert after.decoded("dtstamp") >= before.decoded("dtstamp")


def test_cancelled_session_stays_in_feed(client, organiser, workshop):
    session = workshop.sessions.first()
    client.force_login(organiser)
    client.post(
        reverse("events:session_cancel", args=[session.workshop.project_id, session.pk])
    )

    events = events_of(
        client.get(reverse("events:project_ics", args=[workshop.project_id]))
    )

    assert len(events) == 2
    assert str(events[ical.session_uid(session)]["STATUS"]) == "CANCELLED"
    assert events[ical.session_uid(session)]["SEQUENCE"] == 1


def test_public_workshop_calendar_and_session_calendar(client, workshop):
    session = workshop.sessions.first()

    whole = client.get(
        reverse("events:public_workshop_ics", args=[workshop.public_token])
    )
    single = client.get(
        reverse("events:public_session_ics", args=[workshop.public_token, session.pk])
    )

    assert len(events_of(whole)) == 2
    assert list(events_of(single)) == [ical.session_uid(session)]


def test_public_calendars_are_404_for_invitation_only(client, project):
    workshop = make_workshop(project, visibility="invitation")
    make_session(workshop)

    response = client.get(
        reverse("events:public_workshop_ics", args=[workshop.public_token])
    )

    assert response.status_code == 404


def test_registration_calendar_works_from_email_link(client, project):
    workshop = make_workshop(project, visibility="invitation")
    make_session(workshop)
    registration = make_registration(workshop)

    response = client.get(
        reverse("events:registration_ics", args=[registration.manage_token])
    )

    assert len(events_of(response)) == 1


def test_etag_and_last_modified_give_304(client, workshop):
    url = reverse("events:public_workshop_ics", args=[workshop.public_token])
    first = client.get(url)

    by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert first.status_code == 200
    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    workshop.sessions.first().delete()
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 200


def test_no_feed_carries_personal_data(client, organiser, workshop):
    make_registration(
        workshop, access_needs="Secret hearing aid", email="private@example.org"
    )
    client.force_login(organiser)
    urls = [
        reverse("events:workshop_ics", args=[workshop.project_id, workshop.pk]),
        reverse("events:project_ics", args=[workshop.project_id]),
        reverse("events:public_workshop_ics", args=[workshop.public_token]),
        reverse("events:personal_feed", args=[actions.feed_for(organiser).token]),
    ]

    bodies = [client.get(url).content for url in urls]

    assert all(b"Secret hearing aid" not in body for body in bodies)
    assert all(b"@example.org" not in body for body in bodies)


def test_personal_feed_lists_own_sessions_only(
    client, participant, facilitator, project
):
    mine = make_workshop(project, title="Mine")
    make_session(mine)
    waiting = make_workshop(project, title="Waiting")
    make_session(waiting)
    facilitated = make_workshop(project, title="Facilitated")
    facilitated_session = make_session(facilitated)
    facilitated_session.facilitators.add(participant)
    Membership.objects.create(
        project=project, user=participant, role=Membership.Role.FACILITATOR
    )
    other = make_workshop(project, title="Someone else's")
    make_session(other)
    make_registration(mine, 1, user=participant)
    make_registration(waiting, 1, user=participant, status="waitlisted")
    make_registration(other, 2, user=facilitator)
    cancelled = make_workshop(project, title="Cancelled registration")
    make_session(cancelled)
    make_registration(cancelled, 1, user=participant, status="cancelled")

    response = client.get(
        reverse("events:personal_feed", args=[actions.feed_for(participant).token])
    )

    events = events_of(response)
    assert sorted(str(e["SUMMARY"]) for e in events.values()) == [
        "Facilitated",
        "Mine",
        "Waiting",
    ]
    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in events.values()}
    assert statuses["Waiting"] == "TENTATIVE"
    assert statuses["Mine"] == "CONFIRMED"


def test_wrong_or_regenerated_token_is_404(client, participant):
    old = actions.feed_for(participant).token

    client.force_login(participant)
    response = client.post(reverse("events:feed_regenerate"))
    new = CalendarFeed.objects.get(user=participant).token

    assert response.status_code == 302
    assert new != old
    assert client.get(reverse("events:personal_feed", args=[old])).status_code == 404
    assert (
        client.get(reverse("events:personal_feed", args=["wrong"])).status_code == 404
    )
    assert client.get(reverse("events:personal_feed", args=[new])).status_code == 200


def test_my_calendar_page_shows_feed_address(client, participant):
    client.force_login(participant)

    response = client.get(reverse("events:calendar"))

    assert actions.feed_for(participant).url() in response.content.decode()
    assert client.get(reverse("events:feed_regenerate")).status_code == 405


def test_my_calendar_needs_login(client):
    response = client.get(reverse("events:calendar"))

    assert response.status_code == 302


def test_feed_query_count_is_constant(
    client, participant, project, django_assert_num_queries
):
    feed = actions.feed_for(participant)
    url = reverse("events:personal_feed", args=[feed.token])
    workshop = make_workshop(project)
    make_registration(workshop, 1, user=participant)
    make_session(workshop)
    with django_assert_num_queries(4):
        client.get(url)
    for day in range(2, 30):
        make_session(workshop, (2030, 3, day, 10, 0), (2030, 3, day, 11, 0))

    with django_assert_num_queries(4):
        response = client.get(url)

    assert len(events_of(response)) == 29


def test_calendar_answers_head_and_refuses_post(client, workshop):
    url = reverse("events:public_workshop_ics", args=[workshop.public_token])

    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405
