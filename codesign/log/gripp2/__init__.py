"""The patient-involvement report following the GRIPP2 short form, streamed.

Aim, methods, results, discussion and conclusions, and reflections, generated from the
project, its workshops, boards and log (one module per long section). The team edits
the project's report before export (``ReportDraft``): a section it has not edited
follows the project. Blocks are Markdown; the printable page renders each one safely.
Like the other exports it names no participants and no internal numbers, and cards
that are hidden or sealed until the reveal are not quoted. The report is exported by
the team only, so its counts are exact; they still pass through the one small-count
rule, ``visibility.suppress_small`` (``counts.counts_text``).
"""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from codesign.models import Iteration, Project
from codesign.safe_markdown import escape_markdown, render_markdown

from ..exports import when
from ..publication import ReportDraft
from .counts import by_role, counts_text
from .discussion import discussion_text
from .methods import methods_text
from .results import results_text

__all__ = ["SECTIONS", "by_role", "counts_text", "generated", "report_sections"]

# The five sections of the short form, in order: (draft field, heading).
SECTIONS = [
    ("aim", _lazy("1. Aim")),
    ("methods", _lazy("2. Methods")),
    ("results", _lazy("3. Results")),
    ("discussion", _lazy("4. Discussion and conclusions")),
    ("reflections", _lazy("5. Reflections")),
]


def aim_text(project: Project, iteration: Iteration | None = None) -> str:
    """The involvement aim and the question the project (or iteration) asks."""
    parts = [project.involvement_aim or _("No involvement aim recorded.")]
    iterations = project.iterations.exclude(guiding_question="").order_by("number")
    if iteration is not None:
        iterations = iterations.filter(pk=iteration.pk)
    questions = [escape_markdown(i.guiding_question) for i in iterations]
    if project.summary:
        parts.append(_("The project: %s") % project.summary)
    if questions:
        parts.append(_("The question: %s") % questions[-1])
    return "\n\n".join(parts)


def reflections_text(project: Project, iteration: Iteration | None = None) -> str:
    return project.reflections or _("No reflections recorded yet.")


GENERATORS = {
    "aim": aim_text,
    "methods": methods_text,
    "results": results_text,
    "discussion": discussion_text,
    "reflections": reflections_text,
}


def generated(project: Project, section: str, iteration=None) -> str:
    """The text Codesign writes for a section from what it knows now."""
    return GENERATORS[section](project, iteration)


def report_sections(project: Project, iteration=None) -> list[tuple[str, str, str]]:
    """(field, heading, text) per section: the team's text, or the generated one."""
    draft = None
    if iteration is None:
        draft = ReportDraft.objects.filter(project=project).first()
    return [
        (
            field,
            str(heading),
            getattr(draft, field, "") or generated(project, field, iteration),
        )
        for field, heading in SECTIONS
    ]


def gripp2_blocks(project: Project, iteration: Iteration | None = None):
    """The GRIPP2 short form, as Markdown blocks: a title, then the five sections."""
    title = escape_markdown(project.title)
    yield "# " + _("%(project)s: patient and public involvement") % {"project": title}
    yield _("A report following the GRIPP2 short form. Exported on %s.") % when(
        timezone.now()
    )
    for _field, heading, text in report_sections(project, iteration):
        yield f"## {heading}\n\n{text}"


def markdown_chunks(project: Project, iteration: Iteration | None = None):
    for block in gripp2_blocks(project, iteration):
        yield block + "\n\n"


def html_chunks(project: Project, iteration: Iteration | None = None):
    """The GRIPP2 report as a printable page; each block is rendered safely."""
    page = render_to_string(
        "codesign/log/gripp2_print.html",
        {"project": project, "iteration": iteration},
    )
    head, tail = page.split("<!-- report -->")
    yield head
    for block in gripp2_blocks(project, iteration):
        yield render_markdown(block)
    yield tail
