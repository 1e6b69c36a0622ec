"""One way to fingerprint what the app serves, so that a fingerprint changes when, and only when,
what it covers changes.

The fingerprints the app uses: what each covers → who reads it.

- `Publication.revision` (stored): the published payload, all that patients are sent → the API
  detail's ETag, the page cache, the offline manifest, phones.
- `Publication.content_revision` (stored) and `Condition.draft_revision` (stored): the published
  payload and the draft's, without review details, by the same function, so they are equal while
  nobody has changed the draft → the "unpublished changes" flag and filter.
- `Publication.listing_revision` (stored): what the list of conditions shows of the page → the
  home page's manifest entry.
- `Publication.comments_revision` (stored): the approved comments the page shows → the page
  revision.
- `Publication.terms_revision` (stored): the published terms the page marks, with their
  explanations → the page revision (kept by the terms' publishing, conditions/terms/).
- `PublishedTerm.revision` (stored): one published term → the Terms page's manifest entry.
- page revision: the revision, the comments revision, the terms revision and the app version →
  the page cache and the page's manifest entry.
- app version: templates, static files, the worker, and the settings pages state (release,
  retention) → the service worker, the manifest.
- static file revision: one static file's bytes → its manifest entry.
- manifest version and ETag: every manifest entry's address and revision → phones checking for
  new guidance.
- list ETag: the page number and every published revision → the API list.

Not fingerprints of content, and kept apart: `Condition.edit_version`, a counter of the draft's
changes that every save, restore and publish checks (`services.edit_conflict_check`);
a submission's request hash (`submissions.services.request_fingerprint`), stored to recognise a
retried submission; the keyed digest that recognises a plain form sent twice
(`submissions.repeat_keys`).
"""

import hashlib
import json

FULL = 64  # stored revisions of content keep all of sha256's hex digits


def canonical_json(value) -> bytes:
    """`value` as JSON that is the same bytes for the same value: sorted keys, no spaces."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def fingerprint(value, *, length: int = 16) -> str:
    """The first `length` hex digits of sha256 over `value`: bytes as they are, text as UTF-8,
    anything else (dicts, lists of parts) as canonical JSON."""
    if isinstance(value, str):
        value = value.encode()
    elif not isinstance(value, bytes):
        value = canonical_json(value)
    return hashlib.sha256(value).hexdigest()[:length]
