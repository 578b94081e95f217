"""Restore a project's log from the JSON export (``import_log``), all or nothing.

A file may come from anywhere, so it is checked before anything is written: at most
``MAX_FILE_BYTES`` and ``MAX_DEPTH`` levels of nesting, the JSON schema with its
formats, the text rule of every form, unique entry ids and at most one open
iteration. Whatever still fails while saving is answered with a ``ValidationError``
that names the place in the file, and the transaction saves nothing.
"""

import json
from collections import Counter
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker

from codesign.models import Iteration, Membership, Project
from codesign.text import clean_text
from events.forms import FIRST_YEAR, LAST_YEAR
from feedback.frames import json_depth

from .exports import LOG_SCHEMA, SCHEMA_VERSION

# Version 1 is version 2 without activities as evidence: the same reader takes both.
READABLE_VERSIONS = (1, SCHEMA_VERSION)
from .models import CardOutcome, Evidence, LogEntry

MAX_FILE_BYTES = 5 * 1024 * 1024
# An export nests five levels deep; more is not an export.
MAX_DEPTH = 12
# Texts that are one line in the app (a title, a name) are one line in a file too.
ONE_LINE_KEYS = {"title", "guiding_question", "recorded_by", "affected", "role"}
ONE_LINE_KEYS |= {"board", "theme", "name"}
# What saving a hostile value can raise; each becomes a message naming the place.
SAVE_ERRORS = (DatabaseError, ValueError, OverflowError, UnicodeError)

FORMATS = FormatChecker()


@FORMATS.checks("date-time")
def _is_date_time(value) -> bool:
    """An ISO 8601 moment with its offset, in a year the app can store and show."""
    if not isinstance(value, str):
        return True
    try:
        moment = parse_datetime(value)
    except ValueError:
        return False
    return (
        moment is not None
        and moment.tzinfo is not None
        and FIRST_YEAR <= moment.year <= LAST_YEAR
    )


VALIDATOR = Draft202012Validator(LOG_SCHEMA, format_checker=FORMATS)


def read_export(text: str) -> dict:
    """The parsed, checked export, or a ``ValidationError`` that says what is wrong."""
    if json_depth(text) > MAX_DEPTH:
        raise ValidationError(
            _("The file nests deeper than %(max)s levels.") % {"max": MAX_DEPTH}
        )
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ValidationError(_("The file is not valid JSON: %s") % error) from None
    if not isinstance(data, dict) or "schema_version" not in data:
        raise ValidationError(_("The file is not a Codesign log export."))
    if data["schema_version"] not in READABLE_VERSIONS:
        raise ValidationError(
            _("Unknown schema version %(found)r; this version reads %(known)s.")
            % {
                "found": data["schema_version"],
                "known": ", ".join(map(str, READABLE_VERSIONS)),
            }
        )
    error = next(iter(VALIDATOR.iter_errors(data)), None)
    if error is not None:
        raise ValidationError(
            _("The file does not follow the schema at %(where)s: %(message)s")
            % {"where": place(data, error.absolute_path), "message": error.message}
        )
    _check_texts(data, data, ())
    _check_rules(data)
    return data


def place(data: dict, path) -> str:
    """Where in the file: "entry 7, field title" inside an entry, else the JSON path."""
    parts = list(path)
    if len(parts) >= 2 and parts[0] == "entries" and isinstance(parts[1], int):
        entries = data.get("entries")
        item = entries[parts[1]] if isinstance(entries, list) else None
        number = item.get("id") if isinstance(item, dict) else None
        return _("entry %(id)s, field %(field)s") % {
            "id": number if number is not None else f"#{parts[1] + 1}",
            "field": "/".join(str(part) for part in parts[2:]) or "-",
        }
    return "/".join(str(part) for part in parts) or "/"


