"""A poll's revealed results cited in the log appear in every export (issue 19)."""

import csv
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from codesign.log import actions as log_actions
from codesign.log.models import Evidence
from codesign.models import Project
from feedback import activities
from feedback.access import board_for
from feedback.models import Activity
from tests.codesign.log.factories import make_board
from tests.feedback.conftest import Guest

pytestmark = pytest.mark.django_db


@pytest.fixture
def poll(project, organiser, iteration):
    board = make_board(project, organiser, iteration)
    staff = board_for(organiser, board, {})
    ack = activities.add_activity(
        staff, "poll", "Which prototype?", ["Tablet", "Watch"]
    )
    poll = Activity.objects.get(pk=ack.result["activity"])
    activities.open_activity(staff, poll.pk)
    tablet = poll.options.first().pk
    for n in range(6):
        activities.answer_activity(Guest(board, f"G{n}").access, poll.pk, [tablet])
    return poll, staff


def cite(team_member, iteration, poll):
    return log_actions.record_entry(
        team_member, iteration, kind="decision", title="Tablet", activities=[poll.pk]
    )


def export(client, user, project, fmt) -> str:
    client.force_login(user)
    url = reverse("codesign:project_export", args=[project.pk, fmt])
    return b"".join(client.get(url).streaming_content).decode("utf-8")


def test_a_sealed_activity_cannot_be_cited(poll, team_member, iteration):
    activity, _staff = poll

    with pytest.raises(ValidationError):
        cite(team_member, iteration, activity)

    assert Evidence.objects.count() == 0


def test_a_cited_activity_appears_in_every_export(
    client, poll, team_member, organiser, iteration, project
):
    activity, staff = poll
    activities.reveal_activity(staff, activity.pk)

    cite(team_member, iteration, activity)
    data = json.loads(export(client, organiser, project, "json"))
    rows = list(csv.DictReader(io.StringIO(export(client, organiser, project, "csv"))))
    markdown = export(client, organiser, project, "md")

    (evidence,) = data["entries"][0]["evidence"]
    assert data["schema_version"] == 2
    assert (evidence["type"], evidence["question"]) == ("activity", "Which prototype?")
    assert [
        (r["label"], r["count"]) for r in evidence["results"]["overall"]["rows"]
    ] == [
        ("Tablet", 6),
        ("Watch", 0),
    ]
    assert rows[0]["activities"] == "Which prototype?: Tablet 6; Watch 0"
    assert "Which prototype?: Tablet 6; Watch 0" in markdown


def test_a_version_2_file_with_an_activity_round_trips(
    client, poll, team_member, organiser, iteration, project, tmp_path
):
    activity, staff = poll
    activities.reveal_activity(staff, activity.pk)
    cite(team_member, iteration, activity)
    first = json.loads(export(client, organiser, project, "json"))
    path = tmp_path / "log.json"
    path.write_text(json.dumps(first), encoding="utf-8")
    project.delete()

    call_command(
        "import_log", str(path), organiser=organiser.email, stdout=io.StringIO()
    )

    second = json.loads(export(client, organiser, Project.objects.get(), "json"))
    assert second["entries"][0]["evidence"] == first["entries"][0]["evidence"]


def test_the_entry_form_cites_a_revealed_activity(
    client, poll, team_member, iteration, project
):
    activity, staff = poll
    activities.reveal_activity(staff, activity.pk)
    client.force_login(team_member)
    url = reverse(
        "codesign:entry_create",
        kwargs={"project_id": project.pk, "number": iteration.number},
    )

    page = client.get(url).content.decode()
    client.post(
        url,
        {
            "kind": "decision",
            "title": "Tablet",
            "activities": [activity.pk],
            "save": "1",
        },
    )

    assert f'name="activities" value="{activity.pk}"' in page
    evidence = Evidence.objects.get()
    assert (evidence.kind, evidence.text) == ("activity", "Which prototype?")
