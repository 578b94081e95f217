"""Exports of the log in every format, streamed; the JSON round-trips through import_log."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from jsonschema import Draft202012Validator

from codesign.log import actions as log_actions
from codesign.log.exports import LOG_SCHEMA
from codesign.log.models import EntryKind, Evidence, LogEntry
from codesign.models import Iteration, Project, StakeholderRole
from tests.codesign.log.factories import make_board, make_card, make_theme


@pytest.fixture
def logged(project, organiser, team_member, iteration):
    """Iteration 1 with a cited insight, a corrected decision, an effect; iteration 2."""
    board = make_board(project, organiser, iteration)
    theme = make_theme(board, "Nights")
    card = make_card(board, "Who do I call at night?", theme=theme)
    clinician = make_card(board, "Weekly summary, please", StakeholderRole.CLINICIAN)
    not_taken = make_card(board, "Add a step counter", StakeholderRole.ENGINEER)
    record = log_actions.record_entry
    record(team_member, iteration, kind="insight", title="Nights", themes=[theme.pk])
    decision = record(
        team_member, iteration, kind="decision", title="Night line", cards=[card.pk]
    )
    corrected = log_actions.record_entry(
        organiser,
        decision.iteration,
        supersedes=decision.pk,
        kind="decision",
        title="Night line by nurses",
        cards=[card.pk, clinician.pk],
    )
    record(
        team_member,
        iteration,
        kind="effect",
        title="Less worry",
        effect_sign="positive",
        effect_certainty="anticipated",
        affected="Patients living alone",
        severity="low",
        mitigated_by=corrected.pk,
    )
    log_actions.mark_not_taken_up(
        team_member, iteration, card=not_taken.pk, reason="Out of scope for now"
    )
    # Closed: a project has one open iteration at most, and import_log checks it.
    second = Iteration.objects.create(
        project=project, number=2, stage="bedside", status="closed"
    )
    record(team_member, second, kind="note", title="Only in iteration 2")
    return {"iteration": iteration, "second": second, "card": card}


def export(client, iteration, fmt, user):
    client.force_login(user)
    url = reverse(
        "codesign:iteration_export", args=[iteration.project_id, iteration.number, fmt]
    )
    return client.get(url)


def body(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def test_json_export_follows_its_schema_and_holds_the_iteration(
    client, logged, organiser
):
    data = json.loads(body(export(client, logged["iteration"], "json", organiser)))

    assert list(Draft202012Validator(LOG_SCHEMA).iter_errors(data)) == []
    assert data["schema_version"] == 2
    assert [e["title"] for e in data["entries"]] == [
        "Nights",
        "Night line",
        "Night line by nurses",
        "Less worry",
    ]
    assert data["entries"][2]["supersedes"] == data["entries"][1]["id"]
    assert data["entries"][2]["evidence"] == [
        {
            "type": "card",
            "text": "Who do I call at night?",
            "role": "patient",
            "board": "What matters to you at home?",
            "theme": "Nights",
        },
        {
            "type": "card",
            "text": "Weekly summary, please",
            "role": "clinician",
            "board": "What matters to you at home?",
            "theme": "",
        },
    ]
    assert data["entries"][3]["effect"]["mitigated_by"] == data["entries"][2]["id"]
    assert [o["reason"] for o in data["not_taken_up"]] == ["Out of scope for now"]


def test_csv_export_has_a_bom_and_one_row_per_entry(client, logged, organiser):
    text = body(export(client, logged["iteration"], "csv", organiser))

    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [r["title"] for r in rows] == [
        "Nights",
        "Night line",
        "Night line by nurses",
        "Less worry",
    ]
    assert rows[2]["cards"] == "Who do I call at night?\nWeekly summary, please"
    assert rows[2]["card_roles"] == "patient; clinician"
    assert rows[1]["superseded_by"] == rows[2]["entry_id"]
    assert rows[0]["themes"] == "Nights"
    assert rows[3]["effect_sign"] == "positive"


def test_markdown_export_shows_cycle_entries_and_evidence(client, logged, organiser):
    response = export(client, logged["iteration"], "md", organiser)
    text = body(response)

    assert response["Content-Disposition"].endswith('-iteration-1-log.md"')
    assert "## The cycle" in text
    assert "### Decision: Night line by nurses" in text
    assert (
        "- Card (Patient) on “What matters to you at home?”: “Who do I call at night?”"
        in text
    )
    assert "_Superseded by entry" in text
    assert "Only in iteration 2" not in text
    assert "## Not taken up" in text


def test_project_export_holds_every_iteration(client, logged, organiser):
    client.force_login(organiser)
    url = reverse(
        "codesign:project_export", args=[logged["iteration"].project_id, "json"]
    )

    data = json.loads(body(client.get(url)))

    assert [i["number"] for i in data["iterations"]] == [1, 2]
    assert data["entries"][-1]["title"] == "Only in iteration 2"


def test_gripp2_report_fills_its_five_sections(client, logged, organiser, project):
    project.reflections = "Patients asked for shorter sessions."
    project.save()

    text = body(export(client, logged["iteration"], "gripp2.md", organiser))

    sections = [
        "## 1. Aim",
        "## 2. Methods",
        "## 3. Results",
        "## 4. Discussion and conclusions",
        "## 5. Reflections",
    ]
    positions = [text.index(s) for s in sections]
    assert positions == sorted(positions)
    assert "Shape the monitoring kit with patients and carers." in text
    assert (
        "On the feedback boards: Patient 1, Clinician 1, Engineer or designer 1" in text
    )
    assert "### Decision: Night line by nurses" in text
    assert "Shaped by: Patient 1, Clinician 1." in text
    assert "Out of scope for now" in text
    assert "- Effect: positive, anticipated." in text
    assert "- Mitigated by the decision “Night line by nurses”" in text
    assert "Patients asked for shorter sessions." in text


def test_gripp2_printable_page_is_html(client, logged, organiser):
    response = export(client, logged["iteration"], "gripp2.html", organiser)
    html = body(response)

    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "<h2>1. Aim</h2>" in html
    assert "<h2>5. Reflections</h2>" in html
    assert html.rstrip().endswith("</html>")


def test_exports_never_name_participants(client, logged, organiser):
    for fmt in ["md", "csv", "json", "gripp2.md", "gripp2.html"]:
        text = body(export(client, logged["iteration"], fmt, organiser))

        assert "Anna" not in text
        assert "@example.org" not in text
        assert "Tess Team" in text or fmt.startswith("gripp2")


def test_exports_are_refused_to_outsiders_and_facilitators(
    client, logged, outsider, facilitator
):
    assert export(client, logged["iteration"], "json", outsider).status_code == 404
    assert export(client, logged["iteration"], "json", facilitator).status_code == 403


def test_unknown_export_format_is_not_found(client, logged, organiser):
    assert export(client, logged["iteration"], "xlsx", organiser).status_code == 404


def test_export_refuses_wrong_method(client, logged, organiser):
    client.force_login(organiser)
    url = reverse(
        "codesign:project_export", args=[logged["iteration"].project_id, "md"]
    )

    assert client.post(url).status_code == 405


def test_json_round_trips_through_import_log(client, logged, organiser, tmp_path):
    project = logged["iteration"].project
    client.force_login(organiser)
    url = reverse("codesign:project_export", args=[project.pk, "json"])
    first = json.loads(body(client.get(url)))
    path = tmp_path / "log.json"
    path.write_text(json.dumps(first), encoding="utf-8")
    project.delete()
    assert LogEntry.objects.count() == 0

    call_command(
        "import_log", str(path), organiser=organiser.email, stdout=io.StringIO()
    )

    restored = Project.objects.get()
    second = json.loads(
        body(client.get(reverse("codesign:project_export", args=[restored.pk, "json"])))
    )

    def content(data):
        entries = [
            {
                **e,
                "id": None,
                "supersedes": None,
                "effect": e["effect"] and {**e["effect"], "mitigated_by": None},
            }
            for e in data["entries"]
        ]
        return data["project"], data["iterations"], entries, data["not_taken_up"]

    assert content(second) == content(first)
    restored_entries = list(LogEntry.objects.order_by("created_at", "id"))
    assert restored_entries[2].supersedes == restored_entries[1]
    assert restored_entries[3].mitigated_by == restored_entries[2]


@pytest.mark.parametrize(
    "text, message",
    [
        ("{not json", "not valid JSON"),
        ('{"schema_version": 99}', "Unknown schema version 99"),
        ('{"schema_version": 1, "project": {}}', "does not follow the schema"),
        ("[]", "not a Codesign log export"),
    ],
)
def test_bad_import_file_gives_a_clear_error_and_saves_nothing(
    tmp_path, text, message, db
):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("import_log", str(path))

    assert message in str(error.value)
    assert Project.objects.count() == 0


def test_import_with_a_dangling_reference_saves_nothing(
    client, logged, organiser, tmp_path
):
    client.force_login(organiser)
    project = logged["iteration"].project
    data = json.loads(
        body(client.get(reverse("codesign:project_export", args=[project.pk, "json"])))
    )
    data["entries"][2]["supersedes"] = 424242
    path = tmp_path / "log.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = Project.objects.count()

    with pytest.raises(CommandError) as error:
        call_command("import_log", str(path), organiser=organiser.email)

    assert "refers to an entry that comes later or is missing" in str(error.value)
    assert Project.objects.count() == before


def test_export_of_10000_entries_streams_with_constant_queries(
    client, organiser, team_member, iteration, project
):
    board = make_board(project, organiser, iteration)
    card = make_card(board, "Night calls")
    entries = LogEntry.objects.bulk_create(
        LogEntry(
            iteration=iteration,
            kind=EntryKind.DECISION,
            title=f"Decision {n}",
            author_name="Tess Team",
        )
        for n in range(10_000)
    )
    Evidence.objects.bulk_create(
        Evidence(entry=e, kind="card", card=card, text=card.text, role="patient")
        for e in entries
    )
    client.force_login(organiser)
    url = reverse("codesign:iteration_export", args=[project.pk, 1, "csv"])

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        iterator = iter(response.streaming_content)
        first = next(iterator)
        after_first_chunk = len(queries.captured_queries)
        rest = b"".join(iterator)

    rows = list(csv.reader(io.StringIO((first + rest).decode("utf-8")[1:])))
    assert response.streaming
    assert len(rows) == 10_001
    # 10,000 entries are read in 20 chunks of 500, each with one query for the
    # entries and one for their evidence: the count grows with chunks, not entries.
    entry_queries = [
        q for q in queries.captured_queries if "codesign_logentry" in q["sql"]
    ]
    assert len(entry_queries) <= 2 * 21
    assert after_first_chunk < len(queries.captured_queries)