def _check_texts(data: dict, value, path: tuple) -> None:
    """Every string passes the forms' text rule (no control characters, no surrogates)."""
    if isinstance(value, dict):
        for key, item in value.items():
            _check_texts(data, item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_texts(data, item, (*path, index))
    elif isinstance(value, str):
        try:
            clean_text(value, multiline=path[-1] not in ONE_LINE_KEYS)
        except ValidationError as error:
            raise ValidationError(
                _("The text at %(where)s is refused: %(reason)s")
                % {"where": place(data, path), "reason": " ".join(error.messages)}
            ) from None


def _check_rules(data: dict) -> None:
    """Entry ids are unique and at most one iteration is open, as in the app."""
    counts = Counter(entry["id"] for entry in data["entries"])
    duplicate = next((key for key, count in counts.items() if count > 1), None)
    if duplicate is not None:
        raise ValidationError(
            _("Entry id %(id)s appears more than once in the file.") % {"id": duplicate}
        )
    open_numbers = [i["number"] for i in data["iterations"] if i["status"] == "open"]
    if len(open_numbers) > 1:
        raise ValidationError(
            _("Iterations %(numbers)s are all open; a project has one open at most.")
            % {"numbers": ", ".join(str(number) for number in open_numbers)}
        )


@contextmanager
def _saving(what: str):
    """Turn an error while saving ``what`` into a ``ValidationError`` that names it."""
    try:
        yield
    except SAVE_ERRORS as error:
        raise ValidationError(
            _("%(what)s cannot be saved: %(error)s") % {"what": what, "error": error}
        ) from None


def _when(value):
    return parse_datetime(value) if value else None


def _evidence(entry: LogEntry, item: dict) -> Evidence:
    kind = item["type"]
    return Evidence(
        entry=entry,
        kind=kind,
        text=item.get("text")
        or item.get("name")
        or item.get("title")
        or item.get("question")
        or "",
        role=item.get("role", ""),
        board_prompt=item.get("board", ""),
        theme_name=item.get("theme", ""),
        starts_at=_when(item.get("starts_at")),
        results=item.get("results") or {},
    )


def _entries(data: dict, iterations: dict) -> int:
    created = {}
    for index, item in enumerate(data["entries"]):
        if item["iteration"] not in iterations:
            raise ValidationError(
                _("Entry %s belongs to an iteration that is not in the file.")
                % item["id"]
            )
        refs = [item["supersedes"], (item["effect"] or {}).get("mitigated_by")]
        if any(ref is not None and ref not in created for ref in refs):
            raise ValidationError(
                _("Entry %s refers to an entry that comes later or is missing.")
                % item["id"]
            )
        with _saving(place(data, ("entries", index))):
            created[item["id"]] = _entry(item, iterations[item["iteration"]], created)
    return len(created)


def _entry(item: dict, iteration: Iteration, created: dict) -> LogEntry:
    effect = item["effect"] or {}
    entry = LogEntry.objects.create(
        iteration=iteration,
        kind=item["kind"],
        title=item["title"],
        body=item["body"],
        author_name=item["recorded_by"],
        created_at=_when(item["recorded_at"]),
        supersedes=created.get(item["supersedes"]),
        effect_sign=effect.get("sign", ""),
        effect_certainty=effect.get("certainty", ""),
        affected=effect.get("affected", ""),
        severity=effect.get("severity", ""),
        mitigated_by=created.get(effect.get("mitigated_by")),
    )
    Evidence.objects.bulk_create([_evidence(entry, e) for e in item["evidence"]])
    return entry


@transaction.atomic
def import_log(data: dict, organiser) -> Project:
    """Create the project, its iterations, entries and outcomes; ``organiser`` runs it."""
    with _saving(_("The project")):
        project = Project.objects.create(**data["project"])
        Membership.objects.create(
            project=project, user=organiser, role=Membership.Role.ORGANISER
        )
    iterations = {}
    for index, item in enumerate(data["iterations"]):
        if item["number"] in iterations:
            raise ValidationError(
                _("Iteration %s appears twice in the file.") % item["number"]
            )
        with _saving(place(data, ("iterations", index))):
            iterations[item["number"]] = _iteration(project, item)
    _entries(data, iterations)
    for index, item in enumerate(data["not_taken_up"]):
        if item["iteration"] not in iterations:
            raise ValidationError(_("An outcome belongs to an unknown iteration."))
        with _saving(place(data, ("not_taken_up", index))):
            _outcome(project, iterations[item["iteration"]], item)
    return project


def _iteration(project: Project, item: dict) -> Iteration:
    fields = {**item, "opened_at": _when(item["opened_at"])}
    fields["closed_at"] = _when(item["closed_at"])
    return Iteration.objects.create(project=project, **fields)


def _outcome(project: Project, iteration: Iteration, item: dict) -> CardOutcome:
    return CardOutcome.objects.create(
        project=project,
        iteration=iteration,
        is_theme=item["type"] == "theme",
        text=item["text"],
        role=item["role"],
        board_prompt=item["board"],
        reason=item["reason"],
        recorded_by_name=item["recorded_by"],
        recorded_at=_when(item["recorded_at"]),
    )
