"""``import_log`` refuses hostile files with a ``CommandError`` and saves nothing (issue 13)."""

import copy
import json

import pytest
from django.core.management import CommandError, call_command

from codesign.log.importer import MAX_FILE_BYTES
from codesign.log.models import LogEntry
from codesign.models import Iteration, Project

MOMENT = "2026-11-29T10:00:00+00:00"
ITERATION = {
    "number": 1,
    "stage": "bench",
    "guiding_question": "What should the kit measure?",
    "trl": None,
    "status": "open",
    "direction": "start",
    "back_reason": "",
    "opened_at": MOMENT,
    "closed_at": None,
}
ENTRY = {
    "id": 7,
    "iteration": 1,
    "kind": "decision",
    "title": "A smaller cuff",
    "body": "Patients said the cuff hurts.",
    "recorded_by": "Olivia Organiser",
    "recorded_at": MOMENT,
    "supersedes": None,
    "effect": None,
    "evidence": [],
}
EXPORT = {
    "schema_version": 1,
    "exported_at": MOMENT,
    "scope": "project",
    "project": {
        "title": "Home monitoring",
        "summary": "",
        "involvement_aim": "",
        "reflections": "",
    },
    "iterations": [ITERATION],
    "entries": [ENTRY],
    "not_taken_up": [],
}


def export(**changes) -> dict:
    data = copy.deepcopy(EXPORT)
    data.update(copy.deepcopy(changes))
    return data


def run_import(tmp_path, content, organiser="olivia@example.org") -> str:
    """The CommandError's message for a file with ``content`` (str, bytes or dict)."""
    path = tmp_path / "log.json"
    if isinstance(content, dict):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    path.write_bytes(content)
    options = {"organiser": organiser} if organiser else {}
    with pytest.raises(CommandError) as error:
        call_command("import_log", str(path), **options)
    return str(error.value)


def nothing_saved() -> bool:
    return (
        Project.objects.count(),
        Iteration.objects.count(),
        LogEntry.objects.count(),
    ) == (0, 0, 0)


@pytest.fixture(autouse=True)
def organiser_account(organiser):
    return organiser


def test_a_valid_file_is_imported_with_its_organiser(tmp_path, organiser):
    path = tmp_path / "log.json"
    path.write_text(json.dumps(export()), encoding="utf-8")

    call_command("import_log", str(path), organiser=organiser.email)

    project = Project.objects.get()
    assert project.memberships.get().user == organiser
    assert LogEntry.objects.get().title == "A smaller cuff"


def test_without_organiser_is_refused(tmp_path):
    message = run_import(tmp_path, export(), organiser=None)

    assert message == (
        "Give --organiser EMAIL: the imported project needs an organiser, "
        "or nobody could open it."
    )
    assert nothing_saved()


def test_deep_nesting_is_refused_before_parsing(tmp_path):
    message = run_import(tmp_path, "[" * 100_000 + "]" * 100_000)

    assert message == "The file nests deeper than 12 levels."
    assert nothing_saved()


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    content = b" " * (MAX_FILE_BYTES + 1)

    message = run_import(tmp_path, content)

    assert message.endswith(
        "is larger than 5 MB; an export of a project is far smaller."
    )
    assert nothing_saved()


def test_a_number_too_long_for_python_is_not_json(tmp_path):
    text = json.dumps(export()).replace('"id": 7', '"id": ' + "9" * 5000)

    message = run_import(tmp_path, text)

    assert message.startswith("The file is not valid JSON: ")
    assert nothing_saved()


def test_a_bad_date_fails_the_format_check(tmp_path):
    entry = ENTRY | {"recorded_at": "2026-13-45T10:00:00+00:00"}

    message = run_import(tmp_path, export(entries=[entry]))

    assert message == (
        "The file does not follow the schema at entry 7, field recorded_at: "
        "'2026-13-45T10:00:00+00:00' is not a 'date-time'"
    )
    assert nothing_saved()


def test_year_one_fails_the_format_check(tmp_path):
    iteration = ITERATION | {"opened_at": "0001-01-01T00:00:00+01:00"}

    message = run_import(tmp_path, export(iterations=[iteration]))

    assert message == (
        "The file does not follow the schema at iterations/0/opened_at: "
        "'0001-01-01T00:00:00+01:00' is not a 'date-time'"
    )
    assert nothing_saved()


def test_an_iteration_number_beyond_the_database_is_refused(tmp_path):
    iteration = ITERATION | {"number": 10**30}
    entry = ENTRY | {"iteration": 10**30}

    message = run_import(tmp_path, export(iterations=[iteration], entries=[entry]))

    assert message.startswith("iterations/0 cannot be saved: ")
    assert nothing_saved()


def test_nul_in_a_title_is_refused(tmp_path):
    entry = ENTRY | {"title": "A smaller\x00cuff"}

    message = run_import(tmp_path, export(entries=[entry]))

    assert message == (
        "The text at entry 7, field title is refused: The text holds characters "
        "that cannot be shown, such as control characters or a broken symbol. "
        "Please type it again."
    )
    assert nothing_saved()


def test_a_line_break_in_a_title_is_refused(tmp_path):
    entry = ENTRY | {"title": "A smaller\r\nBcc: cuff"}

    message = run_import(tmp_path, export(entries=[entry]))

    assert message == (
        "The text at entry 7, field title is refused: This text must fit on one line."
    )
    assert nothing_saved()


def test_a_lone_surrogate_is_refused(tmp_path):
    text = json.dumps(export()).replace("Patients said", "Patients \\ud800 said")

    message = run_import(tmp_path, text)

    assert message.startswith("The text at entry 7, field body is refused: ")
    assert nothing_saved()


def test_duplicate_entry_ids_are_refused(tmp_path):
    message = run_import(tmp_path, export(entries=[ENTRY, ENTRY]))

    assert message == "Entry id 7 appears more than once in the file."
    assert nothing_saved()


def test_two_open_iterations_are_refused(tmp_path):
    second = ITERATION | {"number": 2}

    message = run_import(tmp_path, export(iterations=[ITERATION, second]))

    assert message == "Iterations 1, 2 are all open; a project has one open at most."
    assert nothing_saved()


def test_two_entries_superseding_the_same_one_are_refused(tmp_path):
    first = ENTRY | {"id": 8, "supersedes": 7}
    second = ENTRY | {"id": 9, "supersedes": 7}

    message = run_import(tmp_path, export(entries=[ENTRY, first, second]))

    assert message.startswith("entry 9, field - cannot be saved: ")
    assert nothing_saved()


def test_not_utf8_is_refused(tmp_path):
    message = run_import(tmp_path, b'{"schema_version": 1, "x": "\xff"}')

    assert "Cannot read" in message
    assert "utf-8" in message
    assert nothing_saved()
