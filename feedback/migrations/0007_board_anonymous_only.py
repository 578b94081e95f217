from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0006_activities"),
    ]

    operations = [
        migrations.AddField(
            model_name="board",
            name="anonymous_only",
            field=models.BooleanField(default=False, verbose_name="anonymous only"),
        ),
    ]
