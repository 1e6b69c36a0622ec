"""Rebuild the published copies taken before the review workflow existed.

Until then a published condition was always exactly its saved draft, so each copy is taken
again from its condition, in the new shape (reviewer, urgency, links, content revision), and
every draft's revision is filled in. New databases have no publications and skip this.
"""

from django.db import migrations


def rebuild_publications(apps, schema_editor):
    if not apps.get_model("conditions", "Publication").objects.exists():
        return
    # The payload is whatever the serializers make, so this uses the current code, not the
    # historical models; it runs once, at the upgrade that introduced the workflow.
    from conditions.models import Condition
    from conditions.services import draft_revisions_refresh, publication_store

    for condition in Condition.objects.filter(publication__isnull=False):
        publication_store(condition=condition)
    draft_revisions_refresh(conditions=Condition.objects.all())


class Migration(migrations.Migration):
    dependencies = [("conditions", "0005_editor_and_reviewer_groups")]

    operations = [migrations.RunPython(rebuild_publications, migrations.RunPython.noop)]
