"""Views of workshops and sessions."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from codesign.access import project_for

from .models import Workshop


@require_GET
@login_required
def workshop_detail(request, workshop_id):
    workshop = get_object_or_404(Workshop, pk=workshop_id)
    project_for(request.user, workshop.project_id)
    return render(request, "events/workshop.html", {"workshop": workshop})
