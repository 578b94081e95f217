"""``spreadsheet_safe`` defuses formulas, look-alikes and hidden prefixes included."""

import csv
import io

import pytest
from django.urls import reverse

from codesign.spreadsheet import safe_row, spreadsheet_safe
from tests.events.conftest import make_registration, make_workshop


@pytest.mark.parametrize(
    "value",
    [
        "=1+1",
        "+31 6 1234",
        "-2",
        "@SUM(A1)",
        "\tTab",
        "\rReturn",
        "＝HYPERLINK(1)",
        "＋1",
        "－1",
        "＠SUM(A1)",
        "\u200b=1+1",
        "\u200c=1+1",
        "\u200d+1",
        "\ufeff=1+1",
        "\u2060-1",
        "\u200b\ufeff\u2060＝1",
        "\u202e=1",
    ],
)
def test_formula_starts_get_a_quote(value):
    assert spreadsheet_safe(value) == "'" + value


@pytest.mark.parametrize(
    "value", ["", "Anna", "1+1", " =1", "\u200b", "a=b", "é", "'=already quoted"]
)
def test_plain_text_is_left_alone(value):
    assert spreadsheet_safe(value) == value


def test_safe_row_turns_every_cell_into_safe_text():
    assert safe_row(["=x", None, 3, "ok"]) == ["'=x", "", "3", "ok"]


def test_registrations_csv_defuses_the_email_column(client, organiser, project):
    workshop = make_workshop(project)
    make_registration(
        workshop, 1, name="Anna", email="=cmd@example.org", companion_name="＝1"
    )
    client.force_login(organiser)

    response = client.get(
        reverse(
            "events:registration_export_csv", args=[workshop.project_id, workshop.pk]
        )
    )

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][:5] == ["Anna", "'=cmd@example.org", "Patient", "Confirmed", "'＝1"]
