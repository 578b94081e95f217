"""The team's reflections for the GRIPP2 report, and the documented JSON example."""

import json
import re
from pathlib import Path

from django.urls import reverse
from jsonschema import Draft202012Validator

from codesign.log.exports import LOG_SCHEMA

ROOT = Path(__file__).resolve().parents[3]


def url(project):
    return reverse("codesign:reflections_edit", args=[project.pk])


def test_team_saves_reflections(client, project, team_member):
    client.force_login(team_member)

    response = client.post(url(project), {"reflections": "  Shorter sessions.  "})

    project.refresh_from_db()
    assert response.status_code == 302
    assert project.reflections == "Shorter sessions."


def test_reflections_refuse_outsiders_facilitators_and_wrong_methods(
    client, project, outsider, facilitator, team_member
):
    client.force_login(outsider)
    assert client.get(url(project)).status_code == 404
    client.force_login(facilitator)
    assert client.post(url(project), {"reflections": "x"}).status_code == 403
    client.force_login(team_member)
    assert client.put(url(project)).status_code == 405


def test_over_long_reflections_are_refused(client, project, team_member):
    client.force_login(team_member)

    response = client.post(url(project), {"reflections": "x" * 20001})

    project.refresh_from_db()
    assert response.status_code == 200
    assert project.reflections == ""


def test_documented_example_follows_the_schema():
    doc = (ROOT / "docs" / "log-export-schema.md").read_text()
    example = json.loads(re.search(r"```json\n(.*?)```", doc, re.DOTALL).group(1))

    assert list(Draft202012Validator(LOG_SCHEMA).iter_errors(example)) == []
