"""Forms of the live boards: joining, cards and board set-up.

The card forms are the ``card.create`` and ``card.update`` command forms
(``feedback.command_forms``) with the page's labels and widgets, so a page refuses
what the socket refuses, with the same words.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from codesign.models import StakeholderRole
from codesign.text import LineField, TextField
from events.models import Session

from .activities import ACTIVITY_SETS
from .command_forms import (
    BoardEditForm,
    CardCreateForm,
    CardUpdateForm,
    FlagField,
    RequestForm,
)
from .models import EMOTION_ICONS, Emotion, Template, normalise_join_code

CONFIRM_LABEL = _("Post anyway: I checked the text for personal details")


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Board code"),
        max_length=30,
        help_text=_(
            "The code on the screen, for example K7P4QD. Capitals and spaces do not matter."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self) -> str:
        return normalise_join_code(self.cleaned_data["code"])


class JoinForm(forms.Form):
    """Name (or anonymous), stakeholder role and consent; people with an account skip the name."""

    display_name = LineField(
        label=_("Your name on this board"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        help_text=_(
            "Others on the board see this name next to your cards. Leave it empty to stay anonymous."
        ),
    )
    anonymous = forms.BooleanField(label=_("Stay anonymous"), required=False)
    # No preset role: someone who skips the field must not be counted as a patient.
    role = forms.ChoiceField(
        label=_("I take part as"),
        choices=[("", _("Choose your role"))] + StakeholderRole.choices,
        error_messages={"required": _("Please choose your role.")},
        help_text=_(
            "Your role is shown with your cards, so the team can see which voices are heard."
        ),
    )
    consent = forms.BooleanField(
        label=_("I agree"),
        error_messages={
            "required": _("Please agree before you join, or close this page.")
        },
    )

    def __init__(self, *args, user=None, board=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.anonymous_only = board is not None and board.anonymous_only
        signed_in = user is not None and user.is_authenticated
        # Signed in or not, anyone may stay anonymous; an anonymous-only board asks
        # nobody's name.
        if signed_in or self.anonymous_only:
            del self.fields["display_name"]
        if self.anonymous_only:
            del self.fields["anonymous"]
        if signed_in:
            self.fields["role"].initial = user.stakeholder_role

    def public_name(self) -> str:
        if self.anonymous_only or self.cleaned_data.get("anonymous"):
            return ""
        if self.user is not None and self.user.is_authenticated:
            return self.user.display_name
        return self.cleaned_data.get("display_name", "").strip()


def set_widget(field: forms.Field, widget: forms.Widget) -> None:
    """Give a command form's field the page's widget, with the field's own attributes."""
    widget.is_required = field.required
    widget.attrs.update(field.widget_attrs(widget))
    field.widget = widget


def emotion_radios(form: forms.Form, emotions: bool) -> None:
    """Feelings as radio buttons (icon and word) on a touchpoint map; else no field."""
    if not emotions:
        del form.fields["emotion"]
        return
    field = form.fields["emotion"]
    field.label = _("How did it feel?")
    choices = [
        (value, f"{EMOTION_ICONS[value]} {label}") for value, label in Emotion.choices
    ]
    set_widget(field, forms.RadioSelect(choices=choices))


class CardForm(CardCreateForm):
    """The participant page's card form: the ``card.create`` command with labels."""

    def __init__(self, *args, columns=(), emotions=False, **kwargs):
        super().__init__(*args, **kwargs)
        emotion_radios(self, emotions)
        column = self.fields["column"]
        column.label = _("Where does it fit on the board?")
        choices = [(c["id"], c["title"]) for c in columns]
        set_widget(column, forms.Select(choices=choices))
        text = self.fields["text"]
        text.label = _("Your card")
        set_widget(text, forms.Textarea(attrs={"rows": 3}))
        text.help_text = _(
            "Up to 500 characters. Please leave out names, phone numbers and other "
            "personal details."
        )
        self.fields["confirm"].label = CONFIRM_LABEL


