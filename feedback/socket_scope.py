"""What a board socket's opening request asks for: its language and its view."""

from urllib.parse import parse_qs

from django.conf import settings
from django.utils import translation


def wants_projector(scope) -> bool:
    """Whether the socket asked for what the wall shows (``?view=projector``)."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return query.get("view") == ["projector"]


def language_from_scope(scope) -> str:
    """The visitor's language: the switcher's cookie, the profile, then the browser."""
    wanted = [scope.get("cookies", {}).get(settings.LANGUAGE_COOKIE_NAME, "")]
    user = scope.get("user")
    if user is not None and user.is_authenticated:
        wanted.append(user.preferred_language)
    headers = dict(scope.get("headers", []))
    accept = headers.get(b"accept-language", b"").decode("latin-1")
    wanted += [
        code for code, _q in translation.trans_real.parse_accept_lang_header(accept)
    ]
    for code in wanted:
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE
