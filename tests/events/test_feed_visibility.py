"""A personal feed lists only sessions the person may still see (issue 13)."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from codesign import actions as core_actions
from codesign.models import Membership
from events import actions

from .conftest import make_registration, make_session, make_workshop

pytestmark = pytest.mark.django_db

ONLINE = "https://meet.example.org/secret-room"


def feed_summaries(client, user) -> list[str]:
    token = actions.feed_for(user).token
    response = client.get(reverse("events:personal_feed", args=[token]))
    calendar = Calendar.from_ical(response.content)
    return sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


@pytest.fixture
def facilitated(project, facilitator):
    workshop = make_workshop(project, title="Kit try-out", online_link=ONLINE)
    session = make_session(workshop)
    session.facilitators.add(facilitator)
    return workshop


def test_facilitator_sees_the_sessions_they_run(client, facilitator, facilitated):
    assert feed_summaries(client, facilitator) == ["Kit try-out"]


def test_removed_member_no_longer_sees_the_projects_sessions(
    client, organiser, facilitator, facilitated, project
):
    membership = Membership.objects.get(project=project, user=facilitator)
    token = actions.feed_for(facilitator).token

    core_actions.remove_member(organiser, membership)

    response = client.get(reverse("events:personal_feed", args=[token]))
    assert feed_summaries(client, facilitator) == []
    assert ONLINE.encode() not in response.content


def test_member_moved_to_the_team_no_longer_facilitates_in_the_feed(
    client, organiser, facilitator, facilitated, project
):
    membership = Membership.objects.get(project=project, user=facilitator)

    core_actions.change_member_role(organiser, membership, role=Membership.Role.TEAM)

    assert feed_summaries(client, facilitator) == []


def test_removed_member_keeps_a_workshop_they_registered_for(
    client, organiser, facilitator, facilitated, project
):
    make_registration(facilitated, 1, user=facilitator, email=facilitator.email)
    membership = Membership.objects.get(project=project, user=facilitator)

    core_actions.remove_member(organiser, membership)

    assert feed_summaries(client, facilitator) == ["Kit try-out"]
