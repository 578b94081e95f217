"""``python manage.py show_address``: where the site is served, and a QR code to join."""

import io

import segno
from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse


class Command(BaseCommand):
    help = "Print the address the site is served on and a QR code of its join page."

    def handle(self, *args, **options):
        join_url = settings.SITE_URL + reverse("feedback:join")
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Codesign is running at {settings.SITE_URL}/")
        )
        self.stdout.write(f"Phones join at {join_url} (scan the code below).")
        code = io.StringIO()
        segno.make(join_url, error="m").terminal(out=code, compact=True)
        self.stdout.write(code.getvalue(), ending="")
        self.stdout.write("Stop with Ctrl+C.")
