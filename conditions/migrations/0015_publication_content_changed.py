# When a published copy's content last changed (the date a translation's page gives for its
# original), apart from rewrites of the copy that change no content; and the saved version that
# was published (what "Translate" starts from while the original has a draft in progress).

from django.db import migrations, models
from django.db.models import F


def stamp(apps, schema_editor):
    Publication = apps.get_model("conditions", "Publication")
    Publication.objects.update(content_changed_at=F("published_at"))


class Migration(migrations.Migration):
    dependencies = [("conditions", "0014_search_in_page_language")]

    operations = [
        migrations.AddField(
            model_name="publication",
            name="content_changed_at",
            field=models.DateTimeField(
                null=True,
                help_text="When the content (its content revision) last changed; rewrites that "
                "change only what other pages are listed with it leave it as it is.",
            ),
        ),
        migrations.AddField(
            model_name="publication",
            name="version_id",
            field=models.PositiveBigIntegerField(
                null=True,
                blank=True,
                help_text="The saved version of the condition that was published (its history); "
                "empty for copies published by a bulk import.",
            ),
        ),
        migrations.RunPython(stamp, migrations.RunPython.noop),
    ]
