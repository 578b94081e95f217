"""The command table shared by the socket (``consumers``) and the control panel.

Each command type maps to its form (``feedback.command_forms``: the fields and their
limits) and its action (who may run it and what it changes), so an input rule and a
permission rule are each written once (STYLE.md).
"""

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import actions, activities, facilitation, life_cycle
from . import command_forms as f

COMMANDS: dict[str, tuple[type[forms.Form], Callable]] = {
    "card.create": (f.CardCreateForm, actions.post_card),
    "card.update": (f.CardUpdateForm, actions.edit_card),
    "card.delete": (f.CardRefForm, actions.delete_card),
    "vote.add": (f.CardRefForm, actions.add_vote),
    "vote.remove": (f.CardRefForm, actions.remove_vote),
    "support.request": (f.SupportRequestForm, facilitation.request_support),
    "activity.answer": (f.AnswerForm, activities.answer_activity),
    # Facilitators and organisers only (their actions check it):
    "board.set_state": (f.StateForm, life_cycle.set_board_state),
    "board.edit": (f.BoardEditForm, life_cycle.edit_board),
    "board.set_mode": (f.ModeForm, facilitation.set_mode),
    "board.reveal": (f.RequestForm, facilitation.reveal_board),
    "timer.start": (f.TimerForm, facilitation.start_timer),
    "timer.stop": (f.RequestForm, facilitation.stop_timer),
    "timer.extend": (f.RequestForm, facilitation.extend_timer),
    "votes.start_round": (f.RoundForm, facilitation.start_round),
    "votes.close_round": (f.RequestForm, facilitation.close_round),
    "votes.lock": (f.RequestForm, facilitation.lock_votes),
    "votes.unlock": (f.RequestForm, facilitation.unlock_votes),
    "theme.create": (f.ThemeCreateForm, facilitation.create_theme),
    "theme.rename": (f.ThemeRenameForm, facilitation.rename_theme),
    "theme.merge": (f.ThemeMergeForm, facilitation.merge_themes),
    "theme.assign": (f.ThemeAssignForm, facilitation.assign_theme),
    "card.hide": (f.CardHideForm, facilitation.hide_card),
    "card.unhide": (f.CardRefForm, facilitation.unhide_card),
    "card.scribe": (f.ScribeForm, facilitation.scribe_card),
    "support.resolve": (f.SupportResolveForm, facilitation.resolve_support),
    "activity.add": (f.ActivityAddForm, activities.add_activity),
    "activity.open": (f.ActivityRefForm, activities.open_activity),
    "activity.close": (f.ActivityRefForm, activities.close_activity),
    "activity.reveal": (f.ActivityRefForm, activities.reveal_activity),
}


def parse_command(kind, data) -> tuple[Callable, dict]:
    """The action and cleaned fields of a command; ``invalid`` or ``too_long`` if not."""
    if not isinstance(kind, str) or kind not in COMMANDS:
        raise ValidationError(_("Unknown message type."), code="invalid")
    form_class, action = COMMANDS[kind]
    form = form_class(data)
    if not form.is_valid():
        raise form_error(form)
    return action, form.cleaned_data


def form_error(form: forms.Form) -> ValidationError:
    """The form's first error as one protocol error: ``too_long`` or ``invalid``."""
    errors = form.errors.as_data()
    codes = {error.code for field_errors in errors.values() for error in field_errors}
    name, field_errors = next(iter(errors.items()))
    error = field_errors[0]
    if error.code == "wrong_type" or _django_words(form.fields.get(name), error):
        message = _("The field “%(field)s” is missing or has the wrong type.") % {
            "field": name
        }
    else:
        message = error.messages[0]
    return ValidationError(
        message, code="too_long" if "too_long" in codes else "invalid"
    )


def _django_words(field: forms.Field | None, error: ValidationError) -> bool:
    """Whether the error is in Django's own words, which do not name the field."""
    if field is None:
        return False
    words = [v.message for v in field.validators if _from_django(v)]
    for klass in type(field).__mro__:
        if _from_django(klass):
            words += getattr(klass, "default_error_messages", {}).values()
    return any(error.message is message for message in words)


def _from_django(thing) -> bool:
    module = thing.__module__ if isinstance(thing, type) else type(thing).__module__
    return module.startswith("django.")
