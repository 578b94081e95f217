"""The iteration log's models now belong to the ``log`` app (codesign.log).

State only: the tables stay where they are, under their old names, and
``log.0001_initial`` takes the models over.
"""

from django.db import migrations

LOG_MODELS = ["CitationNotice", "Evidence", "CardOutcome", "PublicSummary", "LogEntry"]


class Migration(migrations.Migration):
    dependencies = [("codesign", "0003_iteration_log")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name) for name in LOG_MODELS],
            database_operations=[],
        )
    ]
