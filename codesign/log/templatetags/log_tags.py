"""Template helpers of the iteration log, and the log's parts of lower layers' pages.

The project page, the iteration page and the board page belong to layers below the
log; they show what the log adds through these tags, so none of them imports it.
"""

from django import template

from codesign.models import Stage
from codesign.safe_markdown import render_markdown

from ..queries import cycle_iterations, has_unseen_citations, log_context

register = template.Library()


@register.filter
def markdown(text: str):
    """Render an entry's simple Markdown safely."""
    return render_markdown(text)


@register.inclusion_tag("codesign/log/_cycle.html")
def project_cycle(project, iterations):
    """The project page's cycle: its iterations with their counts, in four queries."""
    return {
        "iterations": cycle_iterations(project, iterations),
        "stages": Stage.choices,
    }


@register.inclusion_tag("codesign/log/_iteration_log.html", takes_context=True)
def iteration_log(context, project, iteration):
    """The iteration page's log, filtered by the page's GET parameters."""
    params = context["request"].GET
    return {
        "project": project,
        "iteration": iteration,
        **log_context(params, project, iteration),
    }


@register.inclusion_tag("codesign/log/_citation_notice.html")
def citation_notice(access):
    """On a board page: tells a participant that the team cited one of their cards."""
    return {
        "board": access.board,
        "unseen": has_unseen_citations(access.participant),
    }


@register.inclusion_tag("codesign/log/_citation_notice.html")
def participant_notice(participant):
    """On "my data": tells a guest that the team published what became of their cards."""
    return {
        "board": participant.board,
        "unseen": has_unseen_citations(participant),
    }
