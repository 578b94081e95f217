from django.db import migrations, models
from django.db.models import Max


def date_closed_boards(apps, schema_editor):
    """A board closed before this field existed closed no later than its last event."""
    Board = apps.get_model("feedback", "Board")
    closed = Board.objects.filter(state="closed").annotate(last_event=Max("events__at"))
    for board in closed:
        board.closed_at = board.last_event or board.created_at
        board.save(update_fields=["closed_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_facilitation"),
    ]

    operations = [
        migrations.AddField(
            model_name="board",
            name="closed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="closed at"),
        ),
        migrations.RunPython(date_closed_boards, migrations.RunPython.noop),
    ]
