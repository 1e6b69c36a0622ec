"""Publication.search_text went unread once search had its own index (0010_search)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('conditions', '0011_terms'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='publication',
            name='search_text',
        ),
    ]
