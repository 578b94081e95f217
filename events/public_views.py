"""Pages for people who register: the public workshop page, invitations and e-mail links.

None of these needs an account: the unguessable token in the address is the key.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from codesign.forms import run_action

from . import actions, registering
from .access import invitation_by_token, public_workshop, registration_by_token
from .forms import RegistrationForm
from .models import Invitation, Registration
from .places import waitlist_position


def _registration_page(request, workshop, invitation=None):
    """Show a workshop with its registration form, and register on a valid POST."""
    user = request.user if request.user.is_authenticated else None
    form = RegistrationForm(
        request.POST or None, workshop=workshop, user=user, invitation=invitation
    )
    if request.method == "POST" and form.is_valid():
        registration = run_action(
            request,
            registering.register,
            request.user,
            workshop,
            form.cleaned_data,
            invitation=invitation,
            form=form,
        )
        if registration:
            return _registered(request, registration)
    context = {
        "workshop": workshop,
        "sessions": workshop.sessions.all(),
        "form": form,
        "state": workshop.registration_state(),
        "invitation": invitation,
    }
    return render(request, "events/public_workshop.html", context)


def _registered(request, registration):
    """After registering: check your e-mail first, or see your registration."""
    if registration.status == Registration.Status.PENDING:
        context = {"registration": registration}
        return render(request, "events/check_email.html", context)
    return redirect("events:registration", registration.manage_token)


@require_http_methods(["GET", "POST"])
def workshop_page(request, token):
    return _registration_page(request, public_workshop(token))


def _for_someone_else(request, invitation) -> bool:
    """A personal invitation is bound to its address: another account may not use it."""
    user = request.user
    return user.is_authenticated and user.email.lower() != invitation.email.lower()


def _someone_else_page(request, invitation):
    context = {"invitation": invitation}
    return render(request, "events/invitation_other.html", context, status=403)


@require_http_methods(["GET", "POST"])
def invitation_page(request, token):
    invitation = invitation_by_token(token)
    if _for_someone_else(request, invitation):
        return _someone_else_page(request, invitation)
    if invitation.status != Invitation.Status.INVITED:
        return render(
            request, "events/invitation_used.html", {"invitation": invitation}
        )
    return _registration_page(request, invitation.workshop, invitation)


@require_POST
def invitation_decline(request, token):
    invitation = invitation_by_token(token)
    if _for_someone_else(request, invitation):
        return _someone_else_page(request, invitation)
    declined = run_action(request, actions.decline_invitation, token)
    context = {"invitation": declined or invitation}
    return render(request, "events/invitation_used.html", context)


@require_http_methods(["GET", "POST"])
def confirm_registration(request, token):
    """GET shows a button (mail scanners follow links); POST confirms."""
    registration = Registration.objects.filter(confirm_token=token).first()
    error = None
    if request.method == "POST" or registration is None:
        try:
            registration = registering.confirm_registration(token)
            return redirect("events:registration", registration.manage_token)
        except ValidationError as problem:
            error = " ".join(problem.messages)
    elif registration.status != Registration.Status.PENDING:
        error = _("This confirmation link has already been used.")
    elif registration.confirmation_expired():
        error = _("This confirmation link has expired. Please register again.")
    status = 400 if error else 200
    context = {"registration": registration, "error": error}
    return render(request, "events/confirm.html", context, status=status)


@require_GET
def registration_page(request, token):
    registration = registration_by_token(token)
    context = {
        "registration": registration,
        "workshop": registration.workshop,
        "sessions": registration.workshop.sessions.all(),
        "position": waitlist_position(registration),
    }
    return render(request, "events/registration.html", context)


@require_http_methods(["GET", "POST"])
def cancel_registration(request, token):
    registration = registration_by_token(token)
    if request.method == "POST":
        done = _("Your registration is cancelled.")
        run_action(request, registering.cancel_registration, token, success=done)
        return redirect("events:registration", token)
    return render(request, "events/cancel.html", {"registration": registration})
