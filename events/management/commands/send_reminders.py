"""``python manage.py send_reminders``: safe to run from cron every few minutes."""

from django.core.management.base import BaseCommand

from events.organisers import send_digests
from events.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "E-mail a reminder to everyone with a place in a session that starts within "
        "a day, and the organisers' daily digests that are due."
    )

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"Sent {sent} reminder(s).")
        # Organisers who chose a digest get it from the same cron line.
        self.stdout.write(f"Sent {send_digests()} digest(s).")
