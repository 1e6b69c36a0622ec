"""Each question records the language the reader asked in; questions asked before are in the
first language (English), as every page was then."""

import submissions.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('submissions', '0005_unfound_searches'),
    ]

    operations = [
        migrations.AddField(
            model_name='question',
            name='language',
            field=models.CharField(default=submissions.models.first_language, editable=False, help_text="The language the reader asked in (the page's or the app's); the answer is emailed in it.", max_length=15),
        ),
    ]
