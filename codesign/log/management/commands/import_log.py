"""``python manage.py import_log FILE --organiser EMAIL``: restore a log from its export."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from codesign.log.importer import MAX_FILE_BYTES, import_log, read_export


class Command(BaseCommand):
    help = (
        "Create a project with its iterations and log from a JSON log export "
        f"(at most {MAX_FILE_BYTES // 2**20} MB)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A JSON file made by the log's JSON export.")
        parser.add_argument(
            "--organiser",
            metavar="EMAIL",
            help="The account that organises the project (required).",
        )

    def handle(self, *args, file, organiser=None, **options):
        try:
            data = read_export(_read(file))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user = _organiser(organiser)
        try:
            project = import_log(data, organiser=user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        entries = sum(it.log_entries.count() for it in project.iterations.all())
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported “{project.title}” (project {project.pk}): "
                f"{project.iterations.count()} iterations, {entries} entries."
            )
        )


def _read(file: str) -> str:
    """The file's text; too big, unreadable or not UTF-8 is a ``CommandError``."""
    try:
        with open(file, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise CommandError(
                f"{file} is larger than {MAX_FILE_BYTES // 2**20} MB; "
                "an export of a project is far smaller."
            )
        return raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"Cannot read {file}: {error}") from None


def _organiser(email: str | None):
    """The account named by ``--organiser``: without one, nobody could open the project."""
    if not email:
        raise CommandError(
            "Give --organiser EMAIL: the imported project needs an organiser, "
            "or nobody could open it."
        )
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None:
        raise CommandError(f"No account has the e-mail address {email}.")
    return user
