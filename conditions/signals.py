"""What patients read changed, for whoever keeps a record (the security app's audit trail). Each
is sent inside the transaction that does it, so a refused step records nothing.

- `condition_published`, `condition_unpublished`: a reviewer put a condition on the site or took
  it off; with `condition` and `by`.
- `term_published`, `term_unpublished`: the same for a term; with `term` and `by` (None for the
  seed content).
- `condition_deleted`, `term_deleted`: a reviewer deleted a condition or a term that was on the
  site (deleting a draft that was not on it sends nothing); with `condition` or `term` (no longer
  saved, its fields as they were) and `by`.
- `conditions_imported`: a file import (an operator's command, no review) put the conditions in
  `published` on the site and took those in `unpublished` off it.
"""

from django.dispatch import Signal

condition_published = Signal()
condition_unpublished = Signal()
term_published = Signal()
term_unpublished = Signal()
condition_deleted = Signal()
term_deleted = Signal()
conditions_imported = Signal()
