from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("conditions", "0006_rebuild_publications"),
    ]

    operations = [
        migrations.AddField(
            model_name="publication",
            name="comments",
            field=models.JSONField(
                default=list,
                help_text="Approved reader comments as the page shows them: name, text and date, never an email address. Kept by the submissions app whenever a comment is moderated.",
            ),
        ),
        migrations.AddField(
            model_name="publication",
            name="comments_revision",
            field=models.CharField(
                blank=True, help_text="Changes when the approved comments change.", max_length=64
            ),
        ),
    ]
