"""The offline manifest's recent versions, so that a phone is sent only what changed.

Each version of the manifest a phone is sent is written down once, with the revision of every
entry (`OfflineManifestVersion`). A phone checking for new guidance names the version it holds;
the difference between that version's revisions and the current ones is all it needs. Versions
are fingerprints of their revisions, so two servers, or two publishes at once, can only ever write
the same row for the same version: there is nothing to order and nothing to invalidate, and a
backup restored or a page republished unchanged is still compared correctly.

Only the newest `OFFLINE_VERSIONS_KEPT` versions are kept (each is about 57 bytes a condition,
compressed). A phone holding an older one, or one this server never wrote, is sent the whole
manifest, as on its first visit.
"""

import json
import logging
import zlib

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.db.models import Subquery

from .models import OfflineManifestVersion

logger = logging.getLogger(__name__)


def _pack(revisions: dict[str, str]) -> bytes:
    return zlib.compress(json.dumps(revisions, separators=(",", ":")).encode(), level=9)


def version_remember(*, version: str, revisions: dict[str, str]) -> None:
    """Write down a version a phone is about to be sent, once, keeping only the newest ones."""
    # Each worker writes (or finds written) a version once, then only remembers it did.
    written = f"offline-version-written:{version}"
    if caches["pages"].get(written):
        return
    try:
        with transaction.atomic():
            OfflineManifestVersion.objects.bulk_create(
                [OfflineManifestVersion(version=version, revisions=_pack(revisions))],
                ignore_conflicts=True,  # another server, or worker, wrote it first
            )
            newest = OfflineManifestVersion.objects.order_by("-pk").values("pk")
            kept = settings.OFFLINE_VERSIONS_KEPT
            OfflineManifestVersion.objects.filter(pk__lt=Subquery(newest[kept - 1 : kept])).delete()
    except DatabaseError:
        # The reader still gets their answer; a phone holding this version gets the whole
        # manifest at its next check instead of what changed.
        logger.warning("Could not write down offline manifest version %s.", version, exc_info=True)
        return
    caches["pages"].set(written, True, timeout=None)


def revisions_at(version: str) -> dict[str, str] | None:
    """{url: revision} of every entry of that version, or None if it is not (or no longer) kept."""
    packed = (
        OfflineManifestVersion.objects.filter(version=version)
        .values_list("revisions", flat=True)
        .first()
    )
    return None if packed is None else json.loads(zlib.decompress(packed))
