"""Pages of the iteration log: entries, outcomes, exports and "you said, we did"."""

from asgiref.sync import sync_to_async
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.handlers.asgi import ASGIRequest
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from codesign.access import (
    ANY_MEMBER,
    ORGANISERS,
    RUNS_CYCLE,
    membership_for,
    project_for,
)
from codesign.forms import run_action
from codesign.models import Project, StakeholderRole
from feedback.models import Card

from . import actions, exports, gripp2, publish
from .forms import (
    EntryForm,
    OutcomeForm,
    PublicSummaryForm,
    PublishForm,
    ReflectionsForm,
    ReportForm,
    initial_from,
)
from .models import CitationNotice, PublicSummary
from .publication import ReportDraft
from .queries import search_evidence, still_to_answer, themes_to_answer, took_part
from .queries import you_said as you_said_data

GET_POST = require_http_methods(["GET", "POST"])
STREAM_BATCH = 64 * 1024


def _iteration(request, project_id, number, roles=ANY_MEMBER):
    project = project_for(request.user, project_id, roles)
    return project, get_object_or_404(project.iterations, number=number)


@GET_POST
@login_required
def entry_form(request, project_id, number, entry_id=None):
    project, iteration = _iteration(request, project_id, number)
    original = _original_entry(iteration, entry_id)
    data = request.POST if request.method == "POST" else request.GET
    # "Search" (a POST without JavaScript, a GET from the picker script) only
    # refreshes the evidence list and keeps what was typed; it never saves.
    searched = "search" in data
    saving = request.method == "POST" and not searched
    bound = data if saving or searched else None
    form = _entry_form(project, original, bound, searched)
    if saving and form.is_valid():
        entry = _record_entry(request, iteration, original, form)
        if entry:
            return redirect(f"{iteration.get_absolute_url()}#entry-{entry.pk}")
    context = _entry_context(project, iteration, original, form, data)
    status = 400 if saving else 200
    return render(request, "codesign/log/entry_form.html", context, status=status)


def _original_entry(iteration, entry_id):
    """The current entry being corrected, or None for a new one."""
    if entry_id is None:
        return None
    return get_object_or_404(iteration.log_entries.current(), pk=entry_id)


def _entry_form(project, original, data, searched: bool) -> EntryForm:
    form = EntryForm(data, project=project, initial=initial_from(original))
    if searched:
        # A search keeps what was typed but is no attempt to save: no field is
        # marked invalid (Django would point aria-describedby at unshown errors).
        form.errors.clear()
    return form


def _record_entry(request, iteration, original, form):
    """Record the entry (a correction supersedes the original); None when refused."""
    return run_action(
        request,
        actions.record_entry,
        request.user,
        iteration,
        form=form,
        success=_("The entry is in the log."),
        supersedes=original.pk if original else None,
        **form.cleaned_data,
    )


def _entry_context(project, iteration, original, form, data) -> dict:
    return {
        "project": project,
        "iteration": iteration,
        "original": original,
        "form": form,
        "picker": search_evidence(project, data, form.selected()),
        "query": data,
        "roles": StakeholderRole.choices,
    }


@require_GET
@login_required
def outcomes(request, project_id, number):
    project, iteration = _iteration(request, project_id, number)
    context = {
        "project": project,
        "iteration": iteration,
        "cards": still_to_answer(iteration),
        "themes": themes_to_answer(iteration),
        "marked": iteration.card_outcomes.with_concealed().order_by(
            "recorded_at", "id"
        ),
    }
    return render(request, "codesign/log/outcomes.html", context)


@require_POST
@login_required
def mark_outcome(request, project_id, number):
    project, iteration = _iteration(request, project_id, number)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            actions.mark_not_taken_up,
            request.user,
            iteration,
            success=_("Marked as not taken up."),
            **form.cleaned_data,
        )
    else:
        errors = [e for errors in form.errors.values() for e in errors]
        messages.error(request, " ".join(errors))
    return redirect("codesign:outcome_list", project.pk, iteration.number)


