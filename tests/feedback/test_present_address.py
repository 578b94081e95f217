"""The presenter view (QR code and join address) shows the address the room reaches."""

import pytest

from tests.conftest import logged_in

pytestmark = pytest.mark.django_db


def test_presenter_on_the_laptop_shows_the_lan_address(settings, board, organiser):
    settings.SITE_URL = "http://192.168.1.20:8000"

    html = (
        logged_in(organiser)
        .get(f"/b/{board.join_code}/present/", HTTP_HOST="127.0.0.1:8000")
        .content.decode()
    )

    assert (
        '<strong class="join-address">http://192.168.1.20:8000/join/</strong>' in html
    )
    assert "127.0.0.1" not in html


def test_presenter_on_another_host_shows_that_host(settings, board, organiser):
    settings.ALLOWED_HOSTS = ["codesign.example.org"]

    html = (
        logged_in(organiser)
        .get(f"/b/{board.join_code}/present/", HTTP_HOST="codesign.example.org:8123")
        .content.decode()
    )

    assert (
        '<strong class="join-address">http://codesign.example.org:8123/join/</strong>'
        in html
    )
