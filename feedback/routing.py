"""WebSocket routes of the live boards (DESIGN §5)."""

websocket_urlpatterns: list = []
