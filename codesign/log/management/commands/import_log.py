"""``python manage.py import_log FILE``: restore a project's log from its JSON export."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from codesign.log.importer import import_log, read_export


class Command(BaseCommand):
    help = "Create a project with its iterations and log from a JSON log export."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A JSON file made by the log's JSON export.")
        parser.add_argument(
            "--organiser",
            metavar="EMAIL",
            help="Make the account with this e-mail address the project's organiser.",
        )

    def handle(self, *args, file, organiser=None, **options):
        try:
            with open(file, encoding="utf-8-sig") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        user = None
        if organiser:
            user = get_user_model().objects.filter(email__iexact=organiser).first()
            if user is None:
                raise CommandError(f"No account has the e-mail address {organiser}.")
        try:
            project = import_log(read_export(text), organiser=user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        entries = sum(it.log_entries.count() for it in project.iterations.all())
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported “{project.title}” (project {project.pk}): "
                f"{project.iterations.count()} iterations, {entries} entries."
            )
        )
