"""An account holder's data: the download and deleting the account (issue 14, point 1)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from codesign.log import actions as log_actions
from codesign.log.models import CitationNotice, LogEntry
from codesign.log.publish import publish_update
from codesign.models import Erasure, Membership
from events.models import Registration
from feedback import actions, boards, facilitation
from feedback.access import BoardAccess
from tests.conftest import PASSWORD, logged_in, make_board
from tests.events.conftest import make_registration, make_session, make_workshop

DELETE = reverse("codesign:profile_delete")


@pytest.fixture
def history(project, iteration, organiser, facilitator):
    """The facilitator registered, posted, voted, asked for support and logged."""
    workshop = make_workshop(project)
    make_session(workshop)
    registration = make_registration(
        workshop,
        name="Frank F.",
        email=facilitator.email,
        user=facilitator,
        access_needs="Hearing loop",
        companion_name="Fiona",
    )
    board = make_board(project, organiser, iteration)
    participant, _key = boards.join_board(
        board, facilitator, display_name="Frank on the board", role="researcher"
    )
    access = BoardAccess(board, facilitator, participant, None)
    column = board.columns.first()
    card = actions.post_card(access, column.pk, "Batteries die at night")
    actions.add_vote(access, card.result["card"])
    facilitation.request_support(access, "Can someone sit with me")
    log_actions.record_entry(
        facilitator,
        iteration,
        kind="decision",
        title="Longer battery",
        cards=[card.result["card"]],
    )
    publish_update(organiser, project)
    return board, registration


def test_download_holds_every_kind_of_record(facilitator, history):
    response = logged_in(facilitator).get(reverse("codesign:profile_data"))

    data = json.loads(response.content)
    assert response["Content-Disposition"] == (
        'attachment; filename="codesign-my-data.json"'
    )
    assert data["format"] == "codesign-personal-data/1"
    assert data["profile"]["email"] == "frank@example.org"
    assert [m["role"] for m in data["memberships"]] == ["facilitator"]
    [registration] = data["registrations"]
    assert (registration["access_needs"], registration["companion"]) == (
        "Hearing loop",
        "Fiona",
    )
    [participation] = data["participations"]
    assert participation["display_name"] == "Frank on the board"
    assert [c["text"] for c in participation["cards"]] == ["Batteries die at night"]
    assert len(participation["votes"]) == 1
    assert [s["message"] for s in participation["support_requests"]] == [
        "Can someone sit with me"
    ]
    assert [e["title"] for e in data["log_entries"]] == ["Longer battery"]
    assert [n["card"] for n in data["notices"]] == ["Batteries die at night"]


def test_download_needs_an_account(client):
    response = client.get(reverse("codesign:profile_data"))

    assert response.status_code == 302


def test_delete_page_says_what_happens(facilitator):
    html = logged_in(facilitator).get(DELETE).content.decode()

    assert "shown as recorded by “former team member”" in html


def test_wrong_password_keeps_the_account(facilitator):
    response = logged_in(facilitator).post(DELETE, {"password": "wrong"})

    assert "That is not your password." in response.content.decode()
    assert get_user_model().objects.filter(pk=facilitator.pk).exists()


def test_last_organiser_cannot_delete_their_account(organiser, project):
    response = logged_in(organiser).post(DELETE, {"password": PASSWORD})

    assert (
        "You are the last organiser of “Home monitoring after heart failure”."
        in response.content.decode()
    )
    assert get_user_model().objects.filter(pk=organiser.pk).exists()


def test_organiser_can_go_once_someone_else_organises(organiser, facilitator, project):
    Membership.objects.filter(user=facilitator).update(role="organiser")

    logged_in(organiser).post(DELETE, {"password": PASSWORD})

    assert not get_user_model().objects.filter(pk=organiser.pk).exists()


def test_deleting_an_account_anonymises_and_keeps_the_log(
    facilitator, team_member, project, iteration, history
):
    board, registration = history

    response = logged_in(facilitator).post(DELETE, {"password": PASSWORD})

    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=facilitator.pk).exists()
    registration.refresh_from_db()
    assert (registration.name, registration.access_needs, registration.user) == (
        "",
        "",
        None,
    )
    participant = board.participants.get()
    assert (participant.display_name, participant.user, participant.role) == (
        "",
        None,
        "researcher",
    )
    assert list(board.cards.values_list("text", flat=True)) == [
        "Batteries die at night"
    ]
    assert board.support_requests.get().message == ""
    entry = LogEntry.objects.get()
    assert entry.author_name == "former team member"
    assert CitationNotice.objects.count() == 1
    log = logged_in(team_member).get(iteration.get_absolute_url()).content.decode()
    assert "Longer battery" in log
    assert "former team member" in log
    assert "Frank" not in json.dumps(list(board.events.values("data", "audience")))
    erasure = Erasure.objects.get()
    assert (erasure.kind, erasure.subject) == ("account", f"account {facilitator.pk}")


def test_delete_refuses_a_wrong_method(facilitator):
    response = logged_in(facilitator).put(DELETE)

    assert response.status_code == 405


def test_registration_without_account_is_untouched(facilitator, project, history):
    other = make_registration(make_workshop(project), n=2)

    logged_in(facilitator).post(DELETE, {"password": PASSWORD})

    assert Registration.objects.get(pk=other.pk).name == "Person 2"
