from django.conf import settings
from django.urls import reverse


def test_profile_page_shows_the_fields(client, participant):
    client.force_login(participant)

    response = client.get(reverse("codesign:profile"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="display_name"' in html
    assert '<option value="patient" selected>Patient</option>' in html
    assert 'name="preferred_language"' in html


def test_profile_saves_and_switches_language_at_once(client, participant):
    client.force_login(participant)

    response = client.post(
        reverse("codesign:profile"),
        {
            "display_name": "Pat",
            "stakeholder_role": "family",
            "preferred_language": "nl",
        },
        follow=True,
    )

    participant.refresh_from_db()
    assert (participant.display_name, participant.stakeholder_role) == ("Pat", "family")
    assert participant.preferred_language == "nl"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"
    assert response.context["LANGUAGE_CODE"] == "nl"
    assert '<html lang="nl">' in response.content.decode()


def test_profile_rejects_unknown_role_and_long_name(client, participant):
    client.force_login(participant)

    response = client.post(
        reverse("codesign:profile"),
        {
            "display_name": "x" * 81,
            "stakeholder_role": "king",
            "preferred_language": "fr",
        },
    )

    form = response.context["form"]
    assert set(form.errors) == {
        "display_name",
        "stakeholder_role",
        "preferred_language",
    }
    participant.refresh_from_db()
    assert (participant.display_name, participant.stakeholder_role) == (
        "Pat Patient",
        "patient",
    )


def test_preferred_language_applies_without_a_cookie(client, participant):
    participant.preferred_language = "nl"
    participant.save()
    client.force_login(participant)

    response = client.get(reverse("codesign:dashboard"))

    assert response.context["LANGUAGE_CODE"] == "nl"


def test_language_cookie_wins_over_preference(client, participant):
    participant.preferred_language = "nl"
    participant.save()
    client.force_login(participant)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(reverse("codesign:dashboard"))

    assert response.context["LANGUAGE_CODE"] == "en"


def test_sign_up_keeps_the_browser_language(client, db):
    from codesign.models import User
    from tests.conftest import PASSWORD

    client.post(
        reverse("account_signup"),
        {"email": "anna@example.org", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="nl",
    )

    assert User.objects.get(email="anna@example.org").preferred_language == "nl"
