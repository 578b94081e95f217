"""A person's own data: the download and deleting the account (issue 14).

The data come from every layer through ``codesign.personal_data``'s signals, so
these views import no layer above the core.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import personal_data
from .forms import DeleteAccountForm, run_action


@require_GET
@login_required
def profile_data(request):
    data = personal_data.personal_data(request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="codesign-my-data.json"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def profile_delete(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password = form.cleaned_data["password"]
        user = request.user
        if run_action(request, personal_data.delete_account, user, password, form=form):
            logout(request)
            messages.success(request, _("Your account is deleted."))
            return redirect("codesign:home")
    blocking = personal_data.sole_organiser_of(request.user)
    context = {"form": form, "blocking": blocking}
    return render(request, "codesign/profile_delete.html", context)
