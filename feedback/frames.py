"""Incoming frames of the board socket: size, nesting and JSON, checked before use.

A frame is refused with an error code and a sentence rather than an exception, so the
consumer answers every frame (docs/protocol.md).
"""

import json
import re

from django.utils.translation import gettext as _

# Frames are flat objects; deeper nesting is refused before the parser recurses.
MAX_JSON_DEPTH = 8
# A JSON string, so brackets inside strings do not count towards the depth.
JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
BRACKETS = re.compile(r"[\[\]{}]")


def frame_size(text_data: str | None, bytes_data: bytes | None) -> int:
    """The frame's size in bytes as it came over the wire."""
    if text_data is None:
        return len(bytes_data or b"")
    return len(text_data.encode("utf-8", "surrogatepass"))


def parse_frame(
    text_data: str | None, bytes_data: bytes | None, max_bytes: int
) -> tuple[dict | None, tuple[str, str] | None]:
    """The frame as a JSON object, or the error code and message that refuse it."""
    if frame_size(text_data, bytes_data) > max_bytes:
        message = _("A message can hold at most %(max)d bytes.")
        return None, ("too_long", message % {"max": max_bytes})
    if text_data is None:
        return None, ("invalid", _("Send JSON text, not binary data."))
    if json_depth(text_data) > MAX_JSON_DEPTH:
        return None, ("invalid", _("That message is nested too deeply."))
    try:
        message = json.loads(text_data)
    except ValueError:
        return None, ("invalid", _("That message is not valid JSON."))
    if not isinstance(message, dict):
        return None, ("invalid", _("A message must be a JSON object."))
    return message, None


def json_depth(text: str) -> int:
    """How deeply the JSON text nests arrays and objects, without parsing it."""
    depth = deepest = 0
    for bracket in BRACKETS.findall(JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def echo_request_id(value) -> str | None:
    """The frame's request id as an error frame may repeat it: a short, sound string."""
    if isinstance(value, str) and len(value) <= 64 and value.isprintable():
        return value
    return None
