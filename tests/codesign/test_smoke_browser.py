import pytest

pytestmark = pytest.mark.browser


def test_home_page_renders_in_chromium(asgi_live_server, page):
    page.goto(asgi_live_server + "/")

    assert page.locator("h1").inner_text() == "Join with a code"
    assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
