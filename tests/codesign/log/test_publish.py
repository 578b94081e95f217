"""Publishing "you said, we did": drafts stay private, publishing tells the authors."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from codesign.log import actions as log_actions
from codesign.log.models import CitationNotice, Publication, PublicSummary
from codesign.log.publish import publish_update
from codesign.models import StakeholderRole
from tests.codesign.log.factories import guest_client, make_card, make_participant
from tests.conftest import PASSWORD


def url(project):
    return reverse("codesign:you_said", args=[project.pk])


def decide(actor, iteration, card, title="A night line"):
    return log_actions.record_entry(
        actor, iteration, kind="decision", title=title, cards=[card.pk]
    )


def test_unpublished_entries_are_on_no_page_and_tell_no_one(
    team_member, iteration, board, guest, django_capture_on_commit_callbacks
):
    card = make_card(board, "Who do I call at night?", participant=guest)
    with django_capture_on_commit_callbacks(execute=True):
        decide(team_member, iteration, card)
        log_actions.mark_not_taken_up(
            team_member, iteration, card=card.pk, reason="Not yet"
        )
    summary = PublicSummary.objects.create(project=iteration.project, enabled=True)
    client = guest_client(board, guest)

    said = client.get(url(iteration.project)).content.decode()
    public = Client().get(reverse("codesign:you_said_public", args=[summary.token]))
    board_page = client.get(f"/b/{board.join_code}/").content.decode()
    my_data = client.get(f"/b/{board.join_code}/me/").content.decode()

    assert "A night line" not in said
    assert "Not yet" not in said
    assert "A night line" not in public.content.decode()
    assert "The team published what became of your cards." not in board_page
    assert "The team published what became of your cards." not in my_data
    assert CitationNotice.objects.count() == 0
    assert mail.outbox == []


def test_publishing_shows_the_entries_and_tells_the_guest(
    team_member, iteration, board, guest
):
    card = make_card(board, "Who do I call at night?", participant=guest)
    decide(team_member, iteration, card)
    client = guest_client(board, guest)

    publish_update(team_member, iteration.project, message="Thanks, all of you!")
    my_data = client.get(f"/b/{board.join_code}/me/").content.decode()
    said = client.get(url(iteration.project)).content.decode()

    assert "The team published what became of your cards." in my_data
    assert "A night line" in said
    assert "Thanks, all of you!" in said
    assert "Your card “Who do I call at night?” is cited here: Decision" in said


def test_not_taken_up_author_is_told_the_reason(
    team_member, iteration, board, participant, django_capture_on_commit_callbacks
):
    author = make_participant(board, StakeholderRole.PATIENT, "Pat", user=participant)
    card = make_card(board, "A step counter", participant=author)
    log_actions.mark_not_taken_up(
        team_member, iteration, card=card.pk, reason="Out of scope for now"
    )

    with django_capture_on_commit_callbacks(execute=True):
        publish_update(team_member, iteration.project)
    client = Client()
    client.force_login(participant)
    said = client.get(url(iteration.project)).content.decode()

    notice = CitationNotice.objects.get()
    assert (notice.entry, notice.reason) == (None, "Out of scope for now")
    assert mail.outbox[0].subject == (
        "What the team did with your feedback: Home monitoring after heart failure"
    )
    assert (
        "Your card “A step counter” was not taken up. Why: Out of scope for now"
        in mail.outbox[0].body
    )
    assert (
        "Your card “A step counter” was not taken up. Why: Out of scope for now" in said
    )


def test_logged_out_account_holder_follows_the_notice_link_and_lands_on_the_page(
    team_member, iteration, board, participant, django_capture_on_commit_callbacks
):
    author = make_participant(board, StakeholderRole.PATIENT, "Pat", user=participant)
    decide(team_member, iteration, make_card(board, "Night line", participant=author))
    with django_capture_on_commit_callbacks(execute=True):
        publish_update(team_member, iteration.project)
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    client = Client()

    to_login = client.get(link)
    landed = client.post(
        to_login["Location"],
        {"login": participant.email, "password": PASSWORD},
        follow=True,
    )

    assert to_login["Location"] == (
        f"{reverse('account_login')}?next={url(iteration.project)}"
    )
    assert landed.redirect_chain[-1] == (url(iteration.project), 302)
    assert "A night line" in landed.content.decode()
    assert "Your card “Night line” is cited here: Decision" in landed.content.decode()


def test_each_author_is_told_once_across_publications(
    team_member, iteration, board, guest
):
    decide(team_member, iteration, make_card(board, "Night", participant=guest))
    publish_update(team_member, iteration.project)
    decide(team_member, iteration, make_card(board, "Day", participant=guest), "Days")

    publish_update(team_member, iteration.project)

    assert [n.entry.title for n in CitationNotice.objects.order_by("id")] == [
        "A night line",
        "Days",
    ]


def test_a_correction_reaches_the_page_when_published(
    team_member, iteration, board, guest
):
    entry = decide(team_member, iteration, make_card(board, "Night", participant=guest))
    publish_update(team_member, iteration.project)
    log_actions.record_entry(
        team_member,
        iteration,
        kind="decision",
        title="A 24/7 line",
        supersedes=entry.pk,
    )
    client = guest_client(board, guest)

    before = client.get(url(iteration.project)).content.decode()
    publish_update(team_member, iteration.project)
    after = client.get(url(iteration.project)).content.decode()

    assert ("A night line" in before, "A 24/7 line" in before) == (True, False)
    assert ("A night line" in after, "A 24/7 line" in after) == (False, True)


def test_team_publishes_through_the_page(client, team_member, iteration, board, guest):
    decide(team_member, iteration, make_card(board, "Night", participant=guest))
    client.force_login(team_member)
    page = client.get(url(iteration.project)).content.decode()

    response = client.post(
        reverse("codesign:you_said_publish", args=[iteration.project_id]),
        {"message": "Our first update"},
    )

    assert "1 entry or mark was saved since the last update." in page
    assert response["Location"] == url(iteration.project)
    assert Publication.objects.get().message == "Our first update"
    assert Publication.objects.get().published_by == team_member


def test_publishing_is_refused_to_facilitators_outsiders_and_wrong_methods(
    client, project, facilitator, outsider
):
    publish = reverse("codesign:you_said_publish", args=[project.pk])

    client.force_login(facilitator)
    refused = client.post(publish).status_code
    client.force_login(outsider)
    hidden = client.post(publish).status_code
    wrong = client.get(publish).status_code

    assert (refused, hidden, wrong) == (403, 404, 405)
    assert Publication.objects.count() == 0
