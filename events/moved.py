"""Permanent redirects from the organiser pages' addresses before they moved.

The pages now live under /projects/<id>/; an old address names only the workshop or
the session, so the redirect looks up its project. The new page checks access as
always: the redirect reveals no more than the id in the address.
"""

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import RedirectView

from .models import Session, Workshop


def _redirect(request, name: str, *args) -> HttpResponsePermanentRedirect:
    url = reverse(f"events:{name}", args=args)
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


def moved_project_page(name: str):
    """The view for a project page's old address: the same project id, a new place."""
    return RedirectView.as_view(
        pattern_name=f"events:{name}", permanent=True, query_string=True
    )


def moved_workshop_page(name: str):
    """The view for a workshop page's old address, which named only the workshop."""

    def moved(request, workshop_id):
        project_id = get_object_or_404(
            Workshop.objects.values_list("project_id", flat=True), pk=workshop_id
        )
        return _redirect(request, name, project_id, workshop_id)

    return moved


def moved_session_page(name: str):
    """The view for a session page's old address, which named only the session."""

    def moved(request, session_id):
        project_id = get_object_or_404(
            Session.objects.values_list("workshop__project_id", flat=True),
            pk=session_id,
        )
        return _redirect(request, name, project_id, session_id)

    return moved
