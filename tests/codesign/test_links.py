"""The base of links: the request's address, SITE_URL without a request (issue 16)."""

from django.test import RequestFactory

from codesign.links import site_url


def test_site_url_without_a_request_is_the_setting(settings):
    settings.SITE_URL = "https://codesign.example.org"

    assert site_url() == "https://codesign.example.org"


def test_site_url_follows_the_requests_host_and_port(settings):
    settings.ALLOWED_HOSTS = ["codesign.example.org"]
    request = RequestFactory().get("/", HTTP_HOST="codesign.example.org:8123")

    assert site_url(request) == "http://codesign.example.org:8123"


def test_site_url_on_loopback_uses_the_address_the_room_reaches(settings):
    settings.SITE_URL = "http://192.168.1.20:8000"
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8000")

    assert site_url(request) == "http://192.168.1.20:8000"


def test_site_url_on_loopback_stays_when_the_site_is_served_there(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    request = RequestFactory().get("/", HTTP_HOST="localhost:8123")

    assert site_url(request) == "http://localhost:8123"
