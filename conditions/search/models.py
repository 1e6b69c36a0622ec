"""What search reads: one entry per published condition, and the words they hold."""

from django.db import models


class SearchEntry(models.Model):
    """The searched text of one published condition, split by how much a match there counts.

    SQLite indexes these columns in an FTS5 table kept by triggers (with porter, for English) and
    other languages' also stemmed by the app in a second table; PostgreSQL in a `document`
    tsvector column of the app's keys with a GIN index (postgres.py, migration 0017). The app
    writes both beside the entries it writes in bulk (documents.IndexChanges), and after any
    other save of one (documents.entry_loaded).
    """

    publication = models.OneToOneField(
        "conditions.Publication", on_delete=models.CASCADE, related_name="search_entry"
    )
    names = models.TextField(help_text="The title and other names.")
    headings = models.TextField(help_text="Section headings.")
    body = models.TextField(help_text="Question, summary, lead, related titles, sections.")
    language = models.CharField(
        max_length=20, default="en", help_text="The publication's: which stemmer reads it."
    )

    class Meta:
        verbose_name_plural = "search entries"

    def __str__(self) -> str:
        return self.names.partition("\n")[0]


class SearchWord(models.Model):
    """A word found in the published guidance, for correcting typos in searches."""

    word = models.CharField(max_length=100, unique=True)
    length = models.PositiveSmallIntegerField()
    entries = models.PositiveIntegerField(help_text="How many published conditions use it.")

    def __str__(self) -> str:
        return self.word
