"""What the patient app keeps in the database of its own: the offline manifest's recent versions
and the sizes of its entries."""

from django.db import models


class OfflineManifestVersion(models.Model):
    """A version of the offline manifest that a phone was sent, with every entry's revision.

    A phone checking for new guidance names the version it holds; with that version's revisions
    the server sends only the entries changed or removed since (`frontend/offline_versions.py`).
    The version is a fingerprint of the revisions, so a row never changes once written, and any
    server, at any moment, would write the same one.
    """

    version = models.CharField(max_length=64, unique=True)
    # zlib-compressed JSON, {url: revision}: about 57 bytes a condition (its two entries).
    revisions = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.version


class MeasuredEntry(models.Model):
    """The size of a condition's offline entry (its page as the phone keeps it, or its search
    entry) measured at a revision, for every server's offline manifest (`offline_sizes.py`).

    One row per address, overwritten when the entry is measured at a newer revision.
    """

    url = models.CharField(max_length=500, unique=True)
    language = models.CharField(max_length=16)
    revision = models.CharField(max_length=64)
    bytes = models.PositiveIntegerField()

    class Meta:
        # A check reads a language's sizes from the index alone.
        indexes = [
            models.Index(
                fields=["language", "url", "revision", "bytes"], name="measured_entry_read"
            )
        ]

    def __str__(self) -> str:
        return f"{self.url} at {self.revision}: {self.bytes} bytes"
