"""One form per board command, with its limits (DESIGN §5, docs/protocol.md).

The socket, the control panel (``/b/<code>/do/``) and the participant pages all
validate a command with these forms (``feedback.commands`` maps each type to its form
and action). The fields take a JSON frame's values as they come (numbers, booleans,
strings) and a posted form's strings alike, and refuse anything else.
"""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from codesign.ids import MAX_ID, parse_id
from codesign.models import StakeholderRole
from codesign.text import TextField

from .models import CARD_TEXT_MAX, Activity, Board, Emotion
from .models.activities import (
    OPTION_MAX,
    POLL_OPTIONS,
    QUESTION_MAX,
    RANKING_ITEMS,
    SCALE_LABEL_MAX,
)

TIMER_MAX_MINUTES = 180
ROUND_MAX_VOTES = 50
REASON_MAX = 200
SUPPORT_MESSAGE_MAX = 300
THEME_NAME_MAX = 120
# A poll has at most 10 options and a ranking 8 items: no answer lists more.
ACTIVITY_CHOICES_MAX = 10
TRUE_WORDS = {"1", "true", "on", "yes"}
FALSE_WORDS = {"", "0", "false", "off", "no"}


class RawCheckbox(forms.CheckboxInput):
    """A checkbox that hands the field the raw value, so ``FlagField`` can refuse junk."""

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class FlagField(forms.BooleanField):
    """True or false: a JSON boolean, or a checkbox's word; absent means false."""

    widget = RawCheckbox
    default_error_messages = {"wrong_type": _("Send true or false.")}

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value) -> bool:
        if value is None or isinstance(value, bool):
            return bool(value)
        word = value.strip().lower() if isinstance(value, str) else None
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS
        raise ValidationError(self.error_messages["wrong_type"], code="wrong_type")


class WholeNumberField(forms.IntegerField):
    """A whole number: a JSON integer or ASCII digits, never a boolean, float or "²"."""

    def to_python(self, value) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            value = value.strip()
        number = parse_id(value)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


def id_field(required: bool = True) -> WholeNumberField:
    """The id of a card, column, theme or support request on the board."""
    return WholeNumberField(min_value=1, max_value=MAX_ID, required=required)


def _range_message(what, low: int, high: int) -> str:
    return gettext("%(what)s must be a whole number from %(low)d to %(high)d.") % {
        "what": what,
        "low": low,
        "high": high,
    }


def count_field(what, low: int, high: int) -> WholeNumberField:
    """A bounded count (minutes, votes) whose every error says the range."""
    message = lazy(_range_message, str)(what, low, high)
    keys = ("required", "invalid", "min_value", "max_value")
    return WholeNumberField(
        min_value=low,
        max_value=high,
        error_messages=dict.fromkeys(keys, message),
    )


def card_text_field(**kwargs) -> TextField:
    return TextField(
        max_length=CARD_TEXT_MAX,
        error_messages={
            "required": _("Write something on the card first."),
            "too_long": _(
                "A card can hold at most %(max)d characters; this one has %(count)d."
            ),
        },
        **kwargs,
    )


