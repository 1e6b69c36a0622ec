"""Editors and clinical reviewers answer questions, read feedback and moderate comments."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Editor", "Clinical reviewer"]
PERMISSIONS = ["view_feedback", "view_comment", "change_comment", "delete_comment"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need these now.
    app_config = apps.get_app_config("submissions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    wanted = Permission.objects.filter(
        content_type__app_label="submissions", codename__in=PERMISSIONS
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(*wanted)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    unwanted = Permission.objects.filter(
        content_type__app_label="submissions", codename__in=PERMISSIONS
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(*unwanted)


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0005_editor_and_reviewer_groups"),
        ("submissions", "0002_feedback_comments_idempotency"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
