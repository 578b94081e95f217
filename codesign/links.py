"""The base URL of links that leave the site: e-mails, calendars, QR codes.

During a request, links follow the request's own scheme and host (Django checks
the host against ``ALLOWED_HOSTS``), so a site reached on another host or port
sends links that work there. Without a request (management commands, cron) they
use ``SITE_URL``. Links are built deep in models and e-mails, so the request
travels with the request's context (``CurrentRequestMiddleware``) rather than
through every signature.
"""

from contextvars import ContextVar
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}

current_request: ContextVar[HttpRequest | None] = ContextVar(
    "current_request", default=None
)


def is_loopback(url: str) -> bool:
    """Whether a URL names this machine only (not reachable from another device)."""
    host = urlsplit(url).hostname or ""
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def site_url(request: HttpRequest | None = None) -> str:
    """The scheme and host for links, without a trailing slash."""
    request = request or current_request.get()
    if request is None:
        return settings.SITE_URL
    base = request.build_absolute_uri("/").rstrip("/")
    # A facilitator on the serving laptop sees 127.0.0.1; phones in the room need
    # the address the site is served on.
    if is_loopback(base) and not is_loopback(settings.SITE_URL):
        return settings.SITE_URL
    return base


class CurrentRequestMiddleware:
    """Make the current request the base of links built while answering it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
