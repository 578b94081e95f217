"""Links in e-mails and calendars follow the address the request came to (issue 16)."""

import re

import pytest
from django.urls import reverse
from icalendar import Calendar

# Real commits, so that e-mails (sent after commit) reach the outbox as they would live.
pytestmark = pytest.mark.django_db(transaction=True)

ON_PORT_8123 = {"SERVER_PORT": "8123", "HTTP_HOST": "testserver:8123"}
GUEST = {
    "name": "Anna de Vries",
    "email": "anna@example.org",
    "role": "patient",
    "access_needs": "",
    "companion_name": "",
    "consent": "on",
}


def test_registration_mail_links_point_at_the_requests_port(
    client, workshop, mailoutbox
):
    register = reverse("events:public_workshop", args=[workshop.public_token])

    client.post(register, GUEST, **ON_PORT_8123)

    links = re.findall(r"http\S+", mailoutbox[0].body)
    assert links
    assert {link.split("/")[2] for link in links} == {"testserver:8123"}


def test_calendar_links_point_at_the_requests_port(client, workshop):
    url = reverse("events:public_workshop_ics", args=[workshop.public_token])

    response = client.get(url, **ON_PORT_8123)

    calendar = Calendar.from_ical(response.content)
    public_page = reverse("events:public_workshop", args=[workshop.public_token])
    assert {str(event["url"]) for event in calendar.walk("VEVENT")} == {
        f"http://testserver:8123{public_page}"
    }


def test_calendar_uids_keep_the_site_url_host_whatever_the_request(
    client, workshop, settings
):
    settings.SITE_URL = "https://codesign.example.org"
    url = reverse("events:public_workshop_ics", args=[workshop.public_token])

    response = client.get(url, **ON_PORT_8123)

    calendar = Calendar.from_ical(response.content)
    assert {str(event["uid"]).split("@")[1] for event in calendar.walk("VEVENT")} == {
        "codesign.example.org"
    }
