"""The command table shared by the socket (``consumers``) and the control forms (``views``).

Each command type maps to its action and the fields it takes; the actions check who
may run them, so a rule is written once (STYLE.md).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import actions, facilitation

NULLABLE_INT = (int, type(None))
# Command type -> (action, {field: type}, {optional field: type}); the action gets
# the fields as arguments. Facilitator-only commands check that in their action.
COMMANDS = {
    "card.create": (
        actions.post_card,
        {"column": int, "text": str},
        {"confirm": bool},
    ),
    "card.update": (actions.edit_card, {"card": int, "text": str}, {"confirm": bool}),
    "card.delete": (actions.delete_card, {"card": int}, {}),
    "vote.add": (actions.add_vote, {"card": int}, {}),
    "vote.remove": (actions.remove_vote, {"card": int}, {}),
    "support.request": (facilitation.request_support, {}, {"message": str}),
    # Facilitators and organisers only:
    "board.set_state": (actions.set_board_state, {"state": str}, {}),
    "board.set_mode": (
        facilitation.set_mode,
        {"silent": bool, "votes_hidden": bool},
        {},
    ),
    "board.reveal": (facilitation.reveal_board, {}, {}),
    "timer.start": (facilitation.start_timer, {"minutes": int}, {}),
    "timer.stop": (facilitation.stop_timer, {}, {}),
    "votes.start_round": (
        facilitation.start_round,
        {"votes": int, "multiple": bool},
        {},
    ),
    "votes.close_round": (facilitation.close_round, {}, {}),
    "votes.lock": (facilitation.lock_votes, {}, {}),
    "votes.unlock": (facilitation.unlock_votes, {}, {}),
    "theme.create": (facilitation.create_theme, {"name": str}, {}),
    "theme.rename": (facilitation.rename_theme, {"theme": int, "name": str}, {}),
    "theme.merge": (facilitation.merge_themes, {"theme": int, "into": int}, {}),
    "theme.assign": (
        facilitation.assign_theme,
        {"card": int},
        {"theme": NULLABLE_INT},
    ),
    "card.hide": (facilitation.hide_card, {"card": int, "reason": str}, {}),
    "card.unhide": (facilitation.unhide_card, {"card": int}, {}),
    "card.scribe": (
        facilitation.scribe_card,
        {"column": int, "text": str, "role": str},
        {"confirm": bool},
    ),
    "support.resolve": (facilitation.resolve_support, {"support": int}, {}),
}


def field_errors(
    message: dict, schema: dict, optional: dict | None = None
) -> str | None:
    """The name of the first missing or wrongly typed field, if any."""
    for name, kind in schema.items():
        if not _typed(message.get(name), kind):
            return name
    for name, kind in (optional or {}).items():
        if name in message and not _typed(message[name], kind):
            return name
    return None


def _typed(value, kind) -> bool:
    # bool is an int in Python; only a bool field takes true or false.
    if isinstance(value, bool) and kind is not bool:
        return False
    return isinstance(value, kind)


def fields_from_form(data, schema: dict, optional: dict) -> dict:
    """A command's fields from a posted HTML form, typed as the socket sends them."""
    fields = {}
    for name, kind in [*schema.items(), *optional.items()]:
        raw = data.get(name)
        if kind is bool:
            fields[name] = raw in ("1", "true", "on", "yes")
        elif raw is None and name in optional:
            continue
        elif kind is str:
            fields[name] = raw or ""
        elif kind is NULLABLE_INT and raw in (None, ""):
            fields[name] = None
        elif raw is not None and raw.strip().isdigit():
            fields[name] = int(raw)
        else:
            raise ValidationError(
                _("The field “%(field)s” is missing or has the wrong type.")
                % {"field": name},
                code="invalid",
            )
    return fields