@require_POST
@login_required
def clear_outcome(request, project_id, number, outcome_id):
    project, iteration = _iteration(request, project_id, number)
    outcome = get_object_or_404(iteration.card_outcomes, pk=outcome_id)
    actions.clear_outcome(request.user, outcome)
    messages.success(request, _("The mark is taken back: the card is still to answer."))
    return redirect("codesign:outcome_list", project.pk, iteration.number)


EXPORTS = {
    "md": (exports.markdown_chunks, "text/markdown; charset=utf-8", "log.md"),
    "csv": (exports.csv_chunks, "text/csv; charset=utf-8", "log.csv"),
    "json": (exports.json_chunks, "application/json; charset=utf-8", "log.json"),
    "gripp2.md": (
        gripp2.markdown_chunks,
        "text/markdown; charset=utf-8",
        "gripp2.md",
    ),
    "gripp2.html": (gripp2.html_chunks, "text/html; charset=utf-8", None),
}


def _batched(chunks):
    """Join small chunks into pieces of about 64 KiB."""
    buffer, size = [], 0
    for chunk in chunks:
        buffer.append(chunk)
        size += len(chunk)
        if size >= STREAM_BATCH:
            yield "".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


async def _async_chunks(chunks):
    """Under ASGI, pull each piece in the sync thread, so nothing is read ahead."""
    pieces = _batched(chunks)
    pull = sync_to_async(lambda: next(pieces, None), thread_sensitive=True)
    while (piece := await pull()) is not None:
        yield piece


def _stream(request, fmt, project, iteration=None):
    if fmt not in EXPORTS:
        raise Http404
    make, content_type, suffix = EXPORTS[fmt]
    chunks = make(project, iteration)
    if isinstance(request, ASGIRequest):
        content = _async_chunks(chunks)
    else:
        content = _batched(chunks)
    response = StreamingHttpResponse(content, content_type=content_type)
    if suffix:
        name = slugify(project.title)[:60] or "project"
        if iteration is not None:
            name += f"-iteration-{iteration.number}"
        response["Content-Disposition"] = f'attachment; filename="{name}-{suffix}"'
    return response


@require_GET
@login_required
def project_export(request, project_id, fmt):
    project = project_for(request.user, project_id, RUNS_CYCLE)
    return _stream(request, fmt, project)


@require_GET
@login_required
def iteration_export(request, project_id, number, fmt):
    project, iteration = _iteration(request, project_id, number, RUNS_CYCLE)
    return _stream(request, fmt, project, iteration)


def _render_you_said(request, project, participants, public=False):
    own_cards = frozenset(
        Card.objects.filter(participant__in=participants).values_list("pk", flat=True)
    )
    notices = list(
        CitationNotice.objects.filter(participant__in=participants, seen_at=None)
        .select_related("entry")
        .order_by("created_at")
    )
    publish.mark_notices_seen(participants)
    latest = project.publications.order_by("-published_at", "-id").first()
    context = {
        "project": project,
        "public": public,
        "notices": notices,
        "latest": latest,
        "participants": participants,
        **_team_context(request.user, project, public),
        **you_said_data(project, latest and latest.published_at, own_cards),
    }
    return render(request, "codesign/log/you_said.html", context)


def _team_context(user, project, public: bool) -> dict:
    """The team's controls on the page: publishing an update, the public link."""
    membership = None if public else membership_for(user, project)
    if membership is None or membership.role not in RUNS_CYCLE:
        return {}
    summary = PublicSummary.objects.filter(project=project).first()
    return {
        "can_publish": True,
        "drafts": publish.drafts_count(project),
        "publish_form": PublishForm(),
        "is_organiser": membership.role in ORGANISERS,
        "summary": summary,
        "public_form": PublicSummaryForm(
            initial={"enabled": bool(summary and summary.enabled)}
        ),
    }


