"""Event actions check the actor's rights themselves, whoever calls them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from codesign.models import Iteration, Project, Stage
from events import actions, registering
from events.models import CalendarFeed, Invitation, Registration, Session, Workshop

from .conftest import amsterdam, make_registration, make_session, make_workshop

pytestmark = pytest.mark.django_db

WORKSHOP = {"title": "Kick-off", "place": "UMC Learning Centre", "capacity": 12}
SESSION = {
    "title": "Day 1",
    "starts_at": amsterdam(2030, 4, 1, 10, 0),
    "ends_at": amsterdam(2030, 4, 1, 12, 0),
    "room": "Room 3",
}


def test_create_workshop_by_organiser_saves_the_data(organiser, project):
    workshop = actions.create_workshop(organiser, project, WORKSHOP)

    saved = Workshop.objects.get()
    assert saved == workshop
    assert (saved.title, saved.place, saved.capacity) == (
        "Kick-off",
        "UMC Learning Centre",
        12,
    )
    assert saved.created_by == organiser


def test_create_workshop_by_team_member_is_refused(team_member, project):
    with pytest.raises(PermissionDenied):
        actions.create_workshop(team_member, project, WORKSHOP)

    assert not Workshop.objects.exists()


def test_create_workshop_by_outsider_is_refused(outsider, project):
    with pytest.raises(PermissionDenied):
        actions.create_workshop(outsider, project, WORKSHOP)

    assert not Workshop.objects.exists()


def test_create_workshop_refuses_an_iteration_of_another_project(organiser, project):
    other = Project.objects.create(title="Other", created_by=organiser)
    foreign = Iteration.objects.create(project=other, number=1, stage=Stage.BENCH)

    with pytest.raises(ValidationError) as refused:
        actions.create_workshop(organiser, project, {**WORKSHOP, "iteration": foreign})

    assert refused.value.message_dict == {
        "iteration": ["Choose an iteration of this project."]
    }
    assert not Workshop.objects.exists()


def test_update_workshop_by_facilitator_is_refused(facilitator, workshop):
    with pytest.raises(PermissionDenied):
        actions.update_workshop(facilitator, workshop, {"title": "Taken over"})

    workshop.refresh_from_db()
    assert workshop.title == "Living with the kit"


def test_update_workshop_bumps_sequence_only_for_calendar_fields(organiser, workshop):
    actions.update_workshop(organiser, workshop, {"compensation_info": "Voucher"})
    unchanged = list(workshop.sessions.values_list("sequence", flat=True))

    actions.update_workshop(organiser, workshop, {"place": "Room 12"})

    workshop.refresh_from_db()
    assert unchanged == [0, 0]
    assert list(workshop.sessions.values_list("sequence", flat=True)) == [1, 1]
    assert (workshop.compensation_info, workshop.place) == ("Voucher", "Room 12")


def test_save_session_by_outsider_changes_nothing(outsider, workshop):
    session = workshop.sessions.first()

    with pytest.raises(PermissionDenied):
        actions.save_session(outsider, workshop, SESSION)
    with pytest.raises(PermissionDenied):
        actions.save_session(outsider, workshop, SESSION, session=session)

    assert workshop.sessions.count() == 2
    session.refresh_from_db()
    assert (session.room, session.sequence) == ("Room 1", 0)


def test_save_session_refuses_a_session_of_another_workshop(organiser, project):
    mine, theirs = make_workshop(project), make_workshop(project, title="Other")
    session = make_session(theirs, room="Room 9")

    with pytest.raises(PermissionDenied):
        actions.save_session(organiser, mine, SESSION, session=session)

    session.refresh_from_db()
    assert (session.workshop, session.room) == (theirs, "Room 9")


def test_save_session_refuses_a_facilitator_outside_the_project(
    organiser, outsider, workshop
):
    with pytest.raises(ValidationError) as refused:
        actions.save_session(
            organiser, workshop, {**SESSION, "facilitators": [outsider]}
        )

    assert refused.value.message_dict == {
        "facilitators": [
            "Only organisers and facilitators of the project can run a session."
        ]
    }
    assert workshop.sessions.count() == 2


def test_save_session_edit_by_organiser_bumps_sequence(
    organiser, facilitator, workshop
):
    session = workshop.sessions.first()

    saved = actions.save_session(
        organiser,
        workshop,
        {**SESSION, "facilitators": [facilitator]},
        session=session,
    )

    session.refresh_from_db()
    assert saved == session
    assert (session.room, session.sequence) == ("Room 3", 1)
    assert list(session.facilitators.all()) == [facilitator]


def test_cancel_workshop_by_participant_is_refused(participant, workshop, mailoutbox):
    make_registration(workshop, user=participant, email=participant.email)

    with pytest.raises(PermissionDenied):
        actions.cancel_workshop(participant, workshop)

    workshop.refresh_from_db()
    assert workshop.status == Workshop.Status.SCHEDULED
    assert set(workshop.sessions.values_list("status", flat=True)) == {
        Session.Status.SCHEDULED
    }
    assert mailoutbox == []


def test_cancel_session_by_team_member_is_refused(team_member, workshop):
    session = workshop.sessions.first()

    with pytest.raises(PermissionDenied):
        actions.cancel_session(team_member, session)

    session.refresh_from_db()
    assert (session.status, session.sequence) == (Session.Status.SCHEDULED, 0)


def test_invite_people_by_facilitator_is_refused(facilitator, workshop, mailoutbox):
    with pytest.raises(PermissionDenied):
        actions.invite_people(facilitator, workshop, [("a@example.org", "patient")])

    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_register_refuses_an_invitation_to_another_workshop(project, workshop):
    other = make_workshop(project, title="Other")
    invitation = other.invitations.create(email="anna@example.org")
    data = {"name": "Anna", "role": "patient"}

    with pytest.raises(PermissionDenied):
        registering.register(AnonymousUser(), workshop, data, invitation=invitation)

    assert not Registration.objects.exists()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.INVITED


def test_cancel_registration_needs_its_token(workshop):
    registration = make_registration(workshop)

    with pytest.raises(PermissionDenied):
        registering.cancel_registration("not-a-token")
    registering.cancel_registration(registration.manage_token)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_decline_invitation_needs_its_token(workshop):
    invitation = workshop.invitations.create(email="anna@example.org")

    with pytest.raises(PermissionDenied):
        actions.decline_invitation("not-a-token")
    declined = actions.decline_invitation(invitation.token)

    invitation.refresh_from_db()
    assert declined == invitation
    assert invitation.status == Invitation.Status.DECLINED


def test_feed_needs_an_account(db):
    with pytest.raises(PermissionDenied):
        actions.feed_for(AnonymousUser())
    with pytest.raises(PermissionDenied):
        actions.regenerate_feed(AnonymousUser())

    assert not CalendarFeed.objects.exists()
