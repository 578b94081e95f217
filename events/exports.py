"""The organisers' CSV export of a workshop's registrations (it includes access needs)."""

import csv

from django.utils import timezone
from django.utils.translation import gettext as _

from codesign.spreadsheet import safe_row

from .models import Workshop


def write_registrations_csv(workshop: Workshop, out) -> None:
    """Write one row per registration, in arrival order; every cell spreadsheet-safe."""
    writer = csv.writer(out)
    writer.writerow(
        safe_row(
            [
                _("Name"),
                _("E-mail address"),
                _("Stakeholder role"),
                _("Status"),
                _("Companion"),
                _("Access needs"),
                _("Registered at"),
                _("Invited"),
            ]
        )
    )
    for registration in workshop.registrations.all():
        placed = registration.placed_at or registration.created_at
        writer.writerow(
            safe_row(
                [
                    registration.name,
                    registration.email,
                    registration.get_role_display(),
                    registration.get_status_display(),
                    registration.companion_name,
                    registration.access_needs,
                    timezone.localtime(placed).isoformat(timespec="seconds"),
                    _("yes") if registration.invitation_id else _("no"),
                ]
            )
        )
