"""Pages of the co-design core: home, dashboard, projects and iterations."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from .access import project_for
from .models import Project


@require_GET
def home(request):
    if request.user.is_authenticated:
        return redirect("codesign:dashboard")
    return render(request, "codesign/home.html")


@require_GET
@login_required
def dashboard(request):
    projects = Project.objects.for_user(request.user).distinct()
    return render(request, "codesign/dashboard.html", {"projects": projects})


@require_GET
@login_required
def project_detail(request, project_id):
    project = project_for(request.user, project_id)
    iterations = project.iterations.order_by("number")
    return render(
        request, "codesign/project.html", {"project": project, "iterations": iterations}
    )


@require_GET
@login_required
def iteration_detail(request, project_id, number):
    project = project_for(request.user, project_id)
    iteration = get_object_or_404(project.iterations, number=number)
    return render(
        request, "codesign/iteration.html", {"project": project, "iteration": iteration}
    )
