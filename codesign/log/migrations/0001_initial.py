"""The iteration log's models, taken over from the codesign app (codesign 0004).

State only: the tables were created by codesign 0003 and keep their names. The
content types move along, so permissions granted on the log's models keep working.
"""

import codesign.log.models
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MODELS = ["logentry", "evidence", "cardoutcome", "citationnotice", "publicsummary"]


def move_content_types(apps, schema_editor, old="codesign", new="log"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = ContentType.objects.filter(app_label=new).values_list("model", flat=True)
    ContentType.objects.filter(app_label=old, model__in=MODELS).exclude(
        model__in=list(taken)
    ).update(app_label=new)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, old="log", new="codesign")


STATE_OPERATIONS = [
    migrations.CreateModel(
        name='CardOutcome',
        fields=[
            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ('is_theme', models.BooleanField(default=False, verbose_name='theme')),
            ('text', models.TextField(max_length=1000, verbose_name='text')),
            ('role', models.CharField(blank=True, choices=[('patient', 'Patient'), ('family', 'Family member or carer'), ('clinician', 'Clinician'), ('engineer', 'Engineer or designer'), ('researcher', 'Researcher'), ('community', 'Community member'), ('policy', 'Policy maker or payer'), ('other', 'Other')], max_length=20, verbose_name='stakeholder role')),
            ('board_prompt', models.CharField(blank=True, max_length=300, verbose_name='board')),
            ('reason', models.TextField(max_length=2000, verbose_name='reason')),
            ('recorded_by_name', models.CharField(max_length=150, verbose_name='recorded by')),
            ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='recorded at')),
            ('card', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='outcome', to='feedback.card', verbose_name='card')),
            ('iteration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='card_outcomes', to='codesign.iteration', verbose_name='iteration')),
            ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='card_outcomes', to='codesign.project', verbose_name='project')),
            ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
            ('theme', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='outcome', to='feedback.theme', verbose_name='theme')),
        ],
        options={
            'verbose_name': 'card outcome',
            'verbose_name_plural': 'card outcomes',
            'db_table': 'codesign_cardoutcome',
            'ordering': ['recorded_at', 'id'],
        },
    ),
    migrations.CreateModel(
        name='LogEntry',
        fields=[
            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ('kind', models.CharField(choices=[('insight', 'Insight'), ('decision', 'Decision'), ('change', 'Change'), ('effect', 'Effect'), ('ethics', 'Ethics note'), ('risk', 'Risk'), ('note', 'Note')], max_length=20, verbose_name='kind')),
            ('title', models.CharField(max_length=200, verbose_name='title')),
            ('body', models.TextField(blank=True, help_text='Plain text; *simple* Markdown such as lists and links works.', max_length=20000, verbose_name='text')),
            ('author_name', models.CharField(max_length=150, verbose_name='recorded by')),
            ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='recorded at')),
            ('effect_sign', models.CharField(blank=True, choices=[('positive', 'Positive'), ('negative', 'Negative')], max_length=10, verbose_name='positive or negative')),
            ('effect_certainty', models.CharField(blank=True, choices=[('anticipated', 'Anticipated'), ('observed', 'Observed')], max_length=12, verbose_name='anticipated or observed')),
            ('affected', models.CharField(blank=True, max_length=200, verbose_name='who is affected')),
            ('severity', models.CharField(blank=True, choices=[('low', 'Low'), ('moderate', 'Moderate'), ('high', 'High')], max_length=10, verbose_name='severity')),
            ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='author')),
            ('iteration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='log_entries', to='codesign.iteration', verbose_name='iteration')),
            ('mitigated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='mitigates', to='log.logentry', verbose_name='mitigating decision')),
            ('supersedes', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='superseded_by', to='log.logentry', verbose_name='corrects')),
        ],
        options={
            'verbose_name': 'log entry',
            'verbose_name_plural': 'log entries',
            'db_table': 'codesign_logentry',
            'ordering': ['created_at', 'id'],
        },
    ),
    migrations.CreateModel(
        name='Evidence',
        fields=[
            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ('kind', models.CharField(choices=[('card', 'Card'), ('theme', 'Theme'), ('session', 'Session')], max_length=10, verbose_name='kind')),
            ('text', models.TextField(blank=True, max_length=1000, verbose_name='text')),
            ('role', models.CharField(blank=True, choices=[('patient', 'Patient'), ('family', 'Family member or carer'), ('clinician', 'Clinician'), ('engineer', 'Engineer or designer'), ('researcher', 'Researcher'), ('community', 'Community member'), ('policy', 'Policy maker or payer'), ('other', 'Other')], max_length=20, verbose_name='stakeholder role')),
            ('board_prompt', models.CharField(blank=True, max_length=300, verbose_name='board')),
            ('theme_name', models.CharField(blank=True, max_length=120, verbose_name='theme')),
            ('starts_at', models.DateTimeField(blank=True, null=True, verbose_name='starts at')),
            ('card', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='citations', to='feedback.card', verbose_name='card')),
            ('session', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='citations', to='events.session', verbose_name='session')),
            ('theme', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='citations', to='feedback.theme', verbose_name='theme')),
            ('entry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evidence', to='log.logentry', verbose_name='log entry')),
        ],
        options={
            'verbose_name': 'evidence',
            'verbose_name_plural': 'evidence',
            'db_table': 'codesign_evidence',
            'ordering': ['entry', 'id'],
        },
    ),
    migrations.CreateModel(
        name='CitationNotice',
        fields=[
            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ('card_text', models.TextField(max_length=1000, verbose_name='card')),
            ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
            ('emailed_at', models.DateTimeField(blank=True, null=True, verbose_name='e-mailed at')),
            ('seen_at', models.DateTimeField(blank=True, null=True, verbose_name='seen at')),
            ('participant', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='citation_notices', to='feedback.participant', verbose_name='participant')),
            ('entry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notices', to='log.logentry', verbose_name='log entry')),
        ],
        options={
            'verbose_name': 'citation notice',
            'verbose_name_plural': 'citation notices',
            'db_table': 'codesign_citationnotice',
            'ordering': ['created_at', 'id'],
        },
    ),
    migrations.CreateModel(
        name='PublicSummary',
        fields=[
            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ('token', models.CharField(default=codesign.log.models.new_public_token, max_length=64, unique=True, verbose_name='secret link')),
            ('enabled', models.BooleanField(default=False, verbose_name='public')),
            ('changed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='changed at')),
            ('project', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='public_summary', to='codesign.project', verbose_name='project')),
        ],
        options={
            'verbose_name': 'public summary link',
            'verbose_name_plural': 'public summary links',
            'db_table': 'codesign_publicsummary',
        },
    ),
    migrations.AddIndex(
        model_name='logentry',
        index=models.Index(fields=['iteration', 'created_at'], name='codesign_lo_iterati_72f164_idx'),
    ),
    migrations.AddConstraint(
        model_name='citationnotice',
        constraint=models.UniqueConstraint(fields=('participant', 'entry'), name='one_notice_per_entry'),
    ),
]


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('codesign', '0004_iteration_log_moves_to_log_app'),
        ('events', '0002_workshop_details_registrations'),
        ('feedback', '0002_facilitation'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=STATE_OPERATIONS, database_operations=[]
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
