"""The privacy nudge: text on a card that looks like personal data (DESIGN §6).

``static/js/privacy.js`` applies the same patterns in the page before sending; the
server checks again on every path (form, socket, scribe), since a page may be old or
a client may not run the script. A flag is a nudge, not a ban: the author may post
anyway by confirming. Both run on the test vectors in tests/privacy_vectors.json.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KINDS = {
    "phone": gettext_lazy("a phone number"),
    "email": gettext_lazy("an e-mail address"),
    "date": gettext_lazy("a date of birth"),
    "bsn": gettext_lazy("a citizen service number (BSN)"),
}

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# International (+31 6 1234 5678, 0044 20 7946 0958) and Dutch (06-12345678,
# 020 123 4567, (010) 1234567) numbers; the digit count is checked afterwards.
PHONE_INTERNATIONAL = re.compile(r"(?<![\w+])(?:\+|00)\d[\d\s().-]{6,18}\d")
PHONE_DUTCH = re.compile(r"(?<![\d+])\(?0(?:[\s)/.-]{0,2}\d){9}(?!\d)")
BSN = re.compile(r"(?<![\d.+-])\d(?:[ .]?\d){8}(?![\d])")
MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mrt|mei|okt|"
    "january|february|march|april|june|july|august|september|october|november|"
    "december|januari|februari|maart|juni|juli|augustus"
)
DATE_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?!\d)")
DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
DATE_WORDS = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s+(?:{MONTHS})\.?\s+(\d{{4}})(?!\d)", re.IGNORECASE
)


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def is_bsn(number: str) -> bool:
    """Nine digits passing the BSN 11-check (9*d1 + 8*d2 + ... + 2*d8 - d9)."""
    if len(number) != 9 or not number.isdigit() or int(number) == 0:
        return False
    total = sum((9 - i) * int(d) for i, d in enumerate(number[:8])) - int(number[8])
    return total % 11 == 0


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _has_date(text: str) -> bool:
    for day, month, year in DATE_NUMERIC.findall(text):
        year = int(year) + (1900 if len(year) == 2 else 0)
        if _is_date(year, int(month), int(day)):
            return True
    if any(_is_date(int(y), int(m), int(d)) for y, m, d in DATE_ISO.findall(text)):
        return True
    return any(1 <= int(day) <= 31 for day, _year in DATE_WORDS.findall(text))


def _has_phone(text: str) -> bool:
    if any(8 <= len(digits(m)) <= 15 for m in PHONE_INTERNATIONAL.findall(text)):
        return True
    return any(len(digits(m)) == 10 for m in PHONE_DUTCH.findall(text))


def _without_phones(text: str) -> str:
    """The text with phone numbers blanked, so their digits are not read as a BSN."""
    for pattern in (PHONE_INTERNATIONAL, PHONE_DUTCH):
        text = pattern.sub(" ", text)
    return text


def personal_data_kinds(text: str) -> list[str]:
    """The kinds of personal data the text seems to contain, in ``KINDS`` order."""
    found = {
        "phone": _has_phone(text),
        "email": bool(EMAIL.search(text)),
        "date": _has_date(text),
        "bsn": any(is_bsn(digits(m)) for m in BSN.findall(_without_phones(text))),
    }
    return [kind for kind in KINDS if found[kind]]


def check_personal_data(text: str, confirmed: bool) -> None:
    """Raise a ``privacy`` error when the text looks personal and was not confirmed."""
    kinds = personal_data_kinds(text)
    if kinds and not confirmed:
        raise ValidationError(
            _(
                "Your card seems to contain %(kinds)s. Everyone on the board can read "
                "it. Change the text, or post it anyway if you are sure."
            )
            % {"kinds": ", ".join(str(KINDS[k]) for k in kinds)},
            code="privacy",
        )
