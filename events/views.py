"""Organiser and team pages: workshops, sessions, registrations and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from codesign.access import RUNS_SESSIONS, project_for
from codesign.forms import run_action

from . import actions
from .access import ANY_MEMBER, ORGANISERS, session_for, workshop_for
from .attendance import attended_by_role, registrations_with_attendance
from .exports import write_registrations_csv
from .forms import InvitationForm, SessionForm, WorkshopForm
from .mix import stakeholder_mix
from .models import Registration, Session, Workshop
from .places import seats_taken


@require_GET
@login_required
def workshop_list(request, project_id):
    project = project_for(request.user, project_id)
    workshops = (
        project.workshops.with_counts()
        .select_related("iteration")
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("starts_at"))
        )
    )
    return render(
        request,
        "events/workshop_list.html",
        {"project": project, "workshops": workshops},
    )


@require_http_methods(["GET", "POST"])
@login_required
def workshop_create(request, project_id):
    project = project_for(request.user, project_id, ORGANISERS)
    form = WorkshopForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        done = _("Workshop created. Now add its sessions.")
        args = (request.user, project, form.cleaned_data)
        workshop = run_action(
            request, actions.create_workshop, *args, form=form, success=done
        )
        if workshop:
            return redirect("events:session_create", project.pk, workshop.pk)
    context = {"project": project, "form": form}
    return render(request, "events/workshop_form.html", context)


@require_GET
@login_required
def workshop_detail(request, project_id, workshop_id):
    workshop = workshop_for(request.user, project_id, workshop_id, ANY_MEMBER)
    counted = Workshop.objects.with_counts().get(pk=workshop.pk)
    sessions = workshop.sessions.prefetch_related("facilitators")
    context = {
        "workshop": workshop,
        "project": workshop.project,
        "sessions": sessions,
        "confirmed_count": counted.confirmed_count,
        "waitlist_count": counted.waitlist_count,
        "seats_taken": seats_taken(workshop),
        "is_organiser": workshop.project.membership.role in ORGANISERS,
        "runs_sessions": workshop.project.membership.role in RUNS_SESSIONS,
        "public_url": request.build_absolute_uri(workshop.public_path()),
    }
    return render(request, "events/workshop.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def workshop_edit(request, project_id, workshop_id):
    workshop = workshop_for(request.user, project_id, workshop_id, ORGANISERS)
    form = WorkshopForm(
        request.POST or None, instance=workshop, project=workshop.project
    )
    if request.method == "POST" and form.is_valid():
        done = _("Workshop saved.")
        args = (request.user, workshop, form.cleaned_data)
        if run_action(request, actions.update_workshop, *args, form=form, success=done):
            return redirect(workshop)
    context = {"project": workshop.project, "form": form, "workshop": workshop}
    return render(request, "events/workshop_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def workshop_cancel(request, project_id, workshop_id):
    workshop = workshop_for(request.user, project_id, workshop_id, ORGANISERS)
    if request.method == "POST":
        done = _("Workshop cancelled. Everyone registered is told.")
        run_action(
            request, actions.cancel_workshop, request.user, workshop, success=done
        )
        return redirect(workshop)
    return render(request, "events/workshop_cancel.html", {"workshop": workshop})


@require_http_methods(["GET", "POST"])
@login_required
def session_create(request, project_id, workshop_id):
    workshop = workshop_for(request.user, project_id, workshop_id, ORGANISERS)
    form = SessionForm(request.POST or None, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        done = _("Session added.")
        args = (request.user, workshop, form.cleaned_data)
        if run_action(request, actions.save_session, *args, form=form, success=done):
            return redirect(workshop)
    context = {"workshop": workshop, "form": form}
    return render(request, "events/session_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def session_edit(request, project_id, session_id):
    session = session_for(request.user, project_id, session_id, ORGANISERS)
    workshop = session.workshop
    form = SessionForm(request.POST or None, instance=session, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        done = _("Session saved.")
        args = (request.user, workshop, form.cleaned_data, session)
        if run_action(request, actions.save_session, *args, form=form, success=done):
            return redirect(workshop)
    context = {"workshop": workshop, "form": form, "session": session}
    return render(request, "events/session_form.html", context)


@require_POST
@login_required
def session_cancel(request, project_id, session_id):
    session = session_for(request.user, project_id, session_id, ORGANISERS)
    done = _("Session cancelled. Everyone registered is told.")
    run_action(request, actions.cancel_session, request.user, session, success=done)
    return redirect(session.workshop)


@require_GET
@login_required
def registration_list(request, project_id, workshop_id):
    workshop = workshop_for(request.user, project_id, workshop_id, ORGANISERS)
    registrations = registrations_with_attendance(workshop)
    groups = [
        (status, label, [r for r in registrations if r.status == status])
        for status, label in Registration.Status.choices
    ]
    context = {
        "workshop": workshop,
        "groups": groups,
        "has_registrations": bool(registrations),
        "mix": stakeholder_mix(workshop, registrations, attended_by_role(workshop)),
        "compensation_choices": Registration.Compensation.choices,
        "seats_taken": sum(r.seats for r in registrations if r.status == "confirmed"),
    }
    return render(request, "events/registrations.html", context)


@require_GET
@login_required
def registration_csv(request, project_id, workshop_id):
    workshop = workshop_for(request.user, project_id, workshop_id, ORGANISERS)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="workshop-{workshop.pk}-registrations.csv"'
    )
    write_registrations_csv(workshop, response)
    return response


@require_http_methods(["GET", "POST"])
@login_required
def invitation_list(request, project_id, workshop_id):
    workshop = workshop_for(request.user, project_id, workshop_id, ORGANISERS)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        people = form.cleaned_data["addresses"]
        sent = run_action(
            request, actions.invite_people, request.user, workshop, people, form=form
        )
        if sent is not None:
            count = {"count": len(sent)}
            messages.success(request, _("%(count)s invitations sent.") % count)
            return redirect("events:invitation_list", workshop.project_id, workshop.pk)
    invitations = workshop.invitations.select_related("registration")
    context = {"workshop": workshop, "form": form, "invitations": invitations}
    return render(request, "events/invitations.html", context)
