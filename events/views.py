"""Organiser and team pages: workshops, sessions, registrations and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from codesign.access import project_for

from . import actions
from .access import ANY_MEMBER, ORGANISERS, session_for, workshop_for
from .exports import write_registrations_csv
from .forms import InvitationForm, SessionForm, WorkshopForm
from .mix import stakeholder_mix
from .models import Registration, Session, Workshop


def _saved(request, form, save, *args):
    """Run an action on a valid form; turn its ValidationError into form errors."""
    if not form.is_valid():
        return None
    try:
        return save(request.user, *args, form)
    except ValidationError as error:
        form.add_error(None, error)
        return None


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
    if request.method == "POST" and (
        workshop := _saved(request, form, actions.create_workshop)
    ):
        messages.success(request, _("Workshop created. Now add its sessions."))
        return redirect("events:session_create", workshop.pk)
    return render(
        request, "events/workshop_form.html", {"project": project, "form": form}
    )


@require_GET
@login_required
def workshop_detail(request, workshop_id):
    workshop = workshop_for(request.user, workshop_id, ANY_MEMBER)
    counted = Workshop.objects.with_counts().get(pk=workshop.pk)
    sessions = workshop.sessions.prefetch_related("facilitators")
    context = {
        "workshop": workshop,
        "project": workshop.project,
        "sessions": sessions,
        "confirmed_count": counted.confirmed_count,
        "waitlist_count": counted.waitlist_count,
        "seats_taken": actions.seats_taken(workshop),
        "is_organiser": workshop.project.membership.role in ORGANISERS,
        "public_url": request.build_absolute_uri(workshop.public_path()),
    }
    return render(request, "events/workshop.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def workshop_edit(request, workshop_id):
    workshop = workshop_for(request.user, workshop_id, ORGANISERS)
    form = WorkshopForm(
        request.POST or None, instance=workshop, project=workshop.project
    )
    if request.method == "POST" and _saved(request, form, actions.update_workshop):
        messages.success(request, _("Workshop saved."))
        return redirect(workshop)
    context = {"project": workshop.project, "form": form, "workshop": workshop}
    return render(request, "events/workshop_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def workshop_cancel(request, workshop_id):
    workshop = workshop_for(request.user, workshop_id, ORGANISERS)
    if request.method == "POST":
        try:
            actions.cancel_workshop(request.user, workshop)
            messages.success(
                request, _("Workshop cancelled. Everyone registered is told.")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(workshop)
    return render(request, "events/workshop_cancel.html", {"workshop": workshop})


@require_http_methods(["GET", "POST"])
@login_required
def session_create(request, workshop_id):
    workshop = workshop_for(request.user, workshop_id, ORGANISERS)
    form = SessionForm(request.POST or None, workshop=workshop)
    if request.method == "POST" and _saved(
        request, form, actions.save_session, workshop
    ):
        messages.success(request, _("Session added."))
        return redirect(workshop)
    return render(
        request, "events/session_form.html", {"workshop": workshop, "form": form}
    )


@require_http_methods(["GET", "POST"])
@login_required
def session_edit(request, session_id):
    session = session_for(request.user, session_id, ORGANISERS)
    workshop = session.workshop
    form = SessionForm(request.POST or None, instance=session, workshop=workshop)
    if request.method == "POST" and _saved(
        request, form, actions.save_session, workshop
    ):
        messages.success(request, _("Session saved."))
        return redirect(workshop)
    context = {"workshop": workshop, "form": form, "session": session}
    return render(request, "events/session_form.html", context)


@require_POST
@login_required
def session_cancel(request, session_id):
    session = session_for(request.user, session_id, ORGANISERS)
    try:
        actions.cancel_session(request.user, session)
        messages.success(request, _("Session cancelled. Everyone registered is told."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(session.workshop)


@require_GET
@login_required
def registration_list(request, workshop_id):
    workshop = workshop_for(request.user, workshop_id, ORGANISERS)
    registrations = list(workshop.registrations.select_related("user"))
    groups = [
        (status, label, [r for r in registrations if r.status == status])
        for status, label in Registration.Status.choices
    ]
    context = {
        "workshop": workshop,
        "groups": groups,
        "has_registrations": bool(registrations),
        "mix": stakeholder_mix(workshop, registrations),
        "seats_taken": sum(r.seats for r in registrations if r.status == "confirmed"),
    }
    return render(request, "events/registrations.html", context)


@require_GET
@login_required
def registration_csv(request, workshop_id):
    workshop = workshop_for(request.user, workshop_id, ORGANISERS)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="workshop-{workshop.pk}-registrations.csv"'
    )
    write_registrations_csv(workshop, response)
    return response


@require_http_methods(["GET", "POST"])
@login_required
def invitation_list(request, workshop_id):
    workshop = workshop_for(request.user, workshop_id, ORGANISERS)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = actions.invite_people(
                request.user, workshop, form.cleaned_data["addresses"]
            )
            messages.success(
                request, _("%(count)s invitations sent.") % {"count": len(sent)}
            )
            return redirect("events:invitations", workshop.pk)
        except ValidationError as error:
            form.add_error(None, error)
    invitations = workshop.invitations.select_related("registration")
    context = {"workshop": workshop, "form": form, "invitations": invitations}
    return render(request, "events/invitations.html", context)