@require_GET
def you_said(request, project_id):
    project = get_object_or_404(Project, pk=project_id)
    participants = took_part(project, request.user, request.COOKIES)
    if participants is None and not request.user.is_authenticated:
        # A notice's link reaches people on any device: log in, then land here.
        return redirect_to_login(request.get_full_path())
    if participants is None:
        raise Http404
    return _render_you_said(request, project, participants)


@require_POST
@login_required
def you_said_publish(request, project_id):
    project = project_for(request.user, project_id, RUNS_CYCLE)
    form = PublishForm(request.POST)
    if form.is_valid():
        done = _("The update is published and the authors are told.")
        args = (request, publish.publish_update, request.user, project)
        run_action(*args, success=done, **form.cleaned_data)
    else:
        messages.error(request, " ".join(form.errors.get("message", [])))
    return redirect("codesign:you_said", project.pk)


@require_GET
def you_said_public(request, token):
    summary = get_object_or_404(
        PublicSummary.objects.select_related("project"), token=token, enabled=True
    )
    participants = took_part(summary.project, request.user, request.COOKIES) or []
    return _render_you_said(request, summary.project, participants, public=True)


@require_POST
@login_required
def you_said_settings(request, project_id):
    project = project_for(request.user, project_id, ORGANISERS)
    form = PublicSummaryForm(request.POST)
    form.is_valid()
    summary = actions.set_public_summary(
        request.user, project, enabled=form.cleaned_data.get("enabled", False)
    )
    if summary.enabled:
        messages.success(request, _("The page is public for anyone with the link."))
    else:
        messages.success(request, _("The public link is turned off."))
    return redirect("codesign:you_said", project.pk)


@require_POST
@login_required
def you_said_link_rotate(request, project_id):
    """A new secret link for the public page, for a link that went too far."""
    project = project_for(request.user, project_id, ORGANISERS)
    actions.rotate_public_link(request.user, project)
    messages.success(
        request,
        _("The public page has a new secret link. The old one no longer works."),
    )
    return redirect("codesign:you_said", project.pk)


@GET_POST
@login_required
def reflections(request, project_id):
    project = project_for(request.user, project_id, RUNS_CYCLE)
    initial = {"reflections": project.reflections}
    form = ReflectionsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _("The reflections are saved.")
        args = (request.user, project)
        data = form.cleaned_data
        if run_action(
            request, actions.update_reflections, *args, form=form, success=done, **data
        ):
            return redirect(project)
    context = {"project": project, "form": form}
    return render(request, "codesign/log/reflections.html", context)


@GET_POST
@login_required
def report(request, project_id):
    """The GRIPP2 report, section by section, as the team edits it before export."""
    project = project_for(request.user, project_id, RUNS_CYCLE)
    form = ReportForm(request.POST or None, initial=_report_initial(project))
    if request.method == "POST" and (section := request.POST.get("regenerate")):
        done = _("The section follows the project again.")
        args = (request, actions.regenerate_report_section, request.user, project)
        run_action(*args, section, success=done)
        return redirect("codesign:report", project.pk)
    if request.method == "POST" and form.is_valid():
        done = _("The report is saved.")
        args = (request, actions.save_report_draft, request.user, project)
        if run_action(*args, form=form, success=done, **form.cleaned_data):
            return redirect("codesign:report", project.pk)
    return render(request, "codesign/log/report.html", _report_context(project, form))


def _report_initial(project) -> dict:
    return {field: text for field, _h, text in gripp2.report_sections(project)}


def _report_context(project, form) -> dict:
    draft = ReportDraft.objects.filter(project=project).first()
    edited = {field for field, _h in gripp2.SECTIONS if getattr(draft, field, "")}
    return {
        "project": project,
        "form": form,
        "draft": draft,
        "sections": [(form[field], field in edited) for field, _h in gripp2.SECTIONS],
    }
