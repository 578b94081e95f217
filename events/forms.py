"""Forms for workshops, sessions, registrations and invitations."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from codesign.models import StakeholderRole
from codesign.text import LineField, TextField

from .access import may_facilitate
from .models import Registration, Session, Workshop
from .places import seats_taken

MAX_INVITATIONS = 200
# Dates outside these years are typing mistakes, and year 1 overflows on the way
# to UTC; the form refuses them instead of failing later.
FIRST_YEAR, LAST_YEAR = 2000, 2100


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's own date and time picker; values are in the site time zone."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class SaneDateTimeField(forms.DateTimeField):
    """A date and time between ``FIRST_YEAR`` and ``LAST_YEAR``."""

    default_error_messages = {
        "out_of_range": _("Choose a date between the years %(first)s and %(last)s.")
    }

    def to_python(self, value):
        # Checked before Django compares or converts it, which overflows at year 1.
        moment = super().to_python(value)
        if moment is not None and not FIRST_YEAR <= moment.year <= LAST_YEAR:
            raise ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return moment


def quota_field_name(role: str) -> str:
    return f"quota_{role}"


class WorkshopForm(forms.ModelForm):
    """Create or edit a workshop, with an optional number of places per stakeholder role."""

    online_link = Workshop._meta.get_field("online_link").formfield(
        assume_scheme="https"
    )

    class Meta:
        model = Workshop
        fields = [
            "title",
            "description",
            "iteration",
            "involvement_level",
            "place",
            "online_link",
            "accessibility_info",
            "compensation_info",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "visibility",
            "organiser_notices",
        ]
        field_classes = {
            "title": LineField,
            "place": LineField,
            "description": TextField,
            "accessibility_info": TextField,
            "compensation_info": TextField,
            "registration_opens_at": SaneDateTimeField,
            "registration_closes_at": SaneDateTimeField,
        }
        widgets = {
            "registration_opens_at": DateTimeLocalInput(),
            "registration_closes_at": DateTimeLocalInput(),
            "visibility": forms.RadioSelect,
            "organiser_notices": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
            "accessibility_info": forms.Textarea(attrs={"rows": 3}),
            "compensation_info": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["iteration"].queryset = project.iterations.order_by("number")
        self.fields["capacity"].widget.attrs["min"] = 0
        self.fields["organiser_notices"].required = False
        for name in ("registration_opens_at", "registration_closes_at"):
            self.fields[name].help_text = _("Amsterdam time. Leave empty for no limit.")
        for role, label in StakeholderRole.choices:
            self.fields[quota_field_name(role)] = forms.IntegerField(
                label=label,
                required=False,
                min_value=0,
                initial=self.instance.quota_for(role) if self.instance.pk else None,
            )

    def clean_organiser_notices(self):
        # A form that leaves the choice out keeps what the workshop had (new: a mail each).
        return self.cleaned_data["organiser_notices"] or self.instance.organiser_notices

    def quota_fields(self):
        return [self[quota_field_name(role)] for role in StakeholderRole.values]

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk:
            taken = seats_taken(self.instance)
            if capacity < taken:
                raise ValidationError(
                    gettext(
                        "Capacity cannot be below the %(count)s places already confirmed."
                    ),
                    params={"count": taken},
                )
        return capacity

    def clean(self):
        data = super().clean()
        opens, closes = (
            data.get("registration_opens_at"),
            data.get("registration_closes_at"),
        )
        if opens and closes and closes <= opens:
            self.add_error(
                "registration_closes_at", _("Registration must close after it opens.")
            )
        if (
            not data.get("place")
            and not data.get("online_link")
            and "online_link" in data
        ):
            self.add_error("place", _("Give a place, an online link or both."))
        data["role_quotas"] = {
            role: data[quota_field_name(role)]
            for role in StakeholderRole.values
            if data.get(quota_field_name(role)) is not None
        }
        return data


class SessionForm(forms.ModelForm):
    """Add or edit a session; times are entered and shown in Amsterdam time."""

    class Meta:
        model = Session
        fields = ["title", "starts_at", "ends_at", "room", "facilitators"]
        field_classes = {
            "title": LineField,
            "room": LineField,
            "starts_at": SaneDateTimeField,
            "ends_at": SaneDateTimeField,
        }
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "facilitators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.workshop = workshop
        self.fields["title"].help_text = _("Optional, for example “Day 2: prototypes”.")
        self.fields["starts_at"].help_text = _("Amsterdam time (CET/CEST).")
        self.fields["facilitators"].queryset = may_facilitate(workshop.project)
        self.fields["facilitators"].label_from_instance = lambda user: user.public_name

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The session must end after it starts."))
        return data


class RegistrationForm(forms.Form):
    """Register for a workshop, with or without an account."""

    name = LineField(
        label=_("Your name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send you a link to confirm your registration."),
    )
    role = forms.ChoiceField(
        label=_("I take part as"),
        choices=[("", _("Choose your role")), *StakeholderRole.choices],
        help_text=_("Choose the role that fits you best."),
    )
    access_needs = TextField(
        label=_("Access needs (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example wheelchair access, a sign language interpreter or a quiet room. "
            "Only the organisers see this."
        ),
    )
    companion_name = LineField(
        label=_("Name of a companion (optional)"),
        required=False,
        max_length=120,
        help_text=_(
            "You may bring one person, such as a carer. They take a place too."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the organisers use my name, e-mail address, role and access "
            "needs only to organise this workshop. Only the organisers see my access "
            "needs. I can cancel at any time with the link in every e-mail."
        ),
        error_messages={"required": _("Please agree so that we can register you.")},
    )

    def __init__(self, *args, workshop, user=None, invitation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.workshop, self.user = workshop, user
        if user is not None and user.is_authenticated:
            del self.fields["name"], self.fields["email"]
            self.fields["role"].initial = user.stakeholder_role
        elif invitation is not None:
            self.fields["email"].initial = invitation.email
            self.fields["email"].disabled = True
            self.fields["email"].help_text = ""
            self.fields["role"].initial = invitation.role_hint or None

    def clean_email(self):
        # No "already registered" here: the answer must not tell who is registered
        # (registering.register mails the address's owner instead).
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        signed_in = self.user is not None and self.user.is_authenticated
        if (
            signed_in
            and self.workshop.registrations.live_for(self.user.email.lower()).exists()
        ):
            raise ValidationError(_("You are already registered for this workshop."))
        return data


def parse_invitation_lines(text: str) -> list[tuple[str, str]]:
    """Read "address" or "address, role" lines; any bad line is an error for the whole list."""
    roles = {value: value for value in StakeholderRole.values}
    roles.update(
        {str(label).lower(): value for value, label in StakeholderRole.choices}
    )
    people, errors, seen = [], [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        address, _sep, hint = (
            part.strip() for part in line.replace(";", ",").partition(",")
        )
        address = address.lower()
        try:
            validate_email(address)
        except ValidationError:
            errors.append(
                gettext("Line %(number)s: “%(text)s” is not a valid e-mail address.")
                % {"number": number, "text": address[:80]}
            )
            continue
        if hint and hint.lower() not in roles:
            errors.append(
                gettext("Line %(number)s: “%(text)s” is not a stakeholder role.")
                % {"number": number, "text": hint[:80]}
            )
            continue
        if address not in seen:
            seen.add(address)
            people.append((address, roles.get(hint.lower(), "")))
    if errors:
        raise ValidationError(errors)
    return people


class InvitationForm(forms.Form):
    """Paste e-mail addresses, one per line, each with an optional role after a comma."""

    addresses = forms.CharField(
        label=_("E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=_(
            "One address per line. Optionally add a role after a comma, "
            "for example: anna@example.org, patient"
        ),
    )

    def clean_addresses(self):
        people = parse_invitation_lines(self.cleaned_data["addresses"])
        if not people:
            raise ValidationError(_("Enter at least one e-mail address."))
        if len(people) > MAX_INVITATIONS:
            raise ValidationError(
                _("Invite at most %(max)s people at a time."),
                params={"max": MAX_INVITATIONS},
            )
        return people


class RegistrationDetailsForm(forms.Form):
    """A registrant changes their access needs and companion through their link."""

    access_needs = RegistrationForm.base_fields["access_needs"]
    companion_name = RegistrationForm.base_fields["companion_name"]


class WalkInForm(forms.Form):
    """Someone who came without registering: a name and a role, no account."""

    name = LineField(label=_("Name"), max_length=120)
    role = forms.ChoiceField(
        label=_("Takes part as"),
        choices=[("", _("Choose a role")), *StakeholderRole.choices],
    )


class CompensationForm(forms.ModelForm):
    """What a registrant was offered, accepted or paid, and how much or what."""

    class Meta:
        model = Registration
        fields = ["compensation_status", "compensation"]
        field_classes = {"compensation": LineField}
