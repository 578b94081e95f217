"""Pages of the co-design core: home, dashboard, profile, projects, members, iterations."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import actions
from .access import ANY_MEMBER, ORGANISERS, RUNS_CYCLE, has_role, project_for
from .forms import (
    InviteMemberForm,
    IterationForm,
    MemberRoleForm,
    NextIterationForm,
    ProfileForm,
    ProjectForm,
    run_action,
)
from .models import Membership, Project, ProjectInvitation

GET_POST = require_http_methods(["GET", "POST"])


@require_GET
def home(request):
    if request.user.is_authenticated:
        return redirect("codesign:dashboard")
    return render(request, "codesign/home.html")


@require_GET
@login_required
def dashboard(request):
    projects = Project.objects.for_dashboard(request.user)
    return render(request, "codesign/dashboard.html", {"projects": projects})


@GET_POST
@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = run_action(
            request,
            actions.update_profile,
            request.user,
            form=form,
            **form.cleaned_data,
        )
        if user:
            translation.activate(user.preferred_language)
            messages.success(request, _("Your profile is saved."))
            return use_language(redirect("codesign:profile"), user.preferred_language)
    return render(request, "codesign/profile.html", {"form": form})


def use_language(response, language: str):
    """Set the language cookie, so a new preference wins over an earlier choice at once."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@GET_POST
@login_required
def project_create(request):
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = run_action(
            request,
            actions.create_project,
            request.user,
            form=form,
            success=_("Your project is ready. Add the first iteration."),
            **form.cleaned_data,
        )
        if project:
            return redirect(project)
    return render(request, "codesign/project_form.html", {"form": form})


@GET_POST
@login_required
def project_edit(request, project_id):
    project = project_for(request.user, project_id, ORGANISERS)
    form = ProjectForm(request.POST or None, initial=model_to_dict(project))
    if form.is_bound and form.is_valid():
        done = _("The project is saved.")
        args = (request.user, project)
        data = form.cleaned_data
        if run_action(
            request, actions.update_project, *args, form=form, success=done, **data
        ):
            return redirect(project)
    context = {"form": form, "project": project}
    return render(request, "codesign/project_form.html", context)


@require_GET
@login_required
def project_detail(request, project_id):
    project = project_for(request.user, project_id)
    iterations = list(project.iterations.order_by("number"))
    context = {
        "project": project,
        "iterations": iterations,
        "current": next((i for i in reversed(iterations) if i.is_open), None),
        "can_run_cycle": project.membership.role in RUNS_CYCLE,
        "is_organiser": project.membership.role in ORGANISERS,
        "member_count": project.memberships.count(),
    }
    return render(request, "codesign/project.html", context)


@GET_POST
@login_required
def members(request, project_id):
    roles = ORGANISERS if request.method == "POST" else ANY_MEMBER
    project = project_for(request.user, project_id, roles)
    form = InviteMemberForm(request.POST or None)
    if form.is_bound and form.is_valid():
        done = _("An invitation is on its way to %(email)s.") % form.cleaned_data
        args = (request.user, project)
        data = form.cleaned_data
        if run_action(
            request, actions.invite_member, *args, form=form, success=done, **data
        ):
            return redirect("codesign:member_list", project.pk)
    return render(request, "codesign/members.html", members_context(project, form))


def members_context(project: Project, form) -> dict:
    """The members page: members, open invitations and the invitation form."""
    return {
        "project": project,
        "memberships": project.memberships.select_related("user").order_by(
            "role", "added_at"
        ),
        "invitations": project.invitations.open().select_related("invited_by"),
        "form": form,
        "is_organiser": project.membership.role in ORGANISERS,
        "role_choices": Membership.Role.choices,
    }


