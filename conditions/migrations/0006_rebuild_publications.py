"""Publications taken before the review workflow are rebuilt after migrating, not here.

The rebuild uses the current models and serializers, so it cannot run in the middle of the
migration history: a later migration adding a column would break it. `conditions.upgrade` does it
once every migration has run (see ConditionsConfig.ready).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("conditions", "0005_editor_and_reviewer_groups")]

    operations = []
