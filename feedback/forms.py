"""Forms of the live boards: joining, cards and board set-up."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from codesign.models import StakeholderRole
from events.models import Session

from .models import CARD_TEXT_MAX, Board, normalise_join_code


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

    display_name = forms.CharField(
        label=_("Your name on this board"),
        max_length=80,
        required=False,
        help_text=_(
            "Others on the board see this name next to your cards. Leave it empty to stay anonymous."
        ),
    )
    anonymous = forms.BooleanField(label=_("Stay anonymous"), required=False)
    role = forms.ChoiceField(
        label=_("I take part as"),
        choices=StakeholderRole.choices,
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

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and user.is_authenticated:
            del self.fields["display_name"]
            del self.fields["anonymous"]
            self.fields["role"].initial = user.stakeholder_role

    def public_name(self) -> str:
        if self.user is not None and self.user.is_authenticated:
            return self.user.display_name
        if self.cleaned_data.get("anonymous"):
            return ""
        return self.cleaned_data.get("display_name", "").strip()


class CardForm(forms.Form):
    column = forms.TypedChoiceField(label=_("Column"), coerce=int)
    text = forms.CharField(
        label=_("Your card"),
        max_length=CARD_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": CARD_TEXT_MAX}),
        help_text=_(
            "Up to 500 characters. Please leave out names, phone numbers and other personal details."
        ),
    )
    confirm = forms.BooleanField(
        label=_("Post anyway: I checked the text for personal details"),
        required=False,
    )
    request_id = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, columns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["column"].choices = [(c["id"], c["title"]) for c in columns]
        self.fields["request_id"].initial = uuid.uuid4()


class CardEditForm(forms.Form):
    text = forms.CharField(
        label=_("Your card"),
        max_length=CARD_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": CARD_TEXT_MAX}),
    )
    confirm = forms.BooleanField(
        label=_("Post anyway: I checked the text for personal details"),
        required=False,
    )
    request_id = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request_id"].initial = uuid.uuid4()


class RequestForm(forms.Form):
    """Just a request id, for the one-button forms (vote, delete)."""

    request_id = forms.UUIDField(widget=forms.HiddenInput, required=False)


class StateForm(forms.Form):
    state = forms.ChoiceField(choices=Board.State.choices)
    request_id = forms.UUIDField(widget=forms.HiddenInput, required=False)


class BoardForm(forms.Form):
    TEMPLATES = [
        ("retro", _("What works / What could be better / Ideas / Questions")),
        ("hopes_fears", _("Hopes / Fears")),
        ("custom", _("My own columns")),
    ]

    prompt = forms.CharField(
        label=_("Question for the participants"),
        max_length=300,
        help_text=_("For example: What would make monitoring at home easier for you?"),
    )
    template = forms.ChoiceField(label=_("Columns"), choices=TEMPLATES, initial="retro")
    custom_columns = forms.CharField(
        label=_("My own columns"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One column per line, up to 8. Only used with “My own columns”."),
    )
    votes_per_participant = forms.IntegerField(
        label=_("Votes per participant"), min_value=0, max_value=50, initial=5
    )
    session = forms.ModelChoiceField(
        label=_("Session"), queryset=Session.objects.none(), required=False
    )
    open_now = forms.BooleanField(
        label=_("Open the board straight away"), required=False
    )

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(
            workshop__project=project
        ).select_related("workshop")

    def clean(self):
        data = super().clean()
        if data.get("template") == "custom":
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
