"""Who is asking, and how often: the client address and budgets of attempts per address.

The address is the socket's unless ``TRUSTED_PROXY_COUNT`` reverse proxies stand in
front; then it is the ``X-Forwarded-For`` entry the outermost of them wrote (what is
left of it came from the client and proves nothing). Budgets count in Django's
cache, which is Redis in scale-out, so every worker spends from the same budget.
docs/security.md explains the choices.
"""

import ipaddress
from dataclasses import dataclass
from functools import cache as once

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

# IPv6 budgets are kept per /64, the block one subscriber usually holds (as allauth does).
IPV6_PREFIX = 64


class RateLimited(PermissionDenied):
    """Too many attempts from one address; answered with 429 (a socket closes with 4429)."""


def client_address(request_or_scope) -> str:
    """The client's address of an HTTP request or an ASGI scope, as settings trust it."""
    if isinstance(request_or_scope, dict):
        headers = request_or_scope.get("headers") or []
        forwarded = ",".join(
            value.decode("latin-1")
            for name, value in headers
            if name.lower() == b"x-forwarded-for"
        )
        peer = (request_or_scope.get("client") or ("",))[0]
    else:
        forwarded = request_or_scope.META.get("HTTP_X_FORWARDED_FOR", "")
        peer = request_or_scope.META.get("REMOTE_ADDR", "")
    return _trusted_hop(forwarded, peer) or "unknown"


def _trusted_hop(forwarded: str, peer: str) -> str:
    proxies = settings.TRUSTED_PROXY_COUNT
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    # Fewer entries than proxies: the request did not come through them all, so only
    # the socket is known for sure.
    if proxies and len(hops) >= proxies:
        return hops[-proxies]
    return peer or ""


def budget_holder(address: str) -> str:
    """The key an address spends from: itself, or its /64 for IPv6."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_PREFIX}", strict=False))
    return str(parsed)


@once
def counts():
    """The cache the budgets count in: one client for the whole process.

    ``django.core.cache.cache`` is one client per thread and per asyncio task, and a
    board socket's task lasts as long as the socket: each socket kept a Redis
    connection of its own (1,000 phones, 1,000 connections and about 10 KB each;
    docs/performance.md). Redis's connection pool and the local-memory cache are
    both safe to share between threads.
    """
    return caches.create_connection("default")


@dataclass(frozen=True)
class Budget:
    """At most ``allowed`` counted attempts per address in a window of ``seconds``.

    The window opens with the first counted attempt and is not extended by later ones.
    """

    name: str
    allowed: int
    seconds: int

    def _key(self, address: str, scope: str) -> str:
        return f"ratelimit:{self.name}:{scope}:{budget_holder(address)}"

    def spent(self, address: str, scope: str = "") -> bool:
        """Whether ``address`` has no attempts left (``scope`` narrows, e.g. a board)."""
        return counts().get(self._key(address, scope), 0) >= self.allowed

    def charge(self, address: str, scope: str = "") -> None:
        """Count one attempt from ``address``."""
        key, cache = self._key(address, scope), counts()
        if cache.add(key, 1, self.seconds):
            return
        try:
            cache.incr(key)
        except ValueError:  # The window closed between add and incr.
            cache.add(key, 1, self.seconds)


class RateLimitMiddleware:
    """Answers a ``RateLimited`` raised by a view with a 429 page saying what to do."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, RateLimited):
            return None
        context = {"message": str(exception)}
        return render(request, "429.html", context, status=429)