class CardEditForm(CardUpdateForm):
    """The participant page's edit form: ``card.update`` for the card in the URL."""

    def __init__(self, *args, emotions=False, **kwargs):
        super().__init__(*args, **kwargs)
        emotion_radios(self, emotions)
        del self.fields["card"]
        text = self.fields["text"]
        text.label = _("Your card")
        set_widget(text, forms.Textarea(attrs={"rows": 4}))
        self.fields["confirm"].label = CONFIRM_LABEL


class BoardForm(forms.Form):
    # A touchpoint map's columns are the touchpoints the organiser names.
    TYPED = {Template.CUSTOM, Template.TOUCHPOINTS}

    prompt = LineField(
        label=_("Question for the participants"),
        max_length=300,
        help_text=_("For example: What would make monitoring at home easier for you?"),
    )
    template = forms.ChoiceField(
        label=_("Columns"), choices=Template.choices, initial=Template.RETRO
    )
    custom_columns = TextField(
        label=_("My own columns"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One column per line, up to 8. Only used with “My own columns” and the "
            "touchpoint map (one touchpoint per line)."
        ),
    )
    votes_per_participant = forms.IntegerField(
        label=_("Votes per participant"), min_value=0, max_value=50, initial=5
    )
    session = forms.ModelChoiceField(
        label=_("Session"),
        queryset=Session.objects.none(),
        required=False,
        empty_label=_("No session: the board belongs to the iteration"),
    )
    open_now = forms.BooleanField(
        label=_("Open the board straight away"), required=False
    )
    anonymous_only = forms.BooleanField(
        label=_("Everyone takes part anonymously"),
        required=False,
        help_text=_("Joining asks no name; every card shows “Anonymous”."),
    )
    activity_set = forms.ChoiceField(
        label=_("Polls, scales and rankings to start with"),
        required=False,
        help_text=_("You can add more on the control panel."),
    )
    vote_any_time = forms.BooleanField(
        label=_("Vote any time"),
        required=False,
        help_text=_(
            "Without this, participants vote only in rounds the facilitator opens."
        ),
    )

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity_set"].choices = [("", _("None"))] + [
            (key, label) for key, (label, _make) in ACTIVITY_SETS.items()
        ]
        self.fields["session"].queryset = Session.objects.filter(
            workshop__project=project
        ).select_related("workshop")

    def clean(self):
        data = super().clean()
        if data.get("template") in self.TYPED:
            titles = [
                line.strip()[:80]
                for line in data.get("custom_columns", "").splitlines()
            ]
            titles = [title for title in titles if title]
            if not 1 <= len(titles) <= 8:
                self.add_error(
                    "custom_columns", _("Give between 1 and 8 columns, one per line.")
                )
            data["columns"] = titles
        return data


class BoardEditPageForm(BoardEditForm):
    """The edit page: ``board.edit`` with labels; the set-up only while in draft."""

    def __init__(self, *args, board, **kwargs):
        initial = {
            "prompt": board.prompt,
            "columns": "\n".join(c.display_title for c in board.columns.all()),
            "votes_per_participant": board.votes_per_participant,
            "session": board.session_id,
        }
        super().__init__(*args, initial=initial, **kwargs)
        fields = self.fields
        fields["prompt"].label = _("Question for the participants")
        fields["columns"].label = _("Columns")
        set_widget(fields["columns"], forms.Textarea(attrs={"rows": 5}))
        if board.state != board.State.DRAFT:
            fields["columns"].help_text = _(
                "One column per line, in the same order. While the board is open, "
                "columns can be renamed but not added or removed."
            )
            del fields["votes_per_participant"], fields["session"]
            return
        fields["columns"].help_text = _("One column per line, up to 8.")
        votes = fields["votes_per_participant"]
        votes.label, votes.required = _("Votes per participant"), True
        set_widget(votes, forms.NumberInput())
        fields["session"].label = _("Session")
        sessions = Session.objects.filter(workshop__project=board.project_id)
        choices = [("", _("No session: the board belongs to the iteration"))]
        choices += [(s.pk, str(s)) for s in sessions.select_related("workshop")]
        set_widget(fields["session"], forms.Select(choices=choices))


class BoardCopyForm(RequestForm):
    """Copy a board for the next session, with its cards and themes or without."""

    cards = FlagField()