@require_POST
@login_required
def member_role(request, project_id, membership_id):
    project = project_for(request.user, project_id, ORGANISERS)
    membership = get_object_or_404(project.memberships, pk=membership_id)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
    else:
        run_action(
            request,
            actions.change_member_role,
            request.user,
            membership,
            success=_("The role is changed."),
            **form.cleaned_data,
        )
    return redirect("codesign:member_list", project.pk)


@require_POST
@login_required
def member_remove(request, project_id, membership_id):
    project = project_for(request.user, project_id, ORGANISERS)
    membership = get_object_or_404(project.memberships, pk=membership_id)
    run_action(
        request,
        actions.remove_member,
        request.user,
        membership,
        success=_("The member is removed from the project."),
    )
    return redirect("codesign:member_list", project.pk)


def project_invitation(request, project_id, invitation_id) -> ProjectInvitation:
    """An invitation of a project the user organises; 404 for any other."""
    project = project_for(request.user, project_id, ORGANISERS)
    return get_object_or_404(project.invitations, pk=invitation_id)


@require_POST
@login_required
def invitation_resend(request, project_id, invitation_id):
    invitation = project_invitation(request, project_id, invitation_id)
    run_action(
        request,
        actions.resend_invitation,
        request.user,
        invitation,
        success=_("The invitation is sent again, with a new link."),
    )
    return redirect("codesign:member_list", project_id)


@require_POST
@login_required
def invitation_withdraw(request, project_id, invitation_id):
    invitation = project_invitation(request, project_id, invitation_id)
    run_action(
        request,
        actions.withdraw_invitation,
        request.user,
        invitation,
        success=_("The invitation is withdrawn."),
    )
    return redirect("codesign:member_list", project_id)


@GET_POST
def invitation_accept(request, token):
    """Anyone with the link sees the invitation; only the invited account accepts it."""
    invitation = get_object_or_404(
        ProjectInvitation.objects.select_related("project", "invited_by"), token=token
    )
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.path)
    form = forms.Form(request.POST if request.method == "POST" else None)
    if form.is_bound:
        membership = run_action(
            request, actions.accept_invitation, request.user, token, form=form
        )
        if membership:
            messages.success(request, _("Welcome to the team."))
            return redirect(membership.project)
    refusal = actions.invitation_refusal(request.user, invitation)
    context = {"invitation": invitation, "refusal": refusal, "form": form}
    return render(request, "codesign/invitation_accept.html", context)


@GET_POST
@login_required
def iteration_create(request, project_id):
    project = project_for(request.user, project_id, RUNS_CYCLE)
    form = IterationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        iteration = run_action(
            request,
            actions.start_first_iteration,
            request.user,
            project,
            form=form,
            success=_("Iteration 1 is open."),
            **form.cleaned_data,
        )
        if iteration:
            return redirect(iteration)
    context = {"project": project, "form": form}
    return render(request, "codesign/iteration_form.html", context)


@require_GET
@login_required
def iteration_detail(request, project_id, number):
    project = project_for(request.user, project_id)
    iteration = get_object_or_404(project.iterations, number=number)
    context = {
        "project": project,
        "iteration": iteration,
        "can_run_cycle": has_role(request.user, project, RUNS_CYCLE),
    }
    return render(request, "codesign/iteration.html", context)


@GET_POST
@login_required
def iteration_close(request, project_id, number):
    project = project_for(request.user, project_id, RUNS_CYCLE)
    iteration = get_object_or_404(project.iterations, number=number)
    form = NextIterationForm(request.POST or None, initial={"stage": iteration.stage})
    if request.method == "POST" and form.is_valid():
        args = (request.user, iteration)
        new = run_action(
            request, actions.close_iteration, *args, form=form, **form.cleaned_data
        )
        if new:
            messages.success(
                request,
                _("Iteration %(old)s is closed and iteration %(new)s is open.")
                % {"old": iteration.number, "new": new.number},
            )
            return redirect(new)
    context = {"project": project, "iteration": iteration, "form": form}
    return render(request, "codesign/iteration_close.html", context)
