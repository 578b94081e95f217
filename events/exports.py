"""The organisers' CSV exports: a workshop's registrations (with access needs), a check-in."""

import csv

from django.utils import timezone
from django.utils.translation import gettext as _

from codesign.spreadsheet import safe_row

from .attendance import check_in_list, checked_in_at, sessions_attended
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
                _("Sessions attended"),
                _("Compensation"),
                _("Amount or kind"),
            ]
        )
    )
    attended = sessions_attended(workshop)
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
                    attended.get(registration.pk, 0),
                    registration.get_compensation_status_display(),
                    registration.compensation,
                ]
            )
        )


def write_check_in_csv(session, out) -> None:
    """Write who came to a session: registrants with a place or checked in, and walk-ins."""
    rows, walk_ins = check_in_list(session)
    writer = csv.writer(out)
    writer.writerow(
        safe_row([_("Name"), _("Stakeholder role"), _("Walk-in"), _("Checked in at")])
    )
    for row in rows:
        registration, present = row.registration, row.attendance
        writer.writerow(
            safe_row(
                [
                    registration.name,
                    registration.get_role_display(),
                    _("no"),
                    checked_in_at(present) if present else "",
                ]
            )
        )
    for walk_in in walk_ins:
        writer.writerow(
            safe_row(
                [
                    walk_in.walk_in_name,
                    walk_in.get_role_display(),
                    _("yes"),
                    checked_in_at(walk_in),
                ]
            )
        )
