"""Issue 18 on every page: text spacing (WCAG 1.4.12) and input purpose (1.3.5)."""

import pytest
from django.urls import reverse

from tests.conftest import log_in_browser

pytestmark = pytest.mark.browser

# The bookmarklet values of WCAG 1.4.12: a page must survive all four at once.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: .12em !important;
word-spacing: .16em !important; } p { margin-bottom: 2em !important; }"""
PAGES = ["/", "/join/", "/accounts/login/", "/accounts/signup/"]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_pages_hold_with_text_spacing_at_320_px(asgi_live_server, browser, language):
    # The overrides stand in for a reader's own style sheet, which no CSP blocks.
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, bypass_csp=True
    )
    narrow = context.new_page()
    narrow.context.add_cookies(
        [{"name": "django_language", "value": language, "url": asgi_live_server}]
    )
    for path in PAGES:
        narrow.goto(asgi_live_server + path)

        narrow.add_style_tag(content=TEXT_SPACING)

        assert narrow.evaluate("document.documentElement.scrollWidth") == 320, path
        switcher = narrow.locator(".language-switcher").bounding_box()
        assert switcher["x"] + switcher["width"] <= 320, path
    context.close()


def test_profile_names_the_purpose_of_the_display_name(
    asgi_live_server, page, organiser
):
    log_in_browser(page, asgi_live_server, organiser)

    page.goto(asgi_live_server + reverse("codesign:profile"))

    assert page.locator("#id_display_name").get_attribute("autocomplete") == "nickname"


def test_signup_names_the_purpose_of_the_display_name(asgi_live_server, page):
    page.goto(asgi_live_server + reverse("account_signup"))

    assert page.locator("#id_display_name").get_attribute("autocomplete") == "nickname"
