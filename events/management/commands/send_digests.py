"""``python manage.py send_digests``: safe to run from cron as often as you like."""

from django.core.management.base import BaseCommand

from events.organisers import send_digests


class Command(BaseCommand):
    help = "E-mail organisers who chose a daily digest the registrations of each day."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"Sent {sent} digest(s).")
