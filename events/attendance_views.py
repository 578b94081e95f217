"""The check-in list of a session (phone and paper) and compensation per registration."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from codesign.access import RUNS_SESSIONS
from codesign.forms import run_action

from . import attendance
from .access import ORGANISERS, session_for, workshop_for
from .exports import write_check_in_csv
from .forms import CompensationForm, WalkInForm


def _check_in_page(request, session, walk_in_form=None):
    rows, walk_ins = attendance.check_in_list(session)
    context = {
        "session": session,
        "workshop": session.workshop,
        "rows": rows,
        "walk_ins": walk_ins,
        "present_count": sum(row.present for row in rows) + len(walk_ins),
        "form": walk_in_form or WalkInForm(),
    }
    return render(request, "events/check_in.html", context)


@require_GET
@login_required
def check_in_list(request, project_id, session_id):
    session = session_for(request.user, project_id, session_id, RUNS_SESSIONS)
    return _check_in_page(request, session)


@require_POST
@login_required
def check_in_mark(request, project_id, session_id, registration_id):
    session = session_for(request.user, project_id, session_id, RUNS_SESSIONS)
    registration = get_object_or_404(session.workshop.registrations, pk=registration_id)
    present = request.POST.get("present") == "1"
    args = (request.user, session, registration, present)
    run_action(request, attendance.mark_attendance, *args)
    return redirect("events:check_in", project_id, session.pk)


@require_POST
@login_required
def walk_in_add(request, project_id, session_id):
    session = session_for(request.user, project_id, session_id, RUNS_SESSIONS)
    form = WalkInForm(request.POST)
    if form.is_valid():
        args = (request.user, session, form.cleaned_data)
        done = _("Walk-in added.")
        if run_action(request, attendance.add_walk_in, *args, form=form, success=done):
            return redirect("events:check_in", project_id, session.pk)
    return _check_in_page(request, session, form)


@require_POST
@login_required
def walk_in_remove(request, project_id, session_id, attendance_id):
    session = session_for(request.user, project_id, session_id, RUNS_SESSIONS)
    walk_in = get_object_or_404(session.attendances.walk_ins(), pk=attendance_id)
    run_action(request, attendance.remove_walk_in, request.user, walk_in)
    return redirect("events:check_in", project_id, session.pk)


@require_GET
@login_required
def check_in_csv(request, project_id, session_id):
    session = session_for(request.user, project_id, session_id, RUNS_SESSIONS)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"session-{session.pk}-check-in.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_check_in_csv(session, response)
    return response


@require_POST
@login_required
def compensation_set(request, project_id, workshop_id, registration_id):
    workshop = workshop_for(request.user, project_id, workshop_id, ORGANISERS)
    registration = get_object_or_404(workshop.registrations, pk=registration_id)
    form = CompensationForm(request.POST, instance=registration)
    if not form.is_valid():
        messages.error(request, " ".join(e for es in form.errors.values() for e in es))
    else:
        args = (request.user, registration, form.cleaned_data)
        run_action(request, attendance.set_compensation, *args, success=_("Saved."))
    return redirect("events:registration_list", project_id, workshop.pk)
