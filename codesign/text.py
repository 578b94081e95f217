"""One rule for text people type: no control characters, no broken symbols, a limit.

Every form field that takes free text (cards, theme names, reasons, titles) goes
through ``clean_text``, so the page, the control panel and the live-board socket
refuse the same input with the same message.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 and C1 control characters except tab and newline, and lone UTF-16 surrogates
# (JSON can carry "\ud800", which no database or page can store or show).
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
ONE_LINE_FORBIDDEN = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")
# Every control character, line breaks and tab included: a mail header or a calendar
# property is one line, and a CR or LF there starts a new header or property.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")

MESSAGES = {
    "invalid": _(
        "The text holds characters that cannot be shown, such as control "
        "characters or a broken symbol. Please type it again."
    ),
    "one_line": _("This text must fit on one line."),
    "too_long": _("This text can hold at most %(max)d characters; it has %(count)d."),
}


def clean_text(
    value: str, max_length: int | None = None, multiline: bool = True
) -> str:
    """The text with line breaks as ``\\n``; ``invalid``, ``one_line`` or ``too_long``."""
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        bad = FORBIDDEN.search(value)
    else:
        bad = ONE_LINE_FORBIDDEN.search(value)
    if bad is not None:
        code = "one_line" if bad.group() in "\n\r" else "invalid"
        raise ValidationError(MESSAGES[code], code=code)
    if max_length is not None and len(value) > max_length:
        raise ValidationError(
            MESSAGES["too_long"],
            code="too_long",
            params={"max": max_length, "count": len(value)},
        )
    return value


def strip_controls(value: str, multiline: bool = False) -> str:
    """``value`` with control characters as spaces (keeping ``\\n`` if ``multiline``).

    Forms refuse such text; this is the second line of defence where stored text
    reaches a mail header or a calendar property, for rows saved before the rule.
    """
    if not multiline:
        return " ".join(CONTROL.sub(" ", value).split())
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return FORBIDDEN.sub(" ", value)


class TextField(forms.CharField):
    """Free text through ``clean_text``; only a string is taken (no number from JSON).

    ``max_length`` is checked by ``clean_text`` rather than Django's validator, so
    an over-long text gives one ``too_long`` error with a message the form may set.
    """

    default_error_messages = {"wrong_type": _("Send this as text.")} | MESSAGES

    def __init__(self, *, max_length: int | None = None, multiline=True, **kwargs):
        self.text_max, self.multiline = max_length, multiline
        super().__init__(**kwargs)

    def to_python(self, value) -> str:
        if value not in self.empty_values and not isinstance(value, str):
            raise ValidationError(self.error_messages["wrong_type"], code="wrong_type")
        value = super().to_python(value)
        try:
            return clean_text(value, self.text_max, self.multiline)
        except ValidationError as error:
            raise ValidationError(
                self.error_messages[error.code], code=error.code, params=error.params
            ) from None

    def widget_attrs(self, widget) -> dict:
        attrs = super().widget_attrs(widget)
        if self.text_max is not None and not widget.is_hidden:
            attrs["maxlength"] = str(self.text_max)
        return attrs


class LineField(TextField):
    """One line of free text (a title, a name, a place): ``TextField`` without breaks."""

    def __init__(self, **kwargs):
        super().__init__(multiline=False, **kwargs)
