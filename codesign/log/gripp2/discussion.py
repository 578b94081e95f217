"""GRIPP2 section 4, Discussion and conclusions: effects, and what was not taken up.

Effects are grouped as positive or negative and say whether they were anticipated or
observed; a mitigating decision is named by its title, never by an internal number.
"""

from django.utils.translation import gettext as _

from codesign.models import Iteration, Project
from codesign.safe_markdown import escape_markdown

from ..exports import log_entries, outcome_line, outcomes_of
from ..models import EffectSign, EntryKind, LogEntry


def discussion_text(project: Project, iteration: Iteration | None = None) -> str:
    """The Discussion and conclusions section as Markdown, without its heading."""
    effects = [
        entry
        for entry in log_entries(project, iteration)
        if entry.kind == EntryKind.EFFECT and not getattr(entry, "superseded_by", None)
    ]
    parts = ["### " + _("Effects of the involvement and of the innovation")]
    for sign, label in EffectSign.choices:
        shown = [effect_block(e) for e in effects if e.effect_sign == sign]
        if shown:
            parts += ["#### " + str(label), *shown]
    if len(parts) == 1:
        parts.append(_("No effects recorded yet."))
    outcomes = [outcome_line(o) for o in outcomes_of(project, iteration)]
    parts += [
        "### " + _("What was not taken up, and why"),
        "\n".join(outcomes) or _("Nothing was marked as not taken up."),
    ]
    return "\n\n".join(parts)


def effect_block(entry: LogEntry) -> str:
    """One effect: its title and text, then each field on a line of its own."""
    lines = [f"**{escape_markdown(entry.title)}**"]
    if entry.body:
        lines += ["", entry.body]
    lines += ["", *effect_lines(entry)]
    return "\n".join(lines)


def effect_lines(entry: LogEntry) -> list[str]:
    """The effect's fields as a list, so a printed page keeps them apart."""
    lines = [
        _("- Effect: %(sign)s, %(certainty)s.")
        % {
            "sign": entry.get_effect_sign_display().lower(),
            "certainty": entry.get_effect_certainty_display().lower(),
        }
    ]
    if entry.affected:
        lines.append(_("- Affected: %s") % escape_markdown(entry.affected))
    if entry.severity:
        lines.append(_("- Severity: %s") % entry.get_severity_display().lower())
    if entry.mitigated_by is not None:
        lines.append(
            _("- Mitigated by the decision “%s”")
            % escape_markdown(entry.mitigated_by.title)
        )
    return lines
