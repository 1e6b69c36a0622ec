"""Source addresses with what their last check found; editors and reviewers may list them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GROUPS = ("Editor", "Clinical reviewer")


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need this one now.
    app_config = apps.get_app_config("conditions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(content_type__app_label="conditions", codename="view_sourcelink")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(view)


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0008_source_url_http_only"),
    ]

    operations = [
        migrations.CreateModel(
            name="SourceLink",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("url", models.URLField(help_text="The address patients follow.", max_length=500, unique=True)),
                ("status", models.PositiveSmallIntegerField(blank=True, help_text="The HTTP status of the last check, for example 200 (working) or 404 (not found). Empty when the server did not answer.", null=True)),
                ("error", models.CharField(blank=True, help_text="Why the last check failed, if it did.", max_length=300)),
                ("final_url", models.URLField(blank=True, help_text="Where the address redirects to, if elsewhere: consider citing that address.", max_length=2000)),
                ("checked_at", models.DateTimeField(blank=True, help_text="When it was last checked.", null=True)),
                ("conditions", models.ManyToManyField(help_text="Published pages that list this address among their sources.", related_name="source_links", to="conditions.condition")),
            ],
            options={
                "verbose_name": "source link",
                "ordering": ["url"],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
