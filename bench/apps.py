"""The ASGI applications the benchmark serves with Daphne.

``codesign`` is the site's own application. The only change: the per-participant
command limit is lifted, because each of the benchmark's 20 senders stands for ten
people (200 cards and 1,000 votes in 20 seconds is 60 commands per sender, and a
person may send 20 in 10 seconds). ``naive`` serves ``bench.reference.NaiveConsumer``
at ``/ws/naive/`` in a process of its own.
"""

from django.core.asgi import get_asgi_application

django_http = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter
from django.urls import path

from codesign.asgi import application as codesign  # noqa: F401
from feedback import consumers

from .reference import NaiveConsumer

consumers.RATE_LIMIT = 1_000_000
consumers.ABUSE_LIMIT = 2_000_000

naive = ProtocolTypeRouter(
    {
        "http": django_http,
        "websocket": URLRouter([path("ws/naive/", NaiveConsumer.as_asgi())]),
    }
)
