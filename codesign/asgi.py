"""The ASGI application: Django for HTTP, Channels for the board WebSockets."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "codesign.settings")
# Django must be set up before anything imports models.
django_http = get_asgi_application()

from urllib.parse import urlsplit

from channels.auth import AuthMiddlewareStack
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.utils.http import is_same_domain

from codesign.routing import websocket_urlpatterns


def _header(scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def _site_origin(scope) -> str | None:
    """The origin a page of this site that opened the socket has, or None if no host."""
    host = settings.USE_X_FORWARDED_HOST and _header(scope, b"x-forwarded-host")
    host = host or _header(scope, b"host")
    domain, _port = split_domain_port(host)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return None
    secure = scope.get("scheme") == "wss"
    if settings.SECURE_PROXY_SSL_HEADER:
        header, value = settings.SECURE_PROXY_SSL_HEADER
        name = header.removeprefix("HTTP_").replace("_", "-").lower().encode()
        secure = secure or _header(scope, name) == value
    return f"{'https' if secure else 'http'}://{host}"


def _trusted_origin(origin: str) -> bool:
    """Whether ``origin`` is in CSRF_TRUSTED_ORIGINS, wildcards read as Django does."""
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return True
    parsed = urlsplit(origin)
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        wanted = urlsplit(trusted)
        wildcard = "*" in trusted and wanted.scheme == parsed.scheme
        if wildcard and is_same_domain(parsed.netloc, wanted.netloc.lstrip("*")):
            return True
    return False


def origin_allowed(scope) -> bool:
    """Scheme, host and port of the socket's Origin are this site's, or trusted ones."""
    origin = _header(scope, b"origin").lower()
    if not origin or origin == "null":
        return False
    return origin == (_site_origin(scope) or "").lower() or _trusted_origin(origin)


class SameOriginValidator:
    """Refuses a socket opened from another site, as CSRF protection refuses forms."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if origin_allowed(scope):
            return await self.application(scope, receive, send)
        return await WebsocketDenier()(scope, receive, send)


application = ProtocolTypeRouter(
    {
        "http": django_http,
        "websocket": SameOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
