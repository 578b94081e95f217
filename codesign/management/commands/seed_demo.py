"""``python manage.py seed_demo``: idempotent demo data for the embedded default."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from codesign.demo import DEMO_PASSWORD, PEOPLE, seed_core


class Command(BaseCommand):
    help = "Create the demo people, project and iterations (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Allow demo accounts in production mode.",
        )

    def handle(self, *args, force=False, **options):
        if settings.PRODUCTION and not force:
            raise CommandError(
                "seed_demo creates accounts with a known password; use --force."
            )
        demo = seed_core()
        from events.demo import seed_events

        workshop = seed_events(demo)
        self.stdout.write(self.style.SUCCESS(f"Demo workshop: {workshop.title}"))
        from feedback.demo import seed_feedback

        board = seed_feedback(demo)
        from codesign.log.demo import seed_log

        seed_log(demo, board)
        board_url = f"{settings.SITE_URL}{board.get_absolute_url()}"
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo board: join code {board.join_code} at {board_url}"
            )
        )
        self.stdout.write(self.style.SUCCESS(f"Demo project: {demo['project'].title}"))
        self.stdout.write(f"Demo logins (password for both: {DEMO_PASSWORD}):")
        for key, (email, _name, _role) in PEOPLE.items():
            self.stdout.write(f"  {key:<12} {email}")
