"""A registrant's own data through their personal link: download, change, erase (issue 14)."""

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from codesign.forms import run_action

from . import personal_data
from .access import registration_by_token
from .forms import RegistrationDetailsForm


@require_GET
def registration_data(request, token):
    registration = registration_by_token(token)
    data = {
        "format": "codesign-registration/1",
        "registration": personal_data.registration_data(registration),
    }
    response = JsonResponse(data, json_dumps_params={"indent": 2})
    filename = f"codesign-registration-{registration.pk}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def registration_details(request, token):
    registration = registration_by_token(token)
    initial = {
        "access_needs": registration.access_needs,
        "companion_name": registration.companion_name,
    }
    form = RegistrationDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _("Your details are saved.")
        change = personal_data.update_registration_details
        if run_action(
            request, change, token, form=form, success=done, **form.cleaned_data
        ):
            return redirect("events:registration", token)
    context = {"registration": registration, "form": form}
    return render(request, "events/registration_details.html", context)


@require_http_methods(["GET", "POST"])
def registration_erase(request, token):
    registration = registration_by_token(token)
    if request.method == "POST":
        personal_data.cancel_and_erase(token)
        return redirect("events:registration", token)
    context = {"registration": registration}
    return render(request, "events/registration_erase.html", context)
