"""One parser for every id that arrives from outside: a URL, a form, a cookie name, a frame.

``str.isdigit`` accepts "²" and "٣", and ``int`` accepts 25 digits that no database
column holds; either used to end in a 500. Only ASCII digits up to the largest
64-bit key pass here, and the URL converter ``<id:...>`` matches the same text;
``<token:...>`` does the same for the URL-safe tokens of links sent by e-mail.
"""

import re

MAX_ID = 2**63 - 1

# At most 18 digits, so every match fits a signed 64-bit key.
ID_PATTERN = "[0-9]{1,18}"
_ID = re.compile(ID_PATTERN)


def parse_id(value) -> int | None:
    """``value`` as an id: an int up to ``MAX_ID`` or up to 18 ASCII digits; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_ID else None
    if isinstance(value, str) and _ID.fullmatch(value):
        return int(value)
    return None


class IdConverter:
    """Path converter ``<id:name>``: ASCII digits only, never beyond a 64-bit key."""

    regex = ID_PATTERN

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


class TokenConverter:
    """Path converter ``<token:name>``: a URL-safe token (``secrets.token_urlsafe``).

    Nothing else reaches a token lookup, so a NUL or an odd character in the address
    is a plain 404 instead of a database error.
    """

    regex = "[-A-Za-z0-9_]{1,100}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)
