"""The GRIPP2 short form: five sections from the project, edited by the team, no ids."""

import re
from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from codesign.log import actions as log_actions
from codesign.log.exports import when
from codesign.log.models import ReportDraft
from codesign.models import Iteration, StakeholderRole
from events.models import Attendance, Registration
from feedback.models import BoardEvent
from tests.accessibility import axe_violations
from tests.codesign.log.factories import make_board, make_card, make_theme
from tests.conftest import log_in_browser, logged_in
from tests.events.conftest import make_registration, make_session, make_workshop


@pytest.fixture
def report_project(project, organiser, team_member, iteration):
    """A workshop with attendance and a board whose cards shaped a decision."""
    workshop = make_workshop(
        project, iteration=iteration, compensation_info="A voucher of € 25"
    )
    session = make_session(workshop)
    came = make_registration(
        workshop,
        compensation_status=Registration.Compensation.PAID,
        compensation="€ 25",
    )
    Attendance.objects.create(session=session, registration=came, role=came.role)
    Attendance.objects.create(
        session=session, walk_in_name="Dr Walk", role=StakeholderRole.CLINICIAN
    )
    board = make_board(project, organiser, iteration)
    board.silent = True
    board.votes_per_participant = 3
    board.save()
    BoardEvent.objects.create(board=board, seq=1, name="board.revealed")
    BoardEvent.objects.create(board=board, seq=2, name="vote.added")
    theme = make_theme(board, "Nights")
    card = make_card(board, "Who do I call at night?", theme=theme)
    not_taken = make_card(board, "Add a step counter", StakeholderRole.ENGINEER)
    record = log_actions.record_entry
    decision = record(
        team_member, iteration, kind="decision", title="Night line", cards=[card.pk]
    )
    record(
        team_member,
        iteration,
        kind="effect",
        title="Nurses are called more often",
        effect_sign="negative",
        effect_certainty="observed",
        affected="Night nurses",
        mitigated_by=decision.pk,
    )
    log_actions.mark_not_taken_up(
        team_member, iteration, card=not_taken.pk, reason="Out of scope for now"
    )
    Iteration.objects.filter(pk=iteration.pk).update(status="closed")
    Iteration.objects.create(
        project=project,
        number=2,
        stage="bench",
        direction="back",
        back_reason="The cuff was too hard to put on alone.",
        guiding_question="Can people put the cuff on alone?",
    )
    project.reflections = "Evening sessions would reach working carers."
    project.save()
    return project


def export(user, project, fmt="gripp2.md") -> str:
    url = reverse("codesign:project_export", args=[project.pk, fmt])
    return b"".join(logged_in(user).get(url).streaming_content).decode()


def section(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n\n")[1].split("\n## ")[0]


def test_export_has_five_sections_with_text_from_the_project_and_no_ids(
    team_member, report_project
):
    text = export(team_member, report_project)

    assert re.search(r"entry\s*#?\d+", text, re.IGNORECASE) is None
    assert "Shape the monitoring kit with patients and carers." in section(
        text, "1. Aim"
    )
    assert "The question: Can people put the cuff on alone?" in section(text, "1. Aim")
    methods = section(text, "2. Methods")
    assert "- Attended the sessions (checked in): Patient 1, Clinician 1" in methods
    assert (
        "involvement level co-thinker. Recruited through a public registration link."
        in (methods)
    )
    assert "Compensation: A voucher of € 25 (paid to 1)." in methods
    assert "Accessibility: Step-free entrance" in methods
    assert (
        "silent brainstorm (cards hidden from others until the reveal); "
        "dot voting with 3 votes per person; cards grouped into 1 theme" in methods
    )
    results = section(text, "3. Results")
    assert "**Theme “Nights”**: 1 card (Patient 1)." in results
    assert "- “Who do I call at night?” (Patient)" in results
    assert "#### Decision: Night line" in results
    assert (
        "- Iteration 2, bench: Can people put the cuff on alone? "
        "(went back: The cuff was too hard to put on alone)." in results
    )
    discussion = section(text, "4. Discussion and conclusions")
    assert "- Effect: negative, observed." in discussion
    assert "- Mitigated by the decision “Night line”" in discussion
    assert "- “Add a step counter” (Engineer or designer): Out of scope for now" in (
        discussion
    )
    assert section(text, "5. Reflections").strip() == (
        "Evening sessions would reach working carers."
    )


def test_printable_page_keeps_effect_fields_apart(team_member, report_project):
    html = export(team_member, report_project, "gripp2.html")

    assert "<li>Effect: negative, observed.</li>" in html
    assert "<li>Affected: Night nurses</li>" in html
    assert "<h2>4. Discussion and conclusions</h2>" in html


def test_times_end_without_a_doubled_full_stop():
    moment = timezone.make_aware(datetime(2026, 11, 29, 18, 50))

    with translation.override("en"):
        text = f"Exported on {when(moment)}."

    assert text == "Exported on Nov. 29, 2026, 18:50."


def test_team_edits_a_section_and_the_export_uses_it(
    client, team_member, report_project
):
    url = reverse("codesign:report", args=[report_project.pk])
    client.force_login(team_member)
    initial = client.get(url).context["form"].initial

    response = client.post(url, {**initial, "results": "Patients set the agenda."})

    text = export(team_member, report_project)
    draft = ReportDraft.objects.get()
    assert response.status_code == 302
    assert section(text, "3. Results").strip() == "Patients set the agenda."
    assert (draft.results, draft.aim, draft.methods) == (
        "Patients set the agenda.",
        "",
        "",
    )
    assert "Shape the monitoring kit" in section(text, "1. Aim")


def test_regenerate_gives_a_section_back_to_the_project(
    client, team_member, report_project
):
    url = reverse("codesign:report", args=[report_project.pk])
    log_actions.save_report_draft(team_member, report_project, results="Our words.")
    client.force_login(team_member)

    response = client.post(url, {"regenerate": "results"})

    assert response.status_code == 302
    assert ReportDraft.objects.get().results == ""
    assert "#### Decision: Night line" in export(team_member, report_project)


def test_report_page_refuses_facilitators_outsiders_and_wrong_methods(
    project, facilitator, outsider, team_member
):
    url = reverse("codesign:report", args=[project.pk])

    refused = logged_in(facilitator).post(url, {"aim": "Taken over"})
    hidden = logged_in(outsider).get(url)
    wrong = logged_in(team_member).put(url)

    assert (refused.status_code, hidden.status_code, wrong.status_code) == (
        403,
        404,
        405,
    )
    assert ReportDraft.objects.count() == 0
    assert Client().get(url).status_code == 302


@pytest.mark.browser
def test_team_edits_the_report_and_prints_it_to_pdf(
    asgi_live_server, page, team_member, report_project
):
    base = asgi_live_server
    log_in_browser(page, base, team_member)
    page.goto(f"{base}/projects/{report_project.pk}/report/")
    assert axe_violations(page) == []
    page.get_by_label("5. Reflections").fill("We would hold evening sessions.")
    page.get_by_role("button", name="Save the report").click()
    page.get_by_role("link", name="GRIPP2 involvement report (printable page)").click()

    headings = page.locator("h2").all_inner_texts()
    pdf = page.pdf(format="A4")

    assert headings == [
        "1. Aim",
        "2. Methods",
        "3. Results",
        "4. Discussion and conclusions",
        "5. Reflections",
    ]
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 2
    assert "We would hold evening sessions." in page.locator("main").inner_text()
