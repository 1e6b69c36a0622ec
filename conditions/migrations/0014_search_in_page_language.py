# Search stems each page in its language (issue 19): SearchEntry.language; on SQLite a second
# FTS5 table holding the app's stems of entries porter does not stem (German), emptied with its
# entries by a trigger; on PostgreSQL the document column made again in the entry's language.
# SQLite adds a column by making the table again, which drops 0010's triggers: they are made
# again and its index rebuilt (after adding the column, and after removing it when reversed).

import importlib

from django.db import migrations, models

STEMMED = "conditions_search_fts_stemmed"
SQLITE_INDEX = [
    f"""CREATE VIRTUAL TABLE {STEMMED} USING fts5(
        names, headings, body, tokenize='unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER {STEMMED}_delete AFTER DELETE ON conditions_searchentry BEGIN
        DELETE FROM {STEMMED} WHERE rowid = old.id; END""",
]
SQLITE_DROP = [f"DROP TRIGGER {STEMMED}_delete", f"DROP TABLE {STEMMED}"]


def _document(config: str) -> str:
    return f"""setweight(to_tsvector('{config}'::regconfig, names), 'A')
        || setweight(to_tsvector('{config}'::regconfig, headings), 'B')
        || setweight(to_tsvector('{config}'::regconfig, body), 'C')"""


def _postgres(expression: str) -> list[str]:
    return [
        "ALTER TABLE conditions_searchentry DROP COLUMN document",
        f"""ALTER TABLE conditions_searchentry ADD COLUMN document tsvector
        GENERATED ALWAYS AS ({expression}) STORED""",
        "CREATE INDEX conditions_searchentry_document ON conditions_searchentry "
        "USING GIN (document)",
    ]


POSTGRES_INDEX = _postgres(
    f"CASE WHEN language = 'de' THEN {_document('german')} ELSE {_document('english')} END"
)
POSTGRES_DROP = _postgres(_document("english"))


def porter_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    search = importlib.import_module("conditions.migrations.0010_search")
    for event in ("insert", "delete", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {search.FTS}_{event}")
    for statement in search.SQLITE_INDEX[1:]:  # the triggers, after the table
        schema_editor.execute(statement)
    schema_editor.execute(f"INSERT INTO {search.FTS}({search.FTS}) VALUES ('rebuild')")


def run_all(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


def index_languages(apps, schema_editor):
    """Each entry takes its publication's language; on SQLite those stemmed by the app go in
    the stemmed table."""
    from conditions.search.documents import index_stemmed

    SearchEntry = apps.get_model("conditions", "SearchEntry")
    entries = list(SearchEntry.objects.select_related("publication"))
    for entry in entries:
        entry.language = entry.publication.language
    SearchEntry.objects.bulk_update(entries, ["language"], batch_size=500)
    if schema_editor.connection.vendor == "sqlite":
        index_stemmed(entries)


class Migration(migrations.Migration):

    dependencies = [
        ('conditions', '0013_translations'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, porter_triggers),
        migrations.AddField(
            model_name='searchentry',
            name='language',
            field=models.CharField(default='en', help_text="The publication's: which stemmer reads it.", max_length=20),
        ),
        migrations.RunPython(porter_triggers, migrations.RunPython.noop),
        migrations.RunPython(
            run_all({"sqlite": SQLITE_INDEX, "postgresql": POSTGRES_INDEX}),
            run_all({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
        migrations.RunPython(index_languages, migrations.RunPython.noop),
    ]
