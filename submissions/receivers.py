"""Keep published pages' comments in step when a condition is published again, and count the
searches that found nothing."""

from .services import comments_publish
from .unfound import unfound_search_count


def publication_created(sender, instance, created, raw=False, **kwargs):
    # A condition taken off the site lost its published copy; its approved comments come back
    # with the new one.
    if created and not raw:
        comments_publish(condition_id=instance.condition_id)


def search_found_nothing(sender, query, **kwargs):
    unfound_search_count(query=query)
