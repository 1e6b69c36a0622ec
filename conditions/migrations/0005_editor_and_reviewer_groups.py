"""The two roles: editors write and submit for review; clinical reviewers also publish."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Editor"
CLINICAL_REVIEWER = "Clinical reviewer"

EDITOR_PERMISSIONS = [
    ("conditions", "view_condition"), ("conditions", "add_condition"),
    ("conditions", "change_condition"),
    ("conditions", "view_section"), ("conditions", "add_section"),
    ("conditions", "change_section"), ("conditions", "delete_section"),
    ("conditions", "view_source"), ("conditions", "add_source"),
    ("conditions", "change_source"), ("conditions", "delete_source"),
    ("conditions", "view_author"), ("conditions", "add_author"), ("conditions", "change_author"),
    ("submissions", "view_question"), ("submissions", "change_question"),
]  # fmt: skip
REVIEWER_PERMISSIONS = EDITOR_PERMISSIONS + [
    ("conditions", "publish_condition"),
    ("conditions", "delete_condition"),
    ("conditions", "delete_author"),
]


def _permissions(apps, wanted):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codename in wanted:
        found.append(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return found


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, wanted in ((EDITOR, EDITOR_PERMISSIONS), (CLINICAL_REVIEWER, REVIEWER_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(apps, wanted))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR, CLINICAL_REVIEWER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("conditions", "0004_review_workflow"),
        ("submissions", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