class RequestForm(forms.Form):
    """Just a request id: the commands without fields (reveal, stop the timer, …)."""

    request_id = forms.UUIDField(
        widget=forms.HiddenInput,
        required=False,
        error_messages={"invalid": _("The request id must be a UUID.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request_id"].initial = uuid.uuid4()


def emotion_field() -> forms.ChoiceField:
    """A card's feeling on a touchpoint map; empty on other boards."""
    return forms.ChoiceField(
        choices=[("", "")] + Emotion.choices,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the feelings.")},
    )


class CardCreateForm(RequestForm):
    column = id_field()
    text = card_text_field()
    emotion = emotion_field()
    confirm = FlagField()


class CardUpdateForm(RequestForm):
    card = id_field()
    text = card_text_field()
    emotion = emotion_field()
    confirm = FlagField()


class CardRefForm(RequestForm):
    """One card: delete it, vote on it, take a vote back, show it again."""

    card = id_field()


class SupportRequestForm(RequestForm):
    message = TextField(max_length=SUPPORT_MESSAGE_MAX, required=False)


class SupportResolveForm(RequestForm):
    support = id_field()


class StateForm(RequestForm):
    state = forms.ChoiceField(choices=Board.State.choices)


class ModeForm(RequestForm):
    silent = FlagField()
    votes_hidden = FlagField()


class TimerForm(RequestForm):
    minutes = count_field(_("The number of minutes"), 1, TIMER_MAX_MINUTES)


class RoundForm(RequestForm):
    votes = count_field(_("The number of votes"), 1, ROUND_MAX_VOTES)
    multiple = FlagField()


class ThemeCreateForm(RequestForm):
    name = TextField(max_length=THEME_NAME_MAX, multiline=False)


class ThemeRenameForm(ThemeCreateForm):
    theme = id_field()


class ThemeMergeForm(RequestForm):
    theme = id_field()
    into = id_field()


class ThemeAssignForm(RequestForm):
    """A card into a theme; no theme takes it out of its theme."""

    card = id_field()
    theme = id_field(required=False)


class CardHideForm(RequestForm):
    card = id_field()
    reason = TextField(max_length=REASON_MAX)


class ScribeForm(RequestForm):
    column = id_field()
    text = card_text_field()
    role = forms.ChoiceField(
        choices=StakeholderRole.choices,
        error_messages={"invalid_choice": _("Choose a stakeholder role.")},
    )
    emotion = emotion_field()
    confirm = FlagField()


# Board life cycle (issue 15) --------------------------------------------------------

BOARD_COLUMNS_MAX = 8
COLUMN_TITLE_MAX = 80
BOARD_VOTES_MAX = 50
PROMPT_MAX = 300


class ColumnTitlesField(forms.Field):
    """A board's column titles in order: a JSON array, or one per line; 1 to 8."""

    widget = forms.Textarea

    def to_python(self, value) -> list[str]:
        if value in self.empty_values:
            return []
        lines = value.splitlines() if isinstance(value, str) else value
        field = TextField(max_length=COLUMN_TITLE_MAX, multiline=False, required=False)
        if isinstance(lines, list | tuple):
            titles = [title for title in map(field.clean, lines) if title]
            if 1 <= len(titles) <= BOARD_COLUMNS_MAX:
                return titles
        raise ValidationError(gettext("Give between 1 and 8 columns."), code="invalid")


class BoardEditForm(RequestForm):
    """``board.edit``: only the fields sent change; an empty session means none."""

    prompt = TextField(max_length=PROMPT_MAX, multiline=False, required=False)
    columns = ColumnTitlesField(required=False)
    votes_per_participant = WholeNumberField(
        min_value=0, max_value=BOARD_VOTES_MAX, required=False
    )
    session = id_field(required=False)

    def clean(self):
        data = super().clean()
        for name in ("prompt", "columns", "votes_per_participant", "session"):
            if name not in self.data:
                data.pop(name, None)
        if data.get("prompt") == "":
            self.add_error("prompt", gettext("Write the question."))
        if data.get("columns") == []:
            self.add_error("columns", gettext("Give between 1 and 8 columns."))
        if "votes_per_participant" in data and data["votes_per_participant"] is None:
            data.pop("votes_per_participant")
        return data


# Activities: polls, scales and rankings (issue 19) -----------------------------------


class IdListField(forms.Field):
    """A list of whole numbers: a JSON array, or a form's repeated field; at most 10."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": _("Choose from the answers shown.")}

    def to_python(self, value) -> list[int]:
        if value in self.empty_values:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        numbers = [parse_id(v.strip() if isinstance(v, str) else v) for v in values]
        if len(numbers) > ACTIVITY_CHOICES_MAX or None in numbers:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return numbers


class OptionsField(forms.Field):
    """A poll's options or a ranking's items: a JSON array, or one per line."""

    widget = forms.Textarea

    def to_python(self, value) -> list[str]:
        if value in self.empty_values:
            return []
        lines = value.splitlines() if isinstance(value, str) else value
        if not isinstance(lines, list | tuple) or len(lines) > ACTIVITY_CHOICES_MAX:
            raise ValidationError(
                gettext("Give at most %(max)d options.")
                % {"max": ACTIVITY_CHOICES_MAX},
                code="invalid",
            )
        field = TextField(max_length=OPTION_MAX, multiline=False, required=False)
        labels = [field.clean(line).strip() for line in lines]
        return [label for label in labels if label]


class ActivityAddForm(RequestForm):
    kind = forms.ChoiceField(choices=Activity.Kind.choices)
    question = TextField(max_length=QUESTION_MAX, multiline=False)
    options = OptionsField(required=False)
    multiple = FlagField()
    scale = forms.ChoiceField(
        choices=[("", "")] + Activity.Scale.choices, required=False
    )
    low_label = TextField(max_length=SCALE_LABEL_MAX, multiline=False, required=False)
    high_label = TextField(max_length=SCALE_LABEL_MAX, multiline=False, required=False)
    anonymous = FlagField()

    def clean(self):
        data = super().clean()
        kind, options = data.get("kind"), data.get("options") or []
        bounds = {"poll": POLL_OPTIONS, "ranking": RANKING_ITEMS}.get(kind)
        if bounds and not bounds[0] <= len(options) <= bounds[1]:
            raise ValidationError(
                gettext("Give from %(low)d to %(high)d options, one per line.")
                % {"low": bounds[0], "high": bounds[1]},
                code="invalid",
            )
        if kind == "scale" and not data.get("scale"):
            raise ValidationError(gettext("Choose a kind of scale."), code="invalid")
        return data


class ActivityRefForm(RequestForm):
    """One activity: open it, close it, reveal its results."""

    activity = id_field()


class AnswerForm(RequestForm):
    """An answer; ``up``/``down`` move one item of a ranking first (plain forms)."""

    activity = id_field()
    choice = IdListField(required=False)
    up = id_field(required=False)
    down = id_field(required=False)

    def clean(self):
        data = super().clean()
        choice = list(data.get("choice") or [])
        for step, item in ((-1, data.pop("up", None)), (1, data.pop("down", None))):
            if item in choice:
                at = choice.index(item)
                to = min(max(at + step, 0), len(choice) - 1)
                choice[at], choice[to] = choice[to], choice[at]
        data["choice"] = choice
        return data
