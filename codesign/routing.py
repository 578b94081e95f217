"""WebSocket routes of the whole site."""

from feedback.routing import websocket_urlpatterns as feedback_websockets

websocket_urlpatterns = [*feedback_websockets]
