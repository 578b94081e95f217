"""Restore a project's log from the JSON export (``import_log``), all or nothing."""

import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from codesign.models import Iteration, Membership, Project

from .exports import LOG_SCHEMA, SCHEMA_VERSION
from .models import CardOutcome, Evidence, LogEntry


def read_export(text: str) -> dict:
    """The parsed export, or a ``ValidationError`` that says what is wrong."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ValidationError(_("The file is not valid JSON: %s") % error) from None
    if not isinstance(data, dict) or "schema_version" not in data:
        raise ValidationError(_("The file is not a Codesign log export."))
    if data["schema_version"] != SCHEMA_VERSION:
        raise ValidationError(
            _("Unknown schema version %(found)r; this version reads %(known)s.")
            % {"found": data["schema_version"], "known": SCHEMA_VERSION}
        )
    error = next(iter(Draft202012Validator(LOG_SCHEMA).iter_errors(data)), None)
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "/"
        raise ValidationError(
            _("The file does not follow the schema at %(where)s: %(message)s")
            % {"where": where, "message": error.message}
        )
    return data


def _when(value):
    return parse_datetime(value) if value else None


def _evidence(entry: LogEntry, item: dict) -> Evidence:
    kind = item["type"]
    return Evidence(
        entry=entry,
        kind=kind,
        text=item.get("text") or item.get("name") or item.get("title") or "",
        role=item.get("role", ""),
        board_prompt=item.get("board", ""),
        theme_name=item.get("theme", ""),
        starts_at=_when(item.get("starts_at")),
    )


def _entries(data: dict, iterations: dict) -> int:
    created = {}
    for item in data["entries"]:
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
        effect = item["effect"] or {}
        entry = LogEntry.objects.create(
            iteration=iterations[item["iteration"]],
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
        created[item["id"]] = entry
    return len(created)


@transaction.atomic
def import_log(data: dict, organiser=None) -> Project:
    """Create the project, its iterations, entries and outcomes from an export."""
    project = Project.objects.create(**data["project"])
    if organiser is not None:
        Membership.objects.create(
            project=project, user=organiser, role=Membership.Role.ORGANISER
        )
    iterations = {}
    for item in data["iterations"]:
        if item["number"] in iterations:
            raise ValidationError(
                _("Iteration %s appears twice in the file.") % item["number"]
            )
        iterations[item["number"]] = _iteration(project, item)
    _entries(data, iterations)
    for item in data["not_taken_up"]:
        if item["iteration"] not in iterations:
            raise ValidationError(_("An outcome belongs to an unknown iteration."))
        CardOutcome.objects.create(
            project=project,
            iteration=iterations[item["iteration"]],
            is_theme=item["type"] == "theme",
            text=item["text"],
            role=item["role"],
            board_prompt=item["board"],
            reason=item["reason"],
            recorded_by_name=item["recorded_by"],
            recorded_at=_when(item["recorded_at"]),
        )
    return project


def _iteration(project: Project, item: dict) -> Iteration:
    fields = {**item, "opened_at": _when(item["opened_at"])}
    fields["closed_at"] = _when(item["closed_at"])
    return Iteration.objects.create(project=project, **fields)
