"""The activities part of a board page on its own, for live pages to fetch.

When a poll, scale or ranking opens, closes or shows its results, every page in the
room updates its activities. Fetching this fragment instead of the whole page spares
the server a full board render per phone (docs/protocol.md). It is the page's own
partial, for the same viewer, with the same rights as the page it stands for.
"""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from codesign.ratelimit import client_address

from .access import board_for_code
from .pages import activities_context
from .visibility import PROJECTOR

# ``?view=`` -> the page's partial, the rights its page asks for and whose view it is
# (None: the person asking). The projector's shows what the wall may show.
SECTIONS = {
    "board": ("feedback/_activities.html", {}, None),
    "present": ("feedback/_activities.html", {"member": True}, PROJECTOR),
    "facilitate": ("feedback/_activity_controls.html", {"staff": True}, None),
}


@require_GET
@never_cache
def section(request, code):
    """The activities of the board page, the projector or the control view."""
    view = request.GET.get("view", "")
    if view not in SECTIONS:
        raise Http404
    template, rights, viewer = SECTIONS[view]
    address = client_address(request)
    access = board_for_code(request.user, code, request.COOKIES, address, **rights)
    context = activities_context(access, viewer)
    context["activities_view"] = view
    return render(request, template, context)
