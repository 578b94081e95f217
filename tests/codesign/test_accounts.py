"""Accounts through django-allauth, in the site's own look."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD

ENTRANCE_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
    "account_email_verification_sent",
    "account_inactive",
]
MANAGE_PAGES = ["account_email", "account_change_password", "account_logout"]


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_sign_up_verify_and_log_in(client, db):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = get_user_model().objects.get(email="new@example.org")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    confirm = link_in(mail.outbox[0])

    page = client.get(confirm)
    response = client.post(confirm)

    assert page.status_code == 200
    assert EmailAddress.objects.get(user=user).verified
    assert response.status_code == 302
    assert client.get(reverse("codesign:dashboard")).status_code == 200


def test_unverified_account_cannot_log_in(client, db):
    client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": "new@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get(reverse("codesign:dashboard")).status_code == 302


def test_log_in_with_email_and_log_out(client, organiser):
    response = client.post(
        reverse("account_login"), {"login": "olivia@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("codesign:dashboard")
    client.post(reverse("account_logout"))
    assert client.get(reverse("codesign:dashboard")).status_code == 302


def test_wrong_password_shows_an_error(client, organiser):
    response = client.post(
        reverse("account_login"), {"login": "olivia@example.org", "password": "wrong"}
    )

    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_password_reset_sends_a_working_link(client, organiser):
    client.post(reverse("account_reset_password"), {"email": "olivia@example.org"})
    reset = client.get(link_in(mail.outbox[0]), follow=True)

    response = client.post(
        reset.redirect_chain[-1][0],
        {"password1": "a-brand-new-secret-77", "password2": "a-brand-new-secret-77"},
    )

    assert response.status_code == 302
    organiser.refresh_from_db()
    assert organiser.check_password("a-brand-new-secret-77")


def test_change_password(client, organiser):
    client.force_login(organiser)

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "another-secret-88",
            "password2": "another-secret-88",
        },
    )

    assert response.status_code == 302
    organiser.refresh_from_db()
    assert organiser.check_password("another-secret-88")


def test_add_another_email_address(client, organiser):
    client.force_login(organiser)

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "olivia@work.example.org"}
    )

    assert response.status_code == 302
    assert EmailAddress.objects.filter(
        user=organiser, email="olivia@work.example.org"
    ).exists()
    assert mail.outbox[-1].to == ["olivia@work.example.org"]


@pytest.mark.parametrize("name", ENTRANCE_PAGES)
def test_entrance_pages_use_the_site_look(client, db, name):
    response = client.get(reverse(name))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="skip-link"' in html
    assert "css/site.css" in html
    assert 'class="language-switcher"' in html
    assert "style=" not in html


@pytest.mark.parametrize("name", MANAGE_PAGES)
def test_account_settings_pages_use_the_site_look(client, organiser, name):
    client.force_login(organiser)

    response = client.get(reverse(name))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="skip-link"' in html
    assert 'class="subnav"' in html


def test_every_form_field_has_a_label(client, db):
    response = client.get(reverse("account_signup"))

    html = response.content.decode()
    for field_id in re.findall(r'<input[^>]+id="([^"]+)"', html):
        assert f'for="{field_id}"' in html, field_id


def test_repeated_wrong_passwords_are_rate_limited(client, organiser):
    login = reverse("account_login")
    for _attempt in range(5):
        client.post(login, {"login": "olivia@example.org", "password": "wrong"})

    response = client.post(login, {"login": "olivia@example.org", "password": PASSWORD})

    assert "Too many failed login attempts." in response.content.decode()
    assert client.get(reverse("codesign:dashboard")).status_code == 302


def test_account_emails_come_from_codesign(client, db):
    client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    message = mail.outbox[0]
    assert message.subject.startswith("[Codesign] ")
    assert "Hello from Codesign!" in message.body
    assert "example.com" not in message.body


def test_sign_up_asks_for_display_name_and_role(client, db):
    client.post(
        reverse("account_signup"),
        {
            "email": "kim@example.org",
            "display_name": "Kim",
            "stakeholder_role": "family",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    user = get_user_model().objects.get(email="kim@example.org")
    assert (user.display_name, user.stakeholder_role) == ("Kim", "family")


def test_sign_up_refuses_an_unknown_role(client, db):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "kim@example.org",
            "stakeholder_role": "queen",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert "Select a valid choice." in response.content.decode()
    assert not get_user_model().objects.filter(email="kim@example.org").exists()
