"""A reviewer put a condition on the site or took it off, for whoever keeps a record (the
security app's audit trail): sent inside the transaction that does it, with `condition` and
`by`, so a refused publish records nothing."""

from django.dispatch import Signal

condition_published = Signal()
condition_unpublished = Signal()
