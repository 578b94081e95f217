"""Capacity holds when many people register at the same moment (against a real server)."""

import re
import threading
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from django.test import Client

from codesign.models import StakeholderRole
from events.models import Registration

from ..conftest import make_user
from .conftest import make_session, make_workshop

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """A minimal cookie-keeping HTTP client for one signed-in person."""

    def __init__(self, base: str, session_cookie: str):
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar)
        )
        self.opener.addheaders = [("Cookie", f"sessionid={session_cookie}")]
        self.session_cookie = session_cookie

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, data: dict) -> str:
        csrf = next(c.value for c in self.jar if c.name == "csrftoken")
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={
                "Cookie": f"sessionid={self.session_cookie}; csrftoken={csrf}",
                "Referer": self.base + path,
            },
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.read().decode()


def signed_in_browser(base: str, user) -> Browser:
    client = Client()
    client.force_login(user)
    return Browser(base, client.cookies["sessionid"].value)


@pytest.mark.django_db(transaction=True)
def test_twenty_at_once_for_five_places(project, asgi_live_server):
    workshop = make_workshop(project, capacity=5)
    make_session(workshop)
    people = [
        make_user(f"p{n}@example.org", StakeholderRole.PATIENT) for n in range(20)
    ]
    path = workshop.public_path()
    browsers = [signed_in_browser(asgi_live_server, person) for person in people]
    forms = [
        {
            "role": "patient",
            "consent": "on",
            "csrfmiddlewaretoken": TOKEN.search(b.get(path)).group(1),
        }
        for b in browsers
    ]
    start = threading.Barrier(len(browsers))
    pages, errors = {}, []

    def register(n):
        start.wait()
        try:
            pages[n] = browsers[n].post(path, forms[n])
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=register, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    in_order = list(workshop.registrations.order_by("placed_at", "pk"))
    assert [r.status for r in in_order] == ["confirmed"] * 5 + ["waitlisted"] * 15
    assert [r.pk for r in in_order] == sorted(r.pk for r in in_order)
    page_of = {person.email: pages[n] for n, person in enumerate(people)}
    for position, registration in enumerate(in_order[5:], start=1):
        assert f"waiting list: number {position}." in page_of[registration.email]
    assert all("you are registered" in page_of[r.email] for r in in_order[:5])

    leaving = in_order[2]
    canceller = Browser(asgi_live_server, "none")
    cancel_page = canceller.get(f"/events/r/{leaving.manage_token}/cancel/")
    canceller.post(
        f"/events/r/{leaving.manage_token}/cancel/",
        {"csrfmiddlewaretoken": TOKEN.search(cancel_page).group(1)},
    )

    statuses = dict(workshop.registrations.values_list("pk", "status"))
    assert statuses[leaving.pk] == Registration.Status.CANCELLED
    assert statuses[in_order[5].pk] == Registration.Status.CONFIRMED
    assert list(statuses.values()).count(Registration.Status.CONFIRMED) == 5
    assert list(statuses.values()).count(Registration.Status.WAITLISTED) == 14
