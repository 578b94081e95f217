"""SMTP down (issue 12, item 6): the change is saved and the person gets an answer.

The SMTP backend points at a loopback port where nothing listens, so every message
fails to send after the transaction has committed. The mail failure is logged and
counted (``codesign.mail``), never turned into a 500.
"""

import logging

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from codesign import mail
from codesign.log.models import CitationNotice, LogEntry
from codesign.models import StakeholderRole
from events.models import Registration
from tests.codesign.log.factories import make_board, make_card, make_participant
from tests.conftest import free_port

from .conftest import make_registration

# Real commits: the e-mails are sent in on_commit, as they are live.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def smtp_down():
    """Send through SMTP to a port where nothing listens; yields the failure count."""
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=free_port(),
        EMAIL_TIMEOUT=2,
    ):
        yield mail.failure_count()


def failures_logged(caplog) -> list[str]:
    return [
        r.getMessage().split(" to ")[0]
        for r in caplog.records
        if r.name == "codesign.mail" and r.levelno == logging.ERROR
    ]


def test_registration_is_saved_and_answered_when_mail_fails(
    smtp_down, workshop, caplog
):
    client = Client(raise_request_exception=False)

    response = client.post(
        reverse("events:public_workshop", args=[workshop.public_token]),
        {
            "name": "Anna de Vries",
            "email": "anna@example.org",
            "role": "patient",
            "consent": "on",
        },
    )

    assert response.status_code == 200
    assert "We sent a link to anna@example.org" in response.content.decode()
    assert Registration.objects.get().status == Registration.Status.PENDING
    assert mail.failure_count() - smtp_down == 1
    subject = "[Codesign] Please confirm your registration for Living with the kit"
    assert failures_logged(caplog) == [f"Could not send e-mail '{subject}'"]


def test_cancellation_is_saved_and_answered_when_mail_fails(
    smtp_down, workshop, caplog
):
    registration = make_registration(workshop, 1)
    client = Client(raise_request_exception=False)

    response = client.post(
        reverse("events:registration_cancel", args=[registration.manage_token])
    )

    registration.refresh_from_db()
    assert response.status_code == 302
    assert registration.status == Registration.Status.CANCELLED
    assert mail.failure_count() - smtp_down == 2
    subject = "[Codesign] Your registration for Living with the kit is cancelled"
    news = "[Codesign] News about registrations for Living with the kit"
    assert failures_logged(caplog) == [
        f"Could not send e-mail '{subject}'",
        f"Could not send e-mail '{news}'",
    ]


def test_you_said_we_did_notice_is_saved_when_mail_fails(
    smtp_down, team_member, participant, project, organiser, iteration, caplog
):
    board = make_board(project, organiser, iteration)
    author = make_participant(board, StakeholderRole.PATIENT, "Pat", user=participant)
    card = make_card(board, "Who do I call at night?", participant=author)
    client = Client(raise_request_exception=False)
    client.force_login(team_member)

    response = client.post(
        reverse("codesign:entry_create", args=[project.pk, iteration.number]),
        {"kind": "decision", "title": "A night line", "cards": [card.pk]},
    )
    published = client.post(reverse("codesign:you_said_publish", args=[project.pk]))

    notice = CitationNotice.objects.get()
    assert response.status_code == 302
    assert published.status_code == 302
    assert LogEntry.objects.get().title == "A night line"
    assert notice.participant == author
    assert notice.emailed_at is None
    assert mail.failure_count() - smtp_down == 1
    assert failures_logged(caplog) == [
        f"Could not send e-mail 'What the team did with your feedback: {project.title}'"
    ]
