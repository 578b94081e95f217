"""The public "you said, we did" link can be replaced by a new one (issue 13)."""

import pytest
from django.test import Client
from django.urls import reverse

from codesign.log.models import PublicSummary

pytestmark = pytest.mark.django_db


def public(token: str) -> int:
    return Client().get(reverse("codesign:you_said_public", args=[token])).status_code


def rotate(client, project):
    return client.post(reverse("codesign:you_said_link_rotate", args=[project.pk]))


@pytest.fixture
def summary(project):
    return PublicSummary.objects.create(project=project, enabled=True)


def test_organiser_gets_a_new_link_and_the_old_one_is_not_found(
    client, organiser, project, summary
):
    old = summary.token
    client.force_login(organiser)

    response = rotate(client, project)

    summary.refresh_from_db()
    assert response.status_code == 302
    assert summary.token != old
    assert len(summary.token) >= 30
    assert summary.enabled is True
    assert public(old) == 404
    assert public(summary.token) == 200


def test_the_page_offers_the_button_to_organisers(client, organiser, project, summary):
    client.force_login(organiser)

    response = client.get(reverse("codesign:you_said", args=[project.pk]))

    assert "New public link" in response.content.decode()
    assert reverse("codesign:you_said_link_rotate", args=[project.pk]) in (
        response.content.decode()
    )


@pytest.mark.parametrize("who", ["team_member", "facilitator", "outsider"])
def test_others_cannot_rotate_the_link(client, project, summary, who, request):
    old = summary.token
    client.force_login(request.getfixturevalue(who))

    response = rotate(client, project)

    summary.refresh_from_db()
    assert response.status_code == (404 if who == "outsider" else 403)
    assert summary.token == old


def test_rotating_needs_a_post(client, organiser, project, summary):
    client.force_login(organiser)

    response = client.get(reverse("codesign:you_said_link_rotate", args=[project.pk]))

    assert response.status_code == 405
