"""The Dutch interface is complete: the catalogue has no gaps and every page speaks Dutch."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

CATALOGUE = (
    Path(__file__).resolve().parents[2] / "locale" / "nl" / "LC_MESSAGES" / "django.po"
)


def unquote(line: str) -> str:
    return line[line.index('"') + 1 : line.rindex('"')]


def po_entries(path: Path) -> list[dict]:
    """Entries of a .po file as dicts: msgid, msgstrs and flags; obsolete ones left out."""
    entries, entry, field = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if line.startswith("#~"):
            # Obsolete: left out, with the flags written above it.
            entry, field = None, None
            continue
        if not line:
            if entry is not None:
                entries.append(entry)
            entry, field = None, None
            continue
        if entry is None:
            entry = {"msgid": "", "msgstr": {}, "flags": set()}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            field, entry["msgid"] = "msgid", unquote(line)
        elif line.startswith("msgid_plural "):
            field = "plural"
        elif line.startswith("msgstr"):
            field = re.match(r"msgstr(?:\[(\d+)\])?", line).group(1) or "0"
            entry["msgstr"][field] = unquote(line)
        elif line.startswith('"') and field == "msgid":
            entry["msgid"] += unquote(line)
        elif line.startswith('"') and field not in (None, "plural"):
            entry["msgstr"][field] += unquote(line)
    return entries


def test_catalogue_has_entries_and_a_dutch_header():
    entries = po_entries(CATALOGUE)

    header = entries[0]
    assert header["msgid"] == ""
    assert "Language: nl" in header["msgstr"]["0"]
    assert "fuzzy" not in header["flags"]
    assert len(entries) > 100


def test_catalogue_has_no_untranslated_entries():
    entries = po_entries(CATALOGUE)[1:]

    missing = [
        e["msgid"] for e in entries if not all(e["msgstr"].values()) or not e["msgstr"]
    ]

    assert missing == []


def test_catalogue_has_no_fuzzy_entries():
    entries = po_entries(CATALOGUE)

    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]

    assert fuzzy == []


def test_compiled_catalogue_is_newer_than_the_source():
    compiled = CATALOGUE.with_suffix(".mo")

    assert compiled.exists()
    assert compiled.stat().st_mtime >= CATALOGUE.stat().st_mtime - 1


def dutch(client, url):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()


@pytest.fixture
def dutch_cookie(client, settings):
    """Signed-in people get their profile language unless they chose one this visit."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"


ANONYMOUS_PAGES = [
    ("codesign:home", "Zorginnovatie, samen ontworpen"),
    ("account_login", "Nog geen account?"),
    ("account_signup", "Maak een account"),
    ("account_reset_password", "Wachtwoord"),
    ("account_email_verification_sent", "e-mail"),
]


@pytest.mark.parametrize(("name", "text"), ANONYMOUS_PAGES)
def test_public_pages_render_in_dutch(client, db, name, text):
    html = dutch(client, reverse(name))

    assert '<html lang="nl">' in html
    assert text in html
    assert "Ga direct naar de inhoud" in html


def test_signed_in_pages_render_in_dutch(
    client, dutch_cookie, project, iteration, organiser
):
    client.force_login(organiser)
    pid = project.pk
    pages = {
        reverse("codesign:dashboard"): "Mijn projecten",
        reverse("codesign:profile"): "Ik doe mee als",
        reverse("codesign:project_create"): "Je wordt de organisator van het project.",
        reverse("codesign:project", args=[pid]): "De cyclus tot nu toe",
        reverse("codesign:member_list", args=[pid]): "Voeg een lid toe",
        reverse("codesign:project_edit", args=[pid]): "Wijzigingen opslaan",
        reverse("codesign:iteration", args=[pid, 1]): "Technologische rijpheid",
        reverse("codesign:iteration_close", args=[pid, 1]): "Reden om terug te gaan",
        reverse("account_email"): "E-mailadressen",
        reverse("account_change_password"): "Wachtwoord wijzigen",
        reverse("account_logout"): "Afmelden",
    }

    for url, text in pages.items():
        html = dutch(client, url)

        assert text in html, url
        assert "Uitloggen" in html, url


def test_first_iteration_page_renders_in_dutch(
    client, dutch_cookie, project, organiser
):
    client.force_login(organiser)

    html = dutch(client, reverse("codesign:iteration_create", args=[project.pk]))

    assert "Voeg de eerste ronde toe" in html
    assert "Aan het bed" in html


def test_form_errors_are_in_dutch(client, dutch_cookie, iteration, organiser):
    client.force_login(organiser)

    response = client.post(
        reverse("codesign:iteration_close", args=[iteration.project_id, 1]),
        {"stage": "bench", "direction": "back", "guiding_question": "Vraag"},
        HTTP_ACCEPT_LANGUAGE="nl",
    )

    assert "Schrijf op welke open vraag of twijfel de cyclus terugstuurt." in (
        response.content.decode()
    )


def test_password_errors_are_in_dutch(client, db):
    response = client.post(
        reverse("account_signup"),
        {"email": "anna@example.org", "password1": "abc", "password2": "abc"},
        HTTP_ACCEPT_LANGUAGE="nl",
    )

    html = response.content.decode()
    assert "Dit wachtwoord is te kort. Gebruik minstens 8 tekens." in html
    assert "too short" not in html


def test_email_confirmation_and_password_reset_pages_render_in_dutch(client, organiser):
    from django.core import mail

    client.cookies["django_language"] = "nl"
    client.post(reverse("account_reset_password"), {"email": "olivia@example.org"})
    reset_link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    client.post(
        reverse("account_signup"),
        {
            "email": "bram@example.org",
            "password1": "x-Long-secret-9",
            "password2": "x-Long-secret-9",
        },
    )
    confirm_link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)

    reset_page = client.get(reset_link, follow=True).content.decode()
    confirm_page = client.get(confirm_link).content.decode()

    assert "Wachtwoord wijzigen" in reset_page
    assert "Bevestig e-mailadres" in confirm_page


def test_third_party_pages_say_je_not_u(client, db):
    html = dutch(client, reverse("account_reset_password_done"))

    assert "Zie je hem niet? Kijk dan in je map met spam." in html
    assert "a.u.b." not in html


def test_password_rules_say_je_not_u(client, db):
    response = client.post(
        reverse("account_signup"),
        {"email": "anna@example.org", "password1": "12345678901", "password2": "x"},
        HTTP_ACCEPT_LANGUAGE="nl",
    )

    html = response.content.decode()
    assert "Dit wachtwoord bestaat alleen uit cijfers." in html
    assert "Uw " not in html
