"""Counts of searches that found nothing, which editors and clinical reviewers may read."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GROUPS = ["Editor", "Clinical reviewer"]


def grant_view(apps, schema_editor):
    # Permissions are normally made after every migration; the groups need this one now.
    submissions = apps.get_app_config("submissions")
    submissions.models_module = True
    create_permissions(submissions, apps=apps, verbosity=0)
    submissions.models_module = None
    view = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="submissions", codename="view_unfoundsearch"
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(view)


class Migration(migrations.Migration):

    dependencies = [
        ('submissions', '0004_question_answer_sent'),
        ('conditions', '0005_editor_and_reviewer_groups'),
    ]

    operations = [
        migrations.CreateModel(
            name='UnfoundSearch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('week', models.DateField(help_text='The Monday of the ISO week the searches were made in.')),
                ('query', models.CharField(blank=True, help_text="What readers searched for, in lower case with single spaces; empty for the searches not listed because the week's list was full.", max_length=100)),
                ('searches', models.PositiveIntegerField(default=0, help_text='How many searches for these words found nothing that week.')),
            ],
            options={
                'verbose_name': 'search that found nothing',
                'verbose_name_plural': 'searches that found nothing',
                'ordering': ['-week', '-searches', 'query'],
                'constraints': [models.UniqueConstraint(fields=('week', 'query'), name='unfound_search_once_a_week')],
            },
        ),
        migrations.RunPython(grant_view, migrations.RunPython.noop),
    ]
