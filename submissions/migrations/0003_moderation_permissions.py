"""Editors and clinical reviewers answer questions, read feedback and moderate comments."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = {
    "Editor": ["view_feedback", "view_comment", "change_comment", "delete_comment"],
    # Reviewers delete conditions, and with them the feedback readers left on them.
    "Clinical reviewer": [
        "view_feedback", "delete_feedback", "view_comment", "change_comment", "delete_comment"
    ],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need these now.
    app_config = apps.get_app_config("submissions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=PERMISSIONS):
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="submissions", codename__in=PERMISSIONS[group.name]
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=PERMISSIONS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="submissions", codename__in=PERMISSIONS[group.name]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0005_editor_and_reviewer_groups"),
        ("submissions", "0002_feedback_comments_idempotency"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
