"""WebSocket routes of the live boards (DESIGN §5)."""

from django.urls import path

from .consumers import BoardConsumer

websocket_urlpatterns = [
    path("ws/boards/<str:code>/", BoardConsumer.as_asgi()),
]
