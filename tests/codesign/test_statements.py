"""The privacy and accessibility statements, and the texts that say how long what is
kept: generated from settings and the project's periods (issue 14)."""

import pytest
from django.urls import reverse

from codesign.statement_views import AUDIT, read_audit
from tests.conftest import make_board
from tests.events.conftest import make_registration, make_workshop

AUDIT_SAMPLE = """# Accessibility audit
Audit date: **2027-02-03**. Scope: every page.

| criterion | level | status | how checked, and notes |
| --- | --- | --- | --- |
| 1.1.1 Non-text Content | A | passes | axe. |
| 1.2.1 Audio-only | A | not applicable | No audio. |
| 1.4.3 Contrast (Minimum) | AA | **fails** | Grey hints on white; darker in March. |
| 2.4.7 Focus Visible | AA | passes | No failure seen. |
"""


def test_read_audit_summarises_statuses_and_failing_criteria():
    assert read_audit(AUDIT_SAMPLE) == {
        "date": "2027-02-03",
        "passes": 2,
        "not_applicable": 1,
        "failing": [
            {
                "criterion": "1.4.3 Contrast (Minimum)",
                "level": "AA",
                "notes": "Grey hints on white; darker in March.",
            }
        ],
    }


def test_privacy_names_the_organisation_contact_and_standard_periods(client, settings):
    settings.ORGANISATION_NAME = "UMC Heart Lab"
    settings.PRIVACY_CONTACT_EMAIL = "privacy@umc.example"

    response = client.get(reverse("codesign:privacy"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "This site is run by UMC Heart Lab, which is responsible" in page
    assert '<a href="mailto:privacy@umc.example">privacy@umc.example</a>' in page
    assert "Until 90 days after the workshop's last session." in page
    assert "Until 90 days after the board closes." in page
    assert "Until 7 days after a facilitator dealt with it." in page


def test_privacy_without_a_contact_sends_people_to_their_organisers(client, settings):
    settings.PRIVACY_CONTACT_EMAIL = ""

    page = client.get(reverse("codesign:privacy")).content.decode()

    assert "mailto:" not in page
    assert "Write to the organisers of the project you took part in." in page


def test_accessibility_summarises_the_audit(client):
    audit = read_audit(AUDIT.read_text())

    page = client.get(reverse("codesign:accessibility")).content.decode()

    assert (
        f"was checked on {audit['date']}: {audit['passes']} pass and "
        f"{audit['not_applicable']} do not apply" in page
    )
    for item in audit["failing"]:
        assert item["criterion"] in page
    if not audit["failing"]:
        assert "The check found no criterion that fails." in page


@pytest.mark.parametrize("name", ["codesign:privacy", "codesign:accessibility"])
def test_statements_answer_get_only(client, name):
    assert client.post(reverse(name)).status_code == 405


def test_every_page_links_both_statements_in_its_footer(client):
    page = client.get(reverse("feedback:join")).content.decode()

    footer = page.split('<footer class="site-footer">', 1)[1]
    assert reverse("codesign:privacy") in footer
    assert reverse("codesign:accessibility") in footer


def test_the_join_page_says_how_long_with_the_projects_periods(
    client, project, organiser, iteration
):
    project.name_retention_days = 30
    project.support_retention_days = 1
    project.save()
    board = make_board(project, organiser)

    page = client.get(reverse("feedback:board_join", args=[board.join_code]))

    text = page.content.decode()
    assert "We erase your name 30 days after the board closes." in text
    assert "we erase your message 1 day after it is dealt with." in text
    main = text.split("<footer", 1)[0]
    assert f'href="{reverse("codesign:privacy")}"' in main


def test_the_registration_form_and_page_say_how_long(client, project):
    project.registration_retention_days = 60
    project.save()
    workshop = make_workshop(project)
    registration = make_registration(workshop)
    expected = "until 60 days after the workshop's last session"

    form = client.get(reverse("events:public_workshop", args=[workshop.public_token]))
    own = client.get(reverse("events:registration", args=[registration.manage_token]))

    for response in (form, own):
        main = response.content.decode().split("<footer", 1)[0]
        assert expected in main
        assert f'href="{reverse("codesign:privacy")}"' in main
