"""Forms of the iteration log. Rules that span objects are checked in actions.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from codesign.ids import parse_id
from codesign.models import StakeholderRole

from .models import EffectCertainty, EffectSign, EntryKind, LogEntry, Severity

NONE = [("", _("Not set"))]


class IdListField(forms.Field):
    """Ids of checked boxes, as a sorted list of distinct integers."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        ids = {parse_id(v) for v in value or []}
        if None in ids:
            raise forms.ValidationError(
                _("Evidence must be chosen from the list."), code="invalid"
            )
        return sorted(ids)


class EntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EntryKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Plain text. Simple Markdown works: *emphasis*, **bold**, lists and links."
        ),
    )
    cards = IdListField(required=False)
    themes = IdListField(required=False)
    sessions = IdListField(required=False)
    activities = IdListField(required=False)
    effect_sign = forms.ChoiceField(
        label=_("Positive or negative"),
        choices=NONE + EffectSign.choices,
        required=False,
    )
    effect_certainty = forms.ChoiceField(
        label=_("Anticipated or observed"),
        choices=NONE + EffectCertainty.choices,
        required=False,
    )
    affected = forms.CharField(
        label=_("Who is affected"),
        max_length=200,
        required=False,
        help_text=_("For example: patients living alone, night nurses."),
    )
    severity = forms.ChoiceField(
        label=_("Severity"), choices=NONE + Severity.choices, required=False
    )
    mitigated_by = forms.ChoiceField(
        label=_("Mitigating decision"), choices=NONE, required=False
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        decisions = (
            LogEntry.objects.current()
            .filter(iteration__project=project, kind=EntryKind.DECISION)
            .order_by("-created_at")
            .values_list("pk", "title")
        )
        self.fields["mitigated_by"].choices = NONE + [
            (str(pk), title) for pk, title in decisions
        ]

    def selected(self) -> dict:
        """The evidence ids the form carries, valid or not, for the picker."""
        field = IdListField()
        result = {}
        for name in ("cards", "themes", "sessions", "activities"):
            raw = self.data.getlist(name) if hasattr(self.data, "getlist") else []
            raw = raw or self.initial.get(name, [])
            try:
                result[name] = field.to_python(raw)
            except forms.ValidationError:
                result[name] = []
        return result


def initial_from(entry: LogEntry | None) -> dict:
    """The fields of an entry, to start a correction from."""
    if entry is None:
        return {}
    evidence = list(entry.evidence.all())
    return {
        "kind": entry.kind,
        "title": entry.title,
        "body": entry.body,
        "cards": [e.card_id for e in evidence if e.card_id],
        "themes": [e.theme_id for e in evidence if e.theme_id],
        "sessions": [e.session_id for e in evidence if e.session_id],
        "activities": [e.activity_id for e in evidence if e.activity_id],
        "effect_sign": entry.effect_sign,
        "effect_certainty": entry.effect_certainty,
        "affected": entry.affected,
        "severity": entry.severity,
        "mitigated_by": entry.mitigated_by_id or "",
    }


class LogFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds"))] + EntryKind.choices,
        required=False,
    )
    role = forms.ChoiceField(
        label=_("Cited evidence from"),
        choices=[("", _("Everyone"))] + StakeholderRole.choices,
        required=False,
    )


class OutcomeForm(forms.Form):
    card = forms.IntegerField(required=False, widget=forms.HiddenInput)
    theme = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why was it not taken up?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PublicSummaryForm(forms.Form):
    enabled = forms.BooleanField(
        label=_("Anyone with the secret link may see this page"), required=False
    )


class PublishForm(forms.Form):
    """Publishing an update of "you said, we did", with an optional short message."""

    message = forms.CharField(
        label=_("A short message for the people who took part (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReflectionsForm(forms.Form):
    reflections = forms.CharField(
        label=_("Reflections"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "What went well and what did not in involving people, and what you would "
            "do differently. This is the last section of the GRIPP2 report."
        ),
    )


def _section_field(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )


class ReportForm(forms.Form):
    """The GRIPP2 report's five sections, as the team edits them before export."""

    aim = _section_field(_("1. Aim"))
    methods = _section_field(_("2. Methods"))
    results = _section_field(_("3. Results"))
    discussion = _section_field(_("4. Discussion and conclusions"))
    reflections = _section_field(_("5. Reflections"))
