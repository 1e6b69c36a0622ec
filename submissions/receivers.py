"""Keep published pages' comments in step when a condition is published again."""

from .services import comments_publish


def publication_created(sender, instance, created, raw=False, **kwargs):
    # A condition taken off the site lost its published copy; its approved comments come back
    # with the new one.
    if created and not raw:
        comments_publish(condition_id=instance.condition_id)
