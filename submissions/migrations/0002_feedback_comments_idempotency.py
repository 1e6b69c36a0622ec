import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


def give_each_question_a_key(apps, schema_editor):
    Question = apps.get_model("submissions", "Question")
    for question in Question.objects.filter(idempotency_key=None).only("pk"):
        question.idempotency_key = uuid.uuid4()
        question.save(update_fields=["idempotency_key"])


class Migration(migrations.Migration):

    dependencies = [
        ('conditions', '0007_publication_comments'),
        ('submissions', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='question',
            name='answer',
            field=models.TextField(blank=True, help_text='What the team answered, as sent to the reader. Kept here so the next person who reads this question knows it was answered and how.'),
        ),
        migrations.AddField(
            model_name='question',
            name='answered_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='question',
            name='answered_by',
            field=models.ForeignKey(blank=True, help_text='Who on the team wrote the answer.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='question',
            name='edit_version',
            field=models.PositiveIntegerField(default=0, editable=False, help_text='Counts saves in the admin, so two people answering at once cannot overwrite each other.'),
        ),
        # A unique column needs a different value in every existing row: add it empty, give
        # each question its own key, then make it unique.
        migrations.AddField(
            model_name='question',
            name='idempotency_key',
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_question_a_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='question',
            name='idempotency_key',
            field=models.UUIDField(default=uuid.uuid4, editable=False, help_text="Chosen by the reader's app; the same key sent again is the same submission.", unique=True),
        ),
        migrations.AddField(
            model_name='question',
            name='request_hash',
            field=models.CharField(default='', editable=False, help_text='Fingerprint of what was sent, to refuse a reused key with different content.', max_length=64),
        ),
        migrations.AlterField(
            model_name='question',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, db_index=True),
        ),
        migrations.CreateModel(
            name='Comment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('idempotency_key', models.UUIDField(default=uuid.uuid4, editable=False, help_text="Chosen by the reader's app; the same key sent again is the same submission.", unique=True)),
                ('request_hash', models.CharField(default='', editable=False, help_text='Fingerprint of what was sent, to refuse a reused key with different content.', max_length=64)),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('name', models.CharField(help_text='Shown to patients above the comment.', max_length=100)),
                ('email', models.EmailField(blank=True, help_text='Given by the reader for the team only. Never shown on a page or in an API. Erased once the comment is older than the retention period.', max_length=254)),
                ('text', models.TextField(help_text='Shown to patients once approved.', max_length=2000)),
                ('status', models.CharField(choices=[('pending', 'Waiting for moderation'), ('approved', 'Approved: shown on the page'), ('rejected', 'Rejected: never shown')], db_index=True, default='pending', help_text='Only approved comments appear on the page, offline copies included.', max_length=20)),
                ('moderated_at', models.DateTimeField(blank=True, null=True)),
                ('condition', models.ForeignKey(help_text='The guidance page the comment was left on.', on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='conditions.condition')),
                ('moderated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Feedback',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('idempotency_key', models.UUIDField(default=uuid.uuid4, editable=False, help_text="Chosen by the reader's app; the same key sent again is the same submission.", unique=True)),
                ('request_hash', models.CharField(default='', editable=False, help_text='Fingerprint of what was sent, to refuse a reused key with different content.', max_length=64)),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('helpful', models.BooleanField(help_text='Whether the reader found the page helpful.')),
                ('comment', models.TextField(blank=True, help_text='What the reader added, if anything.', max_length=1000)),
                ('condition', models.ForeignKey(help_text='The guidance page the reader was reading.', on_delete=django.db.models.deletion.CASCADE, related_name='feedback', to='conditions.condition')),
            ],
            options={
                'verbose_name_plural': 'feedback',
                'ordering': ['-created_at'],
                'abstract': False,
            },
        ),
    ]
