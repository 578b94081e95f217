"""``python manage.py apply_retention``: erase what the projects' periods no longer
allow; idempotent, safe to run from cron every night (issue 14)."""

from datetime import date

from django.core.management.base import BaseCommand

from codesign.retention import apply_retention, start_of


class Command(BaseCommand):
    help = "Erase personal data kept longer than each project's retention periods."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Erase nothing; print what would be erased.",
        )
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            help="Apply the periods as on this day (YYYY-MM-DD), from its midnight.",
        )

    def handle(self, *args, dry_run=False, today=None, **options):
        now = start_of(today) if today else None
        verb = "Would erase" if dry_run else "Erased"
        erased = apply_retention(now=now, dry_run=dry_run)
        for project, counts in erased.items():
            if any(counts.values()):
                listed = ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items()))
                self.stdout.write(
                    f"{verb} in project {project.pk} “{project}”: {listed}"
                )
        if not any(any(counts.values()) for counts in erased.values()):
            self.stdout.write(f"{verb} nothing.")
