"""Forms of the co-design core; the rules that span objects live in actions.py."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .models import Iteration, Membership, Project, Stage, StakeholderRole, User
from .text import LineField, TextField

TRL_HELP = _("Optional. From 1 (an idea on paper) to 9 (in daily use).")


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "summary", "involvement_aim"]
        field_classes = {
            "title": LineField,
            "summary": TextField,
            "involvement_aim": TextField,
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "involvement_aim": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "title": _(
                "A short name, for example “Home monitoring after heart failure”."
            ),
            "summary": _("What the project is about, in a few sentences."),
        }


class InviteMemberForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_(
            "We send an invitation to this address. Without a Codesign account, "
            "the person creates one with this address first."
        ),
    )
    # No default: an organiser's rights are too much to hand out by not looking.
    role = forms.ChoiceField(
        label=_("Role in the project"),
        choices=[("", _("Choose a role")), *Membership.Role.choices],
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role in the project"), choices=Membership.Role.choices
    )


class IterationForm(forms.Form):
    """The first iteration of a project."""

    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    guiding_question = LineField(
        label=_("Guiding question"),
        max_length=500,
        help_text=_("The question this turn of the cycle tries to answer."),
    )
    trl = forms.IntegerField(
        label=_("Technology readiness level (TRL)"),
        required=False,
        min_value=1,
        max_value=9,
        help_text=TRL_HELP,
    )


class NextIterationForm(IterationForm):
    """Closing the open iteration opens the next one."""

    direction = forms.ChoiceField(
        label=_("Direction"),
        required=False,
        choices=[
            ("", _("Work it out from the stages")),
            (Iteration.Direction.FORWARD, _("Forward")),
            (Iteration.Direction.BACK, _("Back")),
        ],
        help_text=_(
            "Back means an earlier stage, or the same stage again because of an open question."
        ),
    )
    back_reason = TextField(
        label=_("Reason for going back"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the cycle goes back: the open question or doubt."),
    )

    field_order = ["stage", "direction", "back_reason", "guiding_question", "trl"]


class ProfileForm(forms.ModelForm):
    stakeholder_role = forms.ChoiceField(
        label=_("I take part as"), choices=StakeholderRole.choices
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )

    class Meta:
        model = User
        fields = ["display_name", "stakeholder_role", "preferred_language"]
        field_classes = {"display_name": LineField}
        widgets = {"display_name": forms.TextInput(attrs={"autocomplete": "nickname"})}
        help_texts = {
            "display_name": _(
                "Others see this name. You can use a first name or a nickname."
            ),
        }


class SignupForm(forms.Form):
    """What allauth's sign-up form asks besides e-mail and password (its base class)."""

    display_name = LineField(
        label=_("Display name"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        help_text=_("Others see this name. You can use a first name or a nickname."),
    )
    stakeholder_role = forms.ChoiceField(
        label=_("I take part as"),
        choices=StakeholderRole.choices,
        initial=StakeholderRole.OTHER,
        required=False,
        help_text=_("You can change this later in your profile."),
    )

    def signup(self, request, user) -> None:
        """Keep the profile answers and the language the person signed up in."""
        user.display_name = self.cleaned_data["display_name"]
        user.stakeholder_role = (
            self.cleaned_data["stakeholder_role"] or StakeholderRole.OTHER
        )
        language = translation.get_language()
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        user.save(
            update_fields=["display_name", "stakeholder_role", "preferred_language"]
        )


def run_action(request, action, *args, form=None, success: str = "", **kwargs):
    """Run an action for a view; a refusal becomes an error on ``form`` or a message.

    Returns what the action returned, or None when it refused; ``success`` is shown
    as a message when it did not. ``PermissionDenied`` is not caught: it is a 403.
    """
    try:
        result = action(*args, **kwargs)
    except ValidationError as error:
        if form is None:
            messages.error(request, " ".join(error.messages))
        else:
            form.add_error(None, error)
        return None
    if success:
        messages.success(request, success)
    return result


class DeleteAccountForm(forms.Form):
    """Deleting one's account: the password, entered again."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def _period_field(name: str) -> forms.IntegerField:
    field = Project._meta.get_field(name)
    return forms.IntegerField(
        label=field.verbose_name,
        min_value=0,
        max_value=3650,
        help_text=format_lazy(
            "{} {}",
            field.help_text,
            ngettext_lazy("Standard: %(days)d day.", "Standard: %(days)d days.", "days")
            % {"days": field.default},
        ),
    )


class RetentionForm(forms.Form):
    """How many days a project keeps each kind of personal data (issue 14)."""

    registration_retention_days = _period_field("registration_retention_days")
    name_retention_days = _period_field("name_retention_days")
    support_retention_days = _period_field("support_retention_days")
