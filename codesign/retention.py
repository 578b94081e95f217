"""Nothing kept longer than the project allows: retention periods applied (issue 14).

The core may not import the layers above it (STYLE.md), so each layer connects two
receivers in its ``AppConfig.ready``: one to ``retention_due`` (in
``codesign.personal_data``), which erases what is due and returns ``{kind: count}``,
and one to ``data_held`` here, which returns a list of ``Held``: what personal data
of the project the layer holds now and when each next goes.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from .access import ORGANISERS, require_role
from .models import Project
from .personal_data import retention_due

data_held = Signal()

PERIOD_FIELDS = (
    "registration_retention_days",
    "name_retention_days",
    "support_retention_days",
)


@dataclass(frozen=True)
class Held:
    """One kind of personal data a project holds: how many, the rule, the next erasure."""

    label: str
    count: int
    rule: str
    next_erasure: datetime | None


def start_of(day: date) -> datetime:
    """Midnight at the start of ``day`` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def default_periods() -> dict[str, int]:
    """The retention periods a new project starts with, by field name."""
    return {name: Project._meta.get_field(name).default for name in PERIOD_FIELDS}


def project_retention(project: Project, *, now, dry_run=False, by=None) -> dict:
    """Erase what the project's periods no longer allow; ``{kind: count}``.

    With ``dry_run`` nothing changes and the counts are what would be erased.
    """
    counts = {}
    with transaction.atomic():
        replies = retention_due.send(
            sender=Project, project=project, now=now, dry_run=dry_run, by=by
        )
        for _receiver, part in replies:
            counts.update(part)
    return counts


def apply_retention(*, now=None, dry_run=False) -> dict[Project, dict]:
    """Apply every project's retention periods, for cron; the counts per project."""
    now = now or timezone.now()
    return {
        project: project_retention(project, now=now, dry_run=dry_run)
        for project in Project.objects.order_by("pk")
    }


def apply_project_retention(actor, project: Project) -> dict:
    """An organiser applies the project's retention periods now."""
    require_role(actor, project, ORGANISERS)
    return project_retention(project, now=timezone.now(), by=actor)


def update_retention(
    actor,
    project: Project,
    *,
    registration_retention_days: int,
    name_retention_days: int,
    support_retention_days: int,
) -> Project:
    """An organiser sets how many days the project keeps each kind of personal data."""
    require_role(actor, project, ORGANISERS)
    project.registration_retention_days = registration_retention_days
    project.name_retention_days = name_retention_days
    project.support_retention_days = support_retention_days
    project.full_clean()
    project.save(update_fields=list(PERIOD_FIELDS))
    return project


def held_by(project: Project, now=None) -> list[Held]:
    """What personal data the project holds now, from every layer."""
    now = now or timezone.now()
    held = []
    for _receiver, part in data_held.send(sender=Project, project=project, now=now):
        held.extend(part)
    return held
