"""Personal data (issue 14): a person's download and deleting the account; what a
project holds, its retention periods and its erasure record, for organisers.

The data come from every layer through ``codesign.personal_data``'s signals, so
these views import no layer above the core.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.forms.models import model_to_dict
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import personal_data, retention
from .access import ORGANISERS, project_for
from .forms import DeleteAccountForm, RetentionForm, run_action

# The erasure record on a project's data page shows the latest ones.
ERASURES_SHOWN = 100


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


def _project_data_page(request, project, form, status=200):
    context = {
        "project": project,
        "form": form,
        "held": retention.held_by(project),
        "erasures": project.erasures.select_related("by")[:ERASURES_SHOWN],
        "erasures_shown": ERASURES_SHOWN,
    }
    return render(request, "codesign/project_data.html", context, status=status)


@require_GET
@login_required
def project_data(request, project_id):
    project = project_for(request.user, project_id, ORGANISERS)
    form = RetentionForm(initial=model_to_dict(project, retention.PERIOD_FIELDS))
    return _project_data_page(request, project, form)


@require_POST
@login_required
def project_retention(request, project_id):
    project = project_for(request.user, project_id, ORGANISERS)
    form = RetentionForm(request.POST)
    if form.is_valid() and run_action(
        request,
        retention.update_retention,
        request.user,
        project,
        form=form,
        success=_("The retention periods are saved."),
        **form.cleaned_data,
    ):
        return redirect("codesign:project_data", project.pk)
    return _project_data_page(request, project, form, status=400)


@require_POST
@login_required
def project_retention_apply(request, project_id):
    project = project_for(request.user, project_id, ORGANISERS)
    counts = retention.apply_project_retention(request.user, project)
    erased = sum(counts.values())
    messages.success(
        request,
        ngettext(
            "Retention applied: %(count)d record erased.",
            "Retention applied: %(count)d records erased.",
            erased,
        )
        % {"count": erased},
    )
    return redirect("codesign:project_data", project.pk)
