"""Bring content stored by older versions up to date, once the schema is current.

Runs after every `manage.py migrate`; when nothing is outdated it costs one query.
"""

from django.db import transaction

from .models import Condition
from .services import draft_revisions_refresh, publication_store


@transaction.atomic
def publications_rebuild_outdated(**kwargs) -> None:
    """Rebuild publications taken before the review workflow, and fill in draft revisions.

    Until then a published condition was always exactly its saved draft, so each copy is taken
    again from its condition, in the current shape (reviewer, urgency, links, content revision).
    """
    outdated = list(Condition.objects.filter(publication__content_revision=""))
    if not outdated:
        return
    for condition in outdated:
        publication_store(condition=condition)
    draft_revisions_refresh(conditions=Condition.objects.all())
